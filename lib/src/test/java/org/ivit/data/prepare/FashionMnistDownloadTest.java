package org.ivit.data.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ivit.data.LoopbackServer;
import org.ivit.data.PreparedDataset;
import org.ivit.data.Split;
import org.ivit.io.ChecksumMismatchException;
import org.ivit.io.ResumableDownloader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fashion-MNIST where Debian's package is missing (Binder's Ubuntu image): the files are downloaded
 * from the dataset's official host, or from its GitHub copy when the host fails, and checked
 * against their md5. The real files are served on loopback: Debian's copies of them.
 */
class FashionMnistDownloadTest {
    private static final Path DEBIAN = FashionMnistRecipe.DEBIAN_PACKAGE.folder();
    private static final List<String> FILES =
            List.of(
                    "train-images-idx3-ubyte.gz",
                    "train-labels-idx1-ubyte.gz",
                    "t10k-images-idx3-ubyte.gz",
                    "t10k-labels-idx1-ubyte.gz");

    @TempDir Path tmp;
    private LoopbackServer server;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theOfficialSourcesAreZalandosHostThenItsGitHubCopyWithTorchvisionsMd5s() {
        Map<String, String> torchvision =
                Map.of(
                        "train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
                        "train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe",
                        "t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79",
                        "t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310");
        assertEquals(
                FILES,
                FashionMnistRecipe.OFFICIAL_SOURCES.stream().map(SourceFile::fileName).toList());
        for (SourceFile f : FashionMnistRecipe.OFFICIAL_SOURCES) {
            assertEquals(torchvision.get(f.fileName()), f.md5(), f.fileName());
            assertEquals(
                    URI.create(
                            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"
                                    + f.fileName()),
                    f.url());
            assertEquals(
                    List.of(
                            URI.create(
                                    "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/"
                                            + f.fileName())),
                    f.mirrors());
        }
    }

    /**
     * The recipe's sources moved to loopback: the "host" answers 404, the "GitHub copy" serves
     * Debian's files.
     */
    private List<SourceFile> onLoopback(boolean withDebiansMd5) throws IOException {
        List<SourceFile> sources = new ArrayList<>();
        for (SourceFile f : FashionMnistRecipe.OFFICIAL_SOURCES) {
            server.serve(
                    "/github/" + f.fileName(), Files.readAllBytes(DEBIAN.resolve(f.fileName())));
            SourceFile moved =
                    f.withUrl(server.url("/s3/" + f.fileName()))
                            .withMirrors(List.of(server.url("/github/" + f.fileName())));
            // Debian recompressed the files: their bytes are not Zalando's, so their md5 is
            // Debian's.
            sources.add(
                    withDebiansMd5
                            ? moved.withMd5(
                                    FashionMnistRecipe.DEBIAN_PACKAGE.md5ByFile().get(f.fileName()))
                            : moved);
        }
        return sources;
    }

    @Test
    void withoutTheDebianPackageTheFilesAreDownloadedFromTheMirrorWhenTheHostFails()
            throws IOException {
        Assumptions.assumeTrue(
                Files.isRegularFile(DEBIAN.resolve(FILES.get(0))),
                "Debian's dataset-fashion-mnist is not installed");
        FashionMnistRecipe recipe =
                new FashionMnistRecipe(
                        onLoopback(true),
                        new LocalCopy(tmp.resolve("no-package"), "none", Map.of()),
                        FashionMnistRecipe.VAL_PER_CLASS);
        new DatasetPreparation(log, new ResumableDownloader(log, 2, 2_000))
                .prepare(
                        recipe,
                        new DatasetPreparation.Request(
                                tmp.resolve("data"), null, null, false, 1, 3, false));
        PreparedDataset fashion = PreparedDataset.open(tmp.resolve("data"), "fashion_mnist");
        assertEquals(FashionMnistRecipe.CLASS_NAMES, fashion.classNames());
        assertEquals(30, fashion.split(Split.TRAIN).size());
        assertEquals(30, fashion.split(Split.TEST).size());
        for (String file : FILES) {
            assertEquals(
                    1,
                    server.requestsFor("/s3/" + file).size(),
                    "the host is asked first: " + file);
            assertTrue(
                    server.requestsFor("/github/" + file).size() >= 1, "then the mirror: " + file);
        }
        String text = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("answered HTTP 404") && text.contains("trying the mirror"), text);
    }

    @Test
    void aDownloadThatIsNotZalandosFileIsRefused() throws IOException {
        Assumptions.assumeTrue(
                Files.isRegularFile(DEBIAN.resolve(FILES.get(0))),
                "Debian's dataset-fashion-mnist is not installed");
        // Served with the official md5: Debian's recompressed bytes do not match it, so they are
        // refused.
        SourceFile labels = onLoopback(false).get(3);
        Path downloads = tmp.resolve("downloads");
        SourceFetcher fetcher =
                new SourceFetcher(
                        downloads, null, false, new ResumableDownloader(log, 2, 2_000), log);
        ChecksumMismatchException e =
                assertThrows(ChecksumMismatchException.class, () -> fetcher.fetch(labels, null));
        assertTrue(e.getMessage().contains("bb300cfdad3c16e7a12a480ee83cd310"), e.getMessage());
        assertTrue(
                Files.isRegularFile(downloads.resolve(labels.fileName() + ".bad")),
                "moved aside, never used");
    }

    @Test
    void whenEveryAddressFailsTheErrorNamesTheOfficialOne() {
        SourceFile f = FashionMnistRecipe.OFFICIAL_SOURCES.get(3);
        SourceFile nowhere =
                f.withUrl(server.url("/s3/" + f.fileName()))
                        .withMirrors(List.of(server.url("/github/" + f.fileName())));
        SourceFetcher fetcher =
                new SourceFetcher(
                        tmp.resolve("d"), null, false, new ResumableDownloader(log, 1, 2_000), log);
        PrepareException e =
                assertThrows(PrepareException.class, () -> fetcher.fetch(nowhere, null));
        assertTrue(
                e.getMessage().contains("/s3/" + f.fileName())
                        && e.getMessage().contains("HTTP 404"),
                e.getMessage());
        assertEquals(
                1, server.requestsFor("/github/" + f.fileName()).size(), "the mirror was tried");
    }
}
