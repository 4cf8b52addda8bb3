package org.ivit.results;

import org.ivit.data.Datasets;
import org.ivit.data.BenchmarkDataset;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.ivit.cli.Main;
import org.ivit.data.prepare.DatasetRecipe;
import org.ivit.loss.SimilarityLoss;
import org.ivit.prompt.PromptKind;
import org.ivit.prompt.TemplateSet;
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
        assertEquals(set(Datasets.ids()), set(RunSummaryReader.DATASETS));
        assertEquals(Datasets.paper().stream().map(BenchmarkDataset::id).toList(), Profiles.defaultDatasets(Profiles.PAPER),
                "the paper's datasets, in its table order");
        assertEquals(List.of("caltech101", "oxford_pets", "stanford_cars", "flowers102"), Profiles.defaultDatasets(Profiles.PAPER));
        assertEquals(List.of("fashion_mnist"), Profiles.defaultDatasets(Profiles.QUICK));
        for (String profile : RunSummaryReader.PROFILES) {
            assertTrue(Datasets.ids().containsAll(Profiles.defaultDatasets(profile)), profile);
        }
    }

    @Test
    void theResultsReaderAcceptsExactlyTheIdsTheTrainingCodeWrites() {
        assertEquals(Arrays.stream(Method.values()).map(Method::id).toList(), RunSummaryReader.METHODS);
        assertEquals(List.of("text", "image", "mix"), RunSummaryReader.PROMPTS);
        assertEquals(Arrays.stream(TuningMode.values()).map(TuningMode::id).toList(), RunSummaryReader.MODES);
        assertEquals(Arrays.stream(SimilarityLoss.values()).map(SimilarityLoss::id).toList(), RunSummaryReader.SIM_LOSSES);
        assertEquals(List.of(Profiles.QUICK, Profiles.PAPER), RunSummaryReader.PROFILES);
    }

    @Test
    void everyProfileRunUsesKnownIdsAndABuiltInTemplateSet() {
        List<ExperimentConfig> runs = new ArrayList<>();
        for (String profile : RunSummaryReader.PROFILES) {
            runs.addAll(Profiles.reproduce(profile, List.of(1, 2), Profiles.defaultDatasets(profile)));
        }
        assertEquals(10 + 4 * (6 + 10), runs.size(),
                "quick: 6 and the 4 Instruction-ViT cells again under recipe authors; paper: per dataset 6 ViT-based runs and 10 Table 1 baselines");
        for (ExperimentConfig cfg : runs) {
            String run = cfg.newRunId();
            assertTrue(RunSummaryReader.PROFILES.contains(cfg.profile()), run);
            assertTrue(RunSummaryReader.DATASETS.contains(cfg.dataset()), run);
            assertDoesNotThrow(() -> Datasets.recipe(cfg.dataset()), run);
            assertTrue(RunSummaryReader.METHODS.contains(cfg.method().id()), run);
            assertTrue(RunSummaryReader.MODES.contains(cfg.mode().id()), run);
            assertTrue(RunSummaryReader.SIM_LOSSES.contains(cfg.prompt().simLoss().id()), run);
            assertTrue(RunSummaryReader.SELECTIONS.contains(cfg.selection().id()), run);
            if (cfg.prompt().kind() != null) {
                assertTrue(RunSummaryReader.PROMPTS.contains(cfg.prompt().kind().id()), run);
            }
            assertTrue(TemplateSet.BUILT_IN.contains(cfg.prompt().templateSet()), run + ": template set " + cfg.prompt().templateSet());
            assertDoesNotThrow(() -> TemplateSet.forDataset(cfg.dataset()), run);
        }
    }

    @Test
    void thePaperRowsNameKnownMethodsModesAndPrompts() {
        for (int table : List.of(1, 2)) {
            for (ReproducedRow row : ReproducedRow.of(table)) {
                assertTrue(RunSummaryReader.METHODS.contains(row.method()), row.toString());
                assertTrue(row.mode() == null || RunSummaryReader.MODES.contains(row.mode()), row.toString());
                assertTrue(row.runPrompt() == null || RunSummaryReader.PROMPTS.contains(row.runPrompt()), row.toString());
            }
        }
    }

    /** The help of {@code prepare} lists every dataset it can prepare, by the id it takes. */
    @Test
    void prepareNamesEveryDatasetItKnows() {
        CommandLine prepare = new CommandLine(new Main()).getSubcommands().get("prepare");
        String help = String.join(" ", prepare.getCommandSpec().positionalParameters().get(0).description());
        for (String id : Datasets.ids()) {
            assertTrue(help.contains(id), "prepare's DATASET help lacks " + id + ": " + help);
        }
    }
}
