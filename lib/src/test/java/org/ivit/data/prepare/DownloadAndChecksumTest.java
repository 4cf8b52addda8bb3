package org.ivit.data.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.ivit.data.LoopbackServer;
import org.ivit.io.ChecksumMismatchException;
import org.ivit.io.HttpStatusException;
import org.ivit.io.Md5;
import org.ivit.io.ResumableDownloader;
import org.ivit.io.ServerUnreachableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resumable downloads and md5 verification against a loopback server. */
class DownloadAndChecksumTest {
    @TempDir Path tmp;
    private LoopbackServer server;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    private final byte[] payload = new byte[200_000];

    @BeforeEach
    void start() throws IOException {
        new Random(7).nextBytes(payload);
        server = new LoopbackServer().serve("/f.bin", payload);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ResumableDownloader downloader() {
        return new ResumableDownloader(log, 3, 1_000);
    }

    @Test
    void resumesAPartialFileLeftByAnEarlierRun() throws IOException {
        Path target = tmp.resolve("f.bin");
        Files.write(ResumableDownloader.partialFileOf(target), Arrays.copyOf(payload, 12_345));
        downloader().download(server.url("/f.bin"), target);
        assertArrayEquals(payload, Files.readAllBytes(target));
        assertEquals("bytes=12345-", server.requests().get(0).range());
        assertFalse(Files.exists(ResumableDownloader.partialFileOf(target)));
    }

    @Test
    void startsOverWhenTheServerIgnoresTheRange() throws IOException {
        server.ignoreRangeFor("/f.bin");
        Path target = tmp.resolve("f.bin");
        Files.write(ResumableDownloader.partialFileOf(target), new byte[5000]);
        downloader().download(server.url("/f.bin"), target);
        assertArrayEquals(payload, Files.readAllBytes(target));
    }

    @Test
    void cutConnectionIsResumedInTheSameRun() throws IOException {
        server.cutFirstResponseHalfway("/f.bin");
        Path target = tmp.resolve("f.bin");
        downloader().download(server.url("/f.bin"), target);
        assertArrayEquals(payload, Files.readAllBytes(target));
        assertEquals(2, server.requests().size());
        assertEquals("bytes=100000-", server.requests().get(1).range());
    }

    @Test
    void aServerThatNeverAnswersIsNamedAsUnreachable() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closedPort + "/f.bin");
        ServerUnreachableException e =
                assertThrows(
                        ServerUnreachableException.class,
                        () ->
                                new ResumableDownloader(log, 2, 1_000)
                                        .download(url, tmp.resolve("f.bin")));
        assertTrue(
                e.getMessage().startsWith("cannot reach http://127.0.0.1:" + closedPort),
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("f.bin")));
    }

    @Test
    void missingFileIsNotRetried() {
        HttpStatusException e =
                assertThrows(
                        HttpStatusException.class,
                        () ->
                                downloader()
                                        .download(
                                                server.url("/gone.bin"), tmp.resolve("gone.bin")));
        assertEquals(404, e.status());
        assertEquals(1, server.requests().size());
    }

    @Test
    void fetcherMovesABadDownloadAsideAndNamesBothChecksums() throws IOException {
        String wrong = "0123456789abcdef0123456789abcdef";
        SourceFetcher fetcher =
                new SourceFetcher(tmp.resolve("dl"), null, false, downloader(), log);
        ChecksumMismatchException e =
                assertThrows(
                        ChecksumMismatchException.class,
                        () ->
                                fetcher.fetch(
                                        new SourceFile(
                                                "f.bin", server.url("/f.bin"), wrong, null)));
        assertEquals(wrong, e.expected());
        assertEquals(Md5.of(payload), e.actual());
        assertTrue(
                e.getMessage().contains("f.bin")
                        && e.getMessage().contains(wrong)
                        && e.getMessage().contains(e.actual()));
        assertTrue(Files.exists(tmp.resolve("dl/f.bin.bad")));
        assertFalse(Files.exists(tmp.resolve("dl/f.bin")));
    }

    @Test
    void fetcherLeavesAUsersBadFileInPlace() throws IOException {
        Path mine = tmp.resolve("mine");
        Files.createDirectories(mine);
        Files.write(mine.resolve("f.bin"), payload);
        SourceFetcher fetcher =
                new SourceFetcher(tmp.resolve("dl"), mine.toString(), false, downloader(), log);
        assertThrows(
                ChecksumMismatchException.class,
                () ->
                        fetcher.fetch(
                                new SourceFile(
                                        "f.bin", null, "0123456789abcdef0123456789abcdef", null)));
        assertTrue(Files.exists(mine.resolve("f.bin")));
        PrepareException missing =
                assertThrows(
                        PrepareException.class,
                        () -> fetcher.fetch(new SourceFile("other.bin", null, null, null)));
        assertTrue(missing.getMessage().contains("has no file other.bin"), missing.getMessage());
    }

    @Test
    void fetcherUsesTheCacheWithoutDownloadingAgain() throws IOException {
        SourceFile source = new SourceFile("f.bin", server.url("/f.bin"), Md5.of(payload), null);
        SourceFetcher first = new SourceFetcher(tmp.resolve("dl"), null, false, downloader(), log);
        first.fetch(source);
        SourceFetcher second = new SourceFetcher(tmp.resolve("dl"), null, false, downloader(), log);
        Path again = second.fetch(source);
        assertEquals(1, server.requests().size());
        assertTrue(second.fetched().get(0).verified());
        assertEquals(tmp.resolve("dl/f.bin"), again);
    }
}
