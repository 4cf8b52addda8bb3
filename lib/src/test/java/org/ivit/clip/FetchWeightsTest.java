package org.ivit.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ivit.CliRun;
import org.ivit.io.FileDigest;
import org.ivit.io.ResumableDownloader;
import org.ivit.io.SafetensorsWriter;
import org.ivit.io.WeightFetcher;
import org.ivit.io.WeightFetcher.Outcome;
import org.ivit.io.WeightFetcher.Status;
import org.ivit.io.WeightRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fetch-weights against a Hugging Face look-alike on 127.0.0.1 (com.sun.net.httpserver): resume,
 * refusal, no network.
 */
class FetchWeightsTest {
    private static final WeightRepository CLIP = WeightRepository.CLIP_VIT_B32;
    private static final String PREFIX = "/" + CLIP.repo() + "/resolve/main/";

    @TempDir Path dir;
    private HttpServer server;

    /** What the server serves, by file name. */
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    /** Files whose SHA-256 the server announces as X-Linked-Etag. */
    private final Map<String, String> etags = new ConcurrentHashMap<>();

    /** Files whose next full (non-range) answer stops after half the bytes, once. */
    private final Set<String> cutOnce = Collections.synchronizedSet(new HashSet<>());

    /**
     * Files answered as Hugging Face answers LFS files: a redirect to /cdn/ that carries the
     * X-Linked-Etag.
     */
    private final Set<String> viaCdn = Collections.synchronizedSet(new HashSet<>());

    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private byte[] weights;

    @BeforeEach
    void serve() throws IOException {
        Path tmp = dir.resolve("source.safetensors");
        float[] values = new float[50_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.001f;
        }
        new SafetensorsWriter()
                .putFloats("logit_scale", new long[] {}, new float[] {2.6592f})
                .putFloats("text_projection.weight", new long[] {50, 1000}, values)
                .write(tmp);
        weights = Files.readAllBytes(tmp);
        files.put("model.safetensors", weights);
        files.put("config.json", "{\"projection_dim\": 512}".getBytes(StandardCharsets.UTF_8));
        files.put("tokenizer.json", "{\"model\": {}}".getBytes(StandardCharsets.UTF_8));
        files.put(
                "tokenizer_config.json",
                "{\"model_max_length\": 77}".getBytes(StandardCharsets.UTF_8));
        etags.put("model.safetensors", FileDigest.sha256(tmp));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(path + (range == null ? "" : " " + range));
        boolean fromCdn = path.startsWith("/cdn/");
        String name =
                fromCdn
                        ? path.substring("/cdn/".length())
                        : path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        byte[] body = files.get(name);
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        if (etags.containsKey(name) && !fromCdn) {
            exchange.getResponseHeaders().add("X-Linked-Etag", "\"" + etags.get(name) + "\"");
        }
        if (viaCdn.contains(name) && !fromCdn) {
            exchange.getResponseHeaders().add("Location", "/cdn/" + name);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
        }
        int from = 0;
        if (range != null) {
            from = Integer.parseInt(range.replace("bytes=", "").replace("-", ""));
            exchange.getResponseHeaders()
                    .add(
                            "Content-Range",
                            "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            exchange.sendResponseHeaders(206, body.length - from);
        } else {
            exchange.sendResponseHeaders(200, body.length);
        }
        OutputStream out = exchange.getResponseBody();
        if (range == null && cutOnce.remove(name)) {
            out.write(body, 0, body.length / 2);
            out.flush();
            throw new IOException(
                    "connection dropped on purpose"); // the server then closes the connection
        }
        out.write(body, from, body.length - from);
        exchange.close();
    }

    private WeightFetcher fetcher() {
        return fetcher(3);
    }

    /** A fetcher whose downloader makes at most {@code attempts} attempts per file. */
    private WeightFetcher fetcher(int attempts) {
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        return new WeightFetcher(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                dir.resolve("weights"),
                out,
                new ResumableDownloader(out, attempts, 5_000));
    }

    private Path target(String file) {
        return CLIP.folder(dir.resolve("weights")).resolve(file);
    }

    private static Status statusOf(List<Outcome> outcomes, String file) {
        return outcomes.stream()
                .filter(o -> o.file().equals(file))
                .findFirst()
                .orElseThrow()
                .status();
    }

    @Test
    void downloadsVerifiesAndLaterOnlyReHashes() throws IOException {
        List<Outcome> first = fetcher().fetch(CLIP);
        assertTrue(first.stream().allMatch(o -> o.status() == Status.DOWNLOADED), first.toString());
        assertArrayEquals(weights, Files.readAllBytes(target("model.safetensors")));
        String manifest = Files.readString(target("manifest.json"));
        assertTrue(
                manifest.contains(etags.get("model.safetensors"))
                        && manifest.contains("\"repo\": \"openai/clip-vit-base-patch32\""),
                manifest);
        int requestsSoFar = requests.size();
        List<Outcome> second = fetcher().fetch(CLIP);
        assertTrue(second.stream().allMatch(o -> o.status() == Status.VERIFIED), second.toString());
        assertEquals(requestsSoFar, requests.size(), "verified files are not fetched again");
        try (var listing = Files.list(target("x").getParent())) {
            assertFalse(listing.anyMatch(p -> p.toString().endsWith(".partial")));
        }
    }

    @Test
    void aCutConnectionIsResumedInTheSameRun() throws IOException {
        cutOnce.add("model.safetensors");
        Outcome resumed = fetcher().fetch(CLIP).get(1);
        assertEquals(Status.DOWNLOADED, resumed.status(), resumed.message());
        String range =
                requests.stream()
                        .filter(r -> r.startsWith(PREFIX + "model.safetensors bytes="))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no range request: " + requests));
        long half = Long.parseLong(range.replaceAll(".*bytes=(\\d+)-$", "$1"));
        assertTrue(half > 0 && half <= weights.length / 2, "resumed at " + half);
        assertTrue(resumed.message().contains("resumed at byte " + half), resumed.message());
        assertArrayEquals(weights, Files.readAllBytes(target("model.safetensors")));
    }

    @Test
    void anInterruptedDownloadResumesInTheNextRun() throws IOException {
        cutOnce.add("model.safetensors");
        Outcome cut = fetcher(1).fetch(CLIP).get(1);
        assertEquals(Status.FAILED, cut.status());
        assertTrue(cut.message().contains("run the same command again to resume"), cut.message());
        assertFalse(
                Files.exists(target("model.safetensors")),
                "a partial file never takes the final name");
        Path partial = target("model.safetensors.partial");
        long half = Files.size(partial);
        assertTrue(half > 0 && half <= weights.length / 2, "kept " + half + " bytes");

        Outcome resumed = fetcher().fetch(CLIP).get(1);
        assertEquals(Status.DOWNLOADED, resumed.status(), resumed.message());
        assertTrue(resumed.message().contains("resumed at byte " + half), resumed.message());
        assertTrue(
                requests.contains(PREFIX + "model.safetensors bytes=" + half + "-"),
                requests.toString());
        assertArrayEquals(weights, Files.readAllBytes(target("model.safetensors")));
        assertFalse(Files.exists(partial));
    }

    @Test
    void corruptDownloadsAreRefused() throws IOException {
        files.put(
                "model.safetensors",
                "not a safetensors file at all".getBytes(StandardCharsets.UTF_8));
        etags.remove("model.safetensors");
        Outcome garbage = fetcher().fetch(CLIP).get(1);
        assertEquals(Status.FAILED, garbage.status());
        assertTrue(garbage.message().startsWith("refused"), garbage.message());
        assertFalse(Files.exists(target("model.safetensors")));
        assertFalse(Files.exists(target("model.safetensors.partial")));

        files.put("model.safetensors", weights);
        etags.put("model.safetensors", "0".repeat(64));
        Outcome wrongHash = fetcher().fetch(CLIP).get(1);
        assertEquals(Status.FAILED, wrongHash.status());
        assertTrue(wrongHash.message().contains("differs from the server's"), wrongHash.message());
        assertFalse(Files.exists(target("model.safetensors")));
    }

    @Test
    void theSha256AnnouncedOnTheRedirectIsChecked() throws IOException {
        viaCdn.add("model.safetensors");
        Outcome good = fetcher().fetch(CLIP).get(1);
        assertEquals(Status.DOWNLOADED, good.status(), good.message());
        assertTrue(requests.contains("/cdn/model.safetensors"), requests.toString());
        assertArrayEquals(weights, Files.readAllBytes(target("model.safetensors")));

        Files.delete(target("model.safetensors"));
        Files.delete(target("manifest.json"));
        etags.put("model.safetensors", "0".repeat(64));
        Outcome refused = fetcher().fetch(CLIP).get(1);
        assertEquals(Status.FAILED, refused.status());
        assertTrue(
                refused.message().contains("differs from the server's " + "0".repeat(64)),
                refused.message());
        assertFalse(Files.exists(target("model.safetensors")));
    }

    @Test
    void aTamperedFileIsFetchedAgainAndOnlyAGoodCopyReplacesIt() throws IOException {
        fetcher().fetch(CLIP);
        byte[] tampered = weights.clone();
        tampered[tampered.length - 1] ^= 1;
        Files.write(target("model.safetensors"), tampered);
        files.put("model.safetensors", tampered); // the server now serves the same bad bytes
        etags.remove("model.safetensors");
        Outcome refused = fetcher().fetch(CLIP).get(1);
        assertEquals(Status.FAILED, refused.status());
        assertTrue(refused.message().contains("recorded in manifest.json"), refused.message());
        assertArrayEquals(
                tampered,
                Files.readAllBytes(target("model.safetensors")),
                "left alone, not replaced by a bad copy");

        files.put("model.safetensors", weights);
        Outcome repaired = fetcher().fetch(CLIP).get(1);
        assertEquals(Status.DOWNLOADED, repaired.status(), repaired.message());
        assertArrayEquals(weights, Files.readAllBytes(target("model.safetensors")));
    }

    @Test
    void filesPlacedByHandAreCheckedAndRecorded() throws IOException {
        Files.createDirectories(target("x").getParent());
        Files.write(target("model.safetensors"), weights);
        List<Outcome> outcomes = fetcher().fetch(CLIP);
        assertEquals(Status.RECORDED, statusOf(outcomes, "model.safetensors"));
        assertEquals(Status.DOWNLOADED, statusOf(outcomes, "config.json"));
        assertFalse(requests.stream().anyMatch(r -> r.contains("model.safetensors")));
    }

    @Test
    void withoutNetworkItSaysWhatToPlaceWhere() throws IOException {
        int closedPort;
        try (ServerSocket socket =
                new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path weightsDir = dir.resolve("offline-weights");
        CliRun run =
                CliRun.of(
                        "fetch-weights",
                        "--weights-dir",
                        weightsDir.toString(),
                        "--endpoint",
                        "http://127.0.0.1:" + closedPort,
                        "clip-b32",
                        "vit-b16");
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("Download these files by hand"), run.out());
        String url =
                "http://127.0.0.1:"
                        + closedPort
                        + "/openai/clip-vit-base-patch32/resolve/main/model.safetensors";
        assertTrue(
                run.out()
                        .contains(
                                url
                                        + "\n    -> "
                                        + weightsDir.resolve(
                                                "openai/clip-vit-base-patch32/model.safetensors")),
                run.out());
        assertTrue(
                run.out()
                        .contains(
                                "timm/vit_base_patch16_224.augreg_in21k_ft_in1k/resolve/main/model.safetensors"),
                run.out());
        assertFalse(
                Files.exists(weightsDir.resolve("openai/clip-vit-base-patch32/model.safetensors")));
    }

    @Test
    void theCommandFetchesAndExitsZero() {
        CliRun run =
                CliRun.of(
                        "fetch-weights",
                        "--weights-dir",
                        dir.resolve("w").toString(),
                        "--endpoint",
                        "http://127.0.0.1:" + server.getAddress().getPort(),
                        "openai/clip-vit-base-patch32");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(
                Files.isRegularFile(
                        dir.resolve("w/openai/clip-vit-base-patch32/tokenizer_config.json")));
    }
}
