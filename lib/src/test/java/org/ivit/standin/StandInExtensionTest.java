package org.ivit.standin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ivit.IvitProcess;
import org.ivit.ReferenceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extending the package as lib/README.md's "Extending" section says: a stand-in dataset, a stand-in
 * prompt kind and a stand-in backbone, each one file in this package plus one registration line
 * under {@code lib/src/test/standin/META-INF/services/}. That folder is not on the test classpath;
 * the JVMs started here get it, as a user's jar or folder would be added. Each addition shows up in
 * {@code ivit train --help}, trains in a run, and fills a results table's cell.
 */
class StandInExtensionTest {
    static final Path REGISTRATIONS = ReferenceFiles.projectRoot().resolve("lib/src/test/standin");

    @TempDir Path dir;

    @Test
    void theRegistrationLinesAreWhatAddsThem() throws Exception {
        IvitProcess.Result without =
                IvitProcess.in(dir).run("org.ivit.cli.Main", "train", "--help");
        assertEquals(0, without.exit(), without.err());
        assertFalse(without.out().contains(StandInDataset.DATASET.id()), without.out());
        assertFalse(without.out().contains("text-heavy"), without.out());
        assertFalse(without.out().contains(StandInBackbone.ID), without.out());

        IvitProcess.Result with =
                IvitProcess.in(dir)
                        .withClassPath(REGISTRATIONS)
                        .run("org.ivit.cli.Main", "train", "--help");
        assertEquals(0, with.exit(), with.err());
        assertTrue(
                with.out().contains("fashion_mnist")
                        && with.out().contains(StandInDataset.DATASET.id()),
                with.out());
        assertTrue(with.out().contains("mix") && with.out().contains("text-heavy"), with.out());
        assertTrue(
                with.out().contains("resnet50") && with.out().contains(StandInBackbone.ID),
                with.out());
    }

    @Test
    void aStandInDatasetAndPromptKindTrainAndFillAResultsTable() throws Exception {
        IvitProcess ivit = IvitProcess.in(dir).withClassPath(REGISTRATIONS);
        IvitProcess.Result prepared =
                ivit.run("org.ivit.cli.Main", "prepare", StandInDataset.DATASET.id());
        assertEquals(0, prepared.exit(), prepared.out() + prepared.err());
        assertTrue(
                Files.isRegularFile(
                        dir.resolve("data")
                                .resolve(StandInDataset.DATASET.id())
                                .resolve("classes.txt")),
                prepared.out());

        IvitProcess.Result trained =
                ivit.run(
                        "org.ivit.cli.Main",
                        "train",
                        "--profile",
                        "quick",
                        "--dataset",
                        StandInDataset.DATASET.id(),
                        "--method",
                        "instruction-vit",
                        "--prompt",
                        "text-heavy",
                        "--set",
                        "backboneWeights=null",
                        "--set",
                        "epochs=2",
                        "--set",
                        "tInitial=2",
                        "--set",
                        "batchSize=30",
                        "--set",
                        "microBatch=30");
        assertEquals(0, trained.exit(), trained.out() + trained.err());
        Path runs = dir.resolve("results/runs");
        List<Path> summaries;
        try (Stream<Path> s = Files.list(runs)) {
            summaries = s.map(p -> p.resolve("summary.json")).filter(Files::isRegularFile).toList();
        }
        assertEquals(1, summaries.size(), summaries.toString());
        summaries = List.copyOf(summaries);
        JsonObject summary =
                JsonParser.parseString(Files.readString(summaries.get(0))).getAsJsonObject();
        assertEquals(StandInDataset.DATASET.id(), summary.get("dataset").getAsString());
        assertEquals("text-heavy", summary.get("prompt").getAsString());
        double test = summary.get("test_top1").getAsDouble();
        assertTrue(test >= 0 && test <= 100, summary.toString());

        IvitProcess.Result baseline =
                ivit.run(
                        "org.ivit.cli.Main",
                        "train",
                        "--profile",
                        "quick",
                        "--dataset",
                        StandInDataset.DATASET.id(),
                        "--method",
                        StandInBackbone.ID,
                        "--set",
                        "backboneWeights=null",
                        "--set",
                        "epochs=2",
                        "--set",
                        "tInitial=2",
                        "--set",
                        "batchSize=30",
                        "--set",
                        "microBatch=30");
        assertEquals(0, baseline.exit(), baseline.out() + baseline.err());
        JsonObject backboneRun =
                JsonParser.parseString(
                                Files.readString(
                                        runs.resolve(
                                                        "quick-"
                                                                + StandInDataset.DATASET.id()
                                                                + "-"
                                                                + StandInBackbone.ID
                                                                + "-full-"
                                                                + runIdHash(baseline.out()))
                                                .resolve("summary.json")))
                        .getAsJsonObject();
        assertEquals(StandInBackbone.ID, backboneRun.get("backbone").getAsString());
        double backboneTest = backboneRun.get("test_top1").getAsDouble();

        IvitProcess.Result report = ivit.run("org.ivit.cli.Main", "report", "--print", "quick");
        assertEquals(0, report.exit(), report.out() + report.err());
        assertTrue(report.out().contains("Shapes"), report.out());
        String table1 = Files.readString(dir.resolve("results/table1-quick.md"));
        assertTrue(table1.contains("| Shapes |") || table1.contains(" Shapes "), table1);
        String ours =
                table1.lines()
                        .filter(l -> l.startsWith("| Ours"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(table1));
        assertTrue(
                ours.contains(String.format("%.2f", test)),
                "the run's test top-1 " + test + " is in its cell: " + ours);
        String patchNet =
                table1.lines()
                        .filter(l -> l.startsWith("| " + StandInBackbone.ROW))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                "no row for the stand-in backbone: " + table1));
        assertTrue(patchNet.contains(String.format("%.2f", backboneTest)), patchNet);
    }

    /** The 8-hex hash of the run id that {@code train} printed. */
    private static String runIdHash(String trainOutput) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("-full-([0-9a-f]{8})").matcher(trainOutput);
        if (!m.find()) {
            throw new AssertionError("no run id in: " + trainOutput);
        }
        return m.group(1);
    }

    /**
     * lib/README.md's "Extending" section tells how to do what this test does, with the names it
     * uses.
     */
    @Test
    void theReadmeExtendingSectionNamesWhatThisTestUses() throws Exception {
        String readme = Files.readString(ReferenceFiles.projectRoot().resolve("lib/README.md"));
        int start = readme.indexOf("\n## Extending\n");
        assertTrue(start >= 0, "lib/README.md has no '## Extending' section");
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        for (String needed :
                List.of(
                        "org.ivit.data.prepare.DatasetRecipe",
                        "org.ivit.data.BenchmarkDataset",
                        "META-INF/services/org.ivit.data.prepare.DatasetRecipe",
                        "org.ivit.prompt.PromptKind",
                        "META-INF/services/org.ivit.prompt.PromptKind",
                        "combine(text, image)",
                        "org.ivit.backbone.BackboneProvider",
                        "META-INF/services/org.ivit.backbone.BackboneProvider",
                        "org.ivit.model.TimmClassifier",
                        "org.ivit.model.ModelVariant",
                        "org.ivit.model.ModelFamily",
                        "Backbones",
                        "StandInExtensionTest",
                        "lib/src/test/java/org/ivit/standin/",
                        "lib/src/test/standin/META-INF/services/",
                        "ivit report",
                        "ivit train --help",
                        "presets/<profile>.json",
                        "@Key",
                        "org.ivit.spec.ExperimentConfig",
                        "SpecSchema",
                        "OneDeclarationPerKeyTest",
                        "org.ivit.spec.Method",
                        "MethodStrategy.of",
                        "RunIds")) {
            assertTrue(
                    section.contains(needed),
                    "lib/README.md's Extending section does not mention " + needed);
        }
        // each registration file the section names exists, with exactly one line: the stand-in's
        // class
        for (String service :
                List.of(
                        "org.ivit.data.prepare.DatasetRecipe",
                        "org.ivit.prompt.PromptKind",
                        "org.ivit.backbone.BackboneProvider")) {
            List<String> lines =
                    Files.readAllLines(REGISTRATIONS.resolve("META-INF/services").resolve(service))
                            .stream()
                            .filter(l -> !l.isBlank() && !l.startsWith("#"))
                            .toList();
            assertEquals(1, lines.size(), service + ": " + lines);
            assertTrue(
                    Files.isRegularFile(
                            ReferenceFiles.projectRoot()
                                    .resolve("lib/src/test/java")
                                    .resolve(lines.get(0).replace('.', '/') + ".java")),
                    lines.get(0) + " is one file of its own");
            // the library registers its own datasets and prompt kinds the same way; its backbones
            // are one list in Backbones
            assertTrue(
                    service.endsWith("BackboneProvider")
                            || Files.isRegularFile(
                                    ReferenceFiles.projectRoot()
                                            .resolve("lib/src/main/resources/META-INF/services")
                                            .resolve(service)),
                    service);
        }
    }
}
