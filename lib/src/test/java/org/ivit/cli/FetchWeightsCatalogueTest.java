package org.ivit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ivit.CliRun;
import org.ivit.data.LoopbackServer;
import org.ivit.io.FileDigest;
import org.ivit.io.SafetensorsWriter;
import org.ivit.io.TimmCheckpoint;
import org.ivit.io.WeightRepository;
import org.ivit.model.ModelFamilies;
import org.ivit.model.WeightCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fetch-weights selections (--only, MODEL, --table1, --all, --list) and a timm-style download on
 * 127.0.0.1.
 */
class FetchWeightsCatalogueTest {
    /** The "repo -> folder" line the command prints before fetching each repository. */
    private static final Pattern HEADER = Pattern.compile("^(\\S+/\\S+) -> ", Pattern.MULTILINE);

    @TempDir Path dir;

    /** The repositories a run set out to fetch, from its output. */
    private static List<String> fetched(CliRun run) {
        Matcher m = HEADER.matcher(run.out());
        List<String> repos = new java.util.ArrayList<>();
        while (m.find()) {
            repos.add(m.group(1));
        }
        return repos;
    }

    /**
     * Runs fetch-weights against a loopback server that has no files: every file is a 404 (no
     * retries, exit 1), but the output shows which repositories and URLs the selection meant.
     */
    private CliRun selecting(String... selection) {
        try (LoopbackServer empty = new LoopbackServer()) {
            List<String> args =
                    new java.util.ArrayList<>(
                            List.of(
                                    "fetch-weights",
                                    "--weights-dir",
                                    dir.resolve("w").toString(),
                                    "--endpoint",
                                    empty.url("").toString()));
            args.addAll(List.of(selection));
            return CliRun.of(args.toArray(String[]::new));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void onlyResolvesExactlyTheNamedModelForEveryBaseline() throws IOException {
        for (TimmCheckpoint c : ModelFamilies.checkpoints()) {
            for (String name : List.of(c.architecture(), c.alias(), c.name())) {
                CliRun run = selecting("--only", name);
                assertEquals(1, run.exitCode(), name + ": " + run.out() + run.err());
                assertEquals(List.of(c.hfHubId()), fetched(run), name);
                assertTrue(
                        run.out().contains("/" + c.hfHubId() + "/resolve/main/model.safetensors"),
                        run.out());
            }
        }
    }

    @Test
    void severalModelsByCommaRepetitionOrPosition() throws IOException {
        List<String> expected =
                List.of(
                        "timm/resnet50.ram_in1k",
                        "timm/efficientnet_b0.ra_in1k",
                        "openai/clip-vit-base-patch16");
        assertEquals(
                expected,
                fetched(selecting("--only", "resnet50,efficientnet_b0", "--only", "clip-b16")));
        assertEquals(expected, fetched(selecting("resnet-50", "efficientnet-b0", "clip-b16")));
    }

    @Test
    void defaultTable1AndAllSelectWhatTheySay() throws IOException {
        assertEquals(
                WeightCatalogue.KNOWN.stream().map(WeightRepository::repo).toList(),
                fetched(selecting()));
        assertEquals(
                ModelFamilies.table1Checkpoints().stream().map(TimmCheckpoint::hfHubId).toList(),
                fetched(selecting("--table1")));
        assertEquals(
                WeightCatalogue.CATALOGUE.stream().map(WeightRepository::repo).toList(),
                fetched(selecting("--all")));
    }

    @Test
    void anUnknownNameFailsListingTheKnownNames() throws IOException {
        CliRun run = selecting("--only", "resnet50,resnet18");
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("unknown model 'resnet18'"), run.err());
        for (String name : WeightCatalogue.knownNames()) {
            assertTrue(run.err().contains(name), name + " not listed: " + run.err());
        }
        assertEquals(List.of(), fetched(run), "nothing is fetched when a name is wrong");
    }

    @Test
    void selectionsDoNotMix() throws IOException {
        for (String[] args :
                List.of(
                        new String[] {"--table1", "--all"},
                        new String[] {"--only", "resnet50", "--table1"},
                        new String[] {"--list", "resnet50"})) {
            CliRun run = selecting(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.err().contains("usage error"), run.err());
            assertEquals(List.of(), fetched(run));
        }
    }

    @Test
    void listPrintsTheCatalogueAndFetchesNothing() throws IOException {
        CliRun run = selecting("--list");
        assertEquals(0, run.exitCode(), run.err());
        for (TimmCheckpoint c : ModelFamilies.checkpoints()) {
            assertTrue(
                    run.out().contains(c.hfHubId()) && run.out().contains("alias " + c.alias()),
                    c.name());
            assertTrue(run.out().contains(c.pretrainedCfg().summary()), c.name());
            assertTrue(run.out().contains(c.why()), c.name());
        }
        assertTrue(
                run.out().contains("* clip-b32") && run.out().contains("* vit_base_patch16_224"),
                run.out());
        assertTrue(
                run.out().contains("224x224 crop 0.875 bilinear mean [0.485, 0.456, 0.406]"),
                run.out());
        assertFalse(Files.exists(dir.resolve("w")), "--list touches no folder");
    }

    @Test
    void onlyFetchesATimmRepositoryResumingAndCheckingTheLinkedEtag() throws IOException {
        Path tmp = dir.resolve("src.safetensors");
        float[] values = new float[40_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 1e-4f;
        }
        new SafetensorsWriter()
                .putFloats("fc.weight", new long[] {40, 1000}, values)
                .putFloats("fc.bias", new long[] {1}, new float[] {0.5f})
                .write(tmp);
        byte[] weights = Files.readAllBytes(tmp);
        String sha = FileDigest.sha256(tmp);
        byte[] config =
                ("{\"architecture\": \"resnet50\", \"num_classes\": 1000, \"pretrained_cfg\": {\"tag\": \"ram_in1k\","
                                + " \"input_size\": [3, 224, 224], \"crop_pct\": 0.875, \"interpolation\": \"bicubic\"}}")
                        .getBytes(StandardCharsets.UTF_8);
        String repo = "/timm/resnet50.ram_in1k/resolve/main/";
        try (LoopbackServer server = new LoopbackServer()) {
            server.serve(repo + "config.json", config)
                    .serve("/cdn/resnet50.safetensors", weights)
                    .redirectWithLinkedEtag(
                            repo + "model.safetensors", "/cdn/resnet50.safetensors", sha);
            Path weightsDir = dir.resolve("weights");
            Path folder = weightsDir.resolve("timm/resnet50.ram_in1k");
            Files.createDirectories(folder);
            int half = weights.length / 2; // what an interrupted earlier run left
            Files.write(
                    folder.resolve("model.safetensors.partial"),
                    java.util.Arrays.copyOf(weights, half));
            String[] args = {
                "fetch-weights",
                "--weights-dir",
                weightsDir.toString(),
                "--endpoint",
                server.url("").toString(),
                "--only",
                "resnet50"
            };
            CliRun run = CliRun.of(args);
            assertEquals(0, run.exitCode(), run.out() + run.err());
            assertArrayEquals(weights, Files.readAllBytes(folder.resolve("model.safetensors")));
            assertArrayEquals(config, Files.readAllBytes(folder.resolve("config.json")));
            assertTrue(Files.readString(folder.resolve("manifest.json")).contains(sha));
            assertTrue(run.out().contains("resumed at byte " + half), run.out());
            assertTrue(
                    run.out()
                            .contains(
                                    "config.json agrees with the catalogue: 224x224 crop 0.875 bicubic"),
                    run.out());
            assertEquals(
                    "bytes=" + half + "-",
                    server.requestsFor("/cdn/resnet50.safetensors").get(0).range());
            assertFalse(Files.exists(folder.resolve("model.safetensors.partial")));
            assertTrue(
                    server.requests().stream()
                            .allMatch(
                                    r -> r.path().startsWith(repo) || r.path().startsWith("/cdn/")),
                    server.requests().toString());
            assertTrue(
                    server.requests().stream()
                            .noneMatch(
                                    r -> r.path().endsWith(".bin") || r.path().endsWith(".pth")));
            try (var files = Files.list(weightsDir.resolve("timm"))) {
                assertEquals(
                        List.of("resnet50.ram_in1k"),
                        files.map(p -> p.getFileName().toString()).toList(),
                        "only resnet50");
            }

            int before = server.requests().size();
            CliRun again = CliRun.of(args);
            assertEquals(0, again.exitCode(), again.out());
            assertEquals(
                    before, server.requests().size(), "a verified repository is only re-hashed");
            assertTrue(again.out().contains("verified"), again.out());
        }
    }

    @Test
    void aTimmDownloadWhoseSha256DiffersFromTheRedirectsIsRefused() throws IOException {
        Path tmp = dir.resolve("src.safetensors");
        new SafetensorsWriter()
                .putFloats("fc.bias", new long[] {2}, new float[] {1f, 2f})
                .write(tmp);
        String repo = "/timm/efficientnet_b3.ra2_in1k/resolve/main/";
        try (LoopbackServer server = new LoopbackServer()) {
            server.serve(
                            repo + "config.json",
                            "{\"architecture\": \"efficientnet_b3\", \"pretrained_cfg\": {\"input_size\": [3, 300, 300]}}"
                                    .getBytes(StandardCharsets.UTF_8))
                    .serve("/cdn/b3", Files.readAllBytes(tmp))
                    .redirectWithLinkedEtag(repo + "model.safetensors", "/cdn/b3", "0".repeat(64));
            Path weightsDir = dir.resolve("weights");
            CliRun run =
                    CliRun.of(
                            "fetch-weights",
                            "--weights-dir",
                            weightsDir.toString(),
                            "--endpoint",
                            server.url("").toString(),
                            "--only",
                            "efficientnet-b3");
            assertEquals(1, run.exitCode(), run.out() + run.err());
            assertTrue(
                    run.out().contains("differs from the server's " + "0".repeat(64)), run.out());
            assertFalse(
                    Files.exists(
                            weightsDir.resolve("timm/efficientnet_b3.ra2_in1k/model.safetensors")));
            assertTrue(
                    run.out().contains("WARNING: config.json differs from the catalogue")
                            && run.out()
                                    .contains("input_size [3,300,300] (catalogue: [3, 288, 288])"),
                    run.out());
        }
    }
}
