package org.ivit.results;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.ivit.cli.Main;
import org.ivit.data.BenchmarkDataset;
import org.ivit.data.Datasets;
import org.ivit.loss.SimilarityLoss;
import org.ivit.prompt.TemplateSet;
import org.ivit.results.ResultTables.ReproducedRow;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;
import org.ivit.spec.Profiles;
import org.ivit.spec.TuningMode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Dataset ids, method ids, prompt kinds and the other ids are spelled in several places (the
 * recipes, the profiles, the results reader, the paper rows, the CLI). They must be the same
 * strings, taken from the registry that writes them.
 */
class RunRecordIdsTest {

    private static <T> TreeSet<T> set(List<T> values) {
        return new TreeSet<>(values);
    }

    @Test
    void theResultsDatasetsAreThePreparableOnes() {
        List<String> benchmark = Datasets.all().stream().map(BenchmarkDataset::id).toList();
        assertEquals(set(Datasets.ids()), set(benchmark));
        assertEquals(
                Datasets.paper().stream().map(BenchmarkDataset::id).toList(),
                Profiles.defaultDatasets(Profiles.PAPER),
                "the paper's datasets, in its table order");
        assertEquals(
                List.of("caltech101", "oxford_pets", "stanford_cars", "flowers102"),
                Profiles.defaultDatasets(Profiles.PAPER));
        assertEquals(List.of("fashion_mnist"), Profiles.defaultDatasets(Profiles.QUICK));
        for (String profile : Profiles.NAMES) {
            assertTrue(Datasets.ids().containsAll(Profiles.defaultDatasets(profile)), profile);
        }
    }

    @Test
    void everyProfileRunUsesKnownIdsAndABuiltInTemplateSet() {
        List<ExperimentConfig> runs = new ArrayList<>();
        for (String profile : Profiles.NAMES) {
            runs.addAll(
                    Profiles.reproduce(profile, List.of(1, 2), Profiles.defaultDatasets(profile)));
        }
        assertEquals(
                10 + 4 * (6 + 10),
                runs.size(),
                "quick: 6 and the 4 Instruction-ViT cells again under recipe authors; paper: per dataset 6 ViT-based runs and 10 Table 1 baselines");
        for (ExperimentConfig cfg : runs) {
            String run = cfg.newRunId();
            assertTrue(Profiles.NAMES.contains(cfg.profile()), run);
            assertTrue(Datasets.ids().contains(cfg.dataset()), run);
            assertDoesNotThrow(() -> Datasets.recipe(cfg.dataset()), run);
            assertTrue(Method.fromId(cfg.method().id()) == cfg.method(), run);
            assertTrue(TuningMode.fromId(cfg.mode().id()) == cfg.mode(), run);
            assertTrue(
                    SimilarityLoss.fromId(cfg.prompt().simLoss().id()) == cfg.prompt().simLoss(),
                    run);
            assertTrue(List.of("val", "test").contains(cfg.selection().id()), run);
            if (cfg.prompt().kind() != null) {
                assertTrue(
                        org.ivit.prompt.PromptKinds.ids().contains(cfg.prompt().kind().id()), run);
            }
            assertTrue(
                    TemplateSet.BUILT_IN.contains(cfg.prompt().templateSet()),
                    run + ": template set " + cfg.prompt().templateSet());
            assertDoesNotThrow(() -> TemplateSet.forDataset(cfg.dataset()), run);
        }
    }

    @Test
    void thePaperRowsNameKnownMethodsModesAndPrompts() {
        for (int table : List.of(1, 2)) {
            for (ReproducedRow row : ReproducedRow.of(table)) {
                assertTrue(
                        Arrays.stream(Method.values())
                                .map(Method::id)
                                .toList()
                                .contains(row.method()),
                        row.toString());
                assertTrue(
                        row.mode() == null
                                || Arrays.stream(TuningMode.values())
                                        .map(TuningMode::id)
                                        .toList()
                                        .contains(row.mode()),
                        row.toString());
                assertTrue(
                        row.runPrompt() == null
                                || org.ivit.prompt.PromptKinds.ids().contains(row.runPrompt()),
                        row.toString());
            }
        }
    }

    /** The help of {@code prepare} lists every dataset it can prepare, by the id it takes. */
    @Test
    void prepareNamesEveryDatasetItKnows() {
        CommandLine prepare = new CommandLine(new Main()).getSubcommands().get("prepare");
        String help =
                String.join(
                        " ", prepare.getCommandSpec().positionalParameters().get(0).description());
        for (String id : Datasets.ids()) {
            assertTrue(help.contains(id), "prepare's DATASET help lacks " + id + ": " + help);
        }
    }
}
