package org.ivit.data.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ivit.data.LabeledImage;
import org.ivit.data.LoopbackServer;
import org.ivit.data.MiniatureDatasets;
import org.ivit.data.PreparedDataset;
import org.ivit.data.Split;
import org.ivit.data.TarBuilder;
import org.ivit.io.ChecksumMismatchException;
import org.ivit.io.Md5;
import org.ivit.io.ResumableDownloader;
import org.ivit.io.UnsafeArchiveException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every recipe end to end: miniature originals served on 127.0.0.1, prepared, and the layout
 * checked.
 */
class PrepareEndToEndTest {
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

    private Path dataDir() {
        return tmp.resolve("data");
    }

    private Path prepare(DatasetRecipe recipe, String from, String protocol, boolean skipChecksum)
            throws IOException {
        DatasetPreparation preparation =
                new DatasetPreparation(log, new ResumableDownloader(log, 3, 1_000));
        return preparation.prepare(
                recipe,
                new DatasetPreparation.Request(
                        dataDir(), from, protocol, skipChecksum, 1, null, false));
    }

    private String logText() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void petsDownloadsAndLaysOutOfficialSplit() throws IOException {
        Map<String, byte[]> files = MiniatureDatasets.pets();
        server.serveAll("/pets/", files);
        prepare(
                new OxfordPetsRecipe(MiniatureDatasets.sources(files, server, "/pets/")),
                null,
                null,
                false);

        PreparedDataset pets = PreparedDataset.open(dataDir(), "oxford_pets");
        assertEquals(
                List.of("Abyssinian", "american bulldog", "British Shorthair"), pets.classNames());
        List<LabeledImage> train = pets.split(Split.TRAIN);
        List<LabeledImage> val = pets.split(Split.VAL);
        List<LabeledImage> test = pets.split(Split.TEST);
        assertEquals(6, train.size());
        assertEquals(3, val.size()); // round(3 × 0.2) = 1 per class
        assertEquals(3, test.size());
        for (LabeledImage image : test) {
            assertTrue(image.path().endsWith("_4.jpg"), image.path());
        }
        assertLabelsMatchNames(
                pets, List.of("Abyssinian", "american_bulldog", "British_Shorthair"));
        assertDisjoint(train, val, test);
        JsonObject manifest = pets.manifest();
        assertEquals("official", manifest.get("protocol").getAsString());
        assertEquals(6, manifest.getAsJsonObject("counts").get("train").getAsInt());
        assertEquals(2, manifest.getAsJsonArray("sources").size());
        assertTrue(
                manifest.getAsJsonArray("sources")
                        .get(0)
                        .getAsJsonObject()
                        .get("verified")
                        .getAsBoolean());
        assertTrue(manifest.has("preparedAt"));
        assertFalse(Files.exists(dataDir().resolve("oxford_pets/images/Abyssinian_100.mat")));
    }

    @Test
    void interruptedDownloadResumesWithRange() throws IOException {
        Map<String, byte[]> files = MiniatureDatasets.pets();
        server.serveAll("/pets/", files).cutFirstResponseHalfway("/pets/images.tar.gz");
        prepare(
                new OxfordPetsRecipe(MiniatureDatasets.sources(files, server, "/pets/")),
                null,
                null,
                false);

        List<LoopbackServer.Request> requests = server.requestsFor("/pets/images.tar.gz");
        assertEquals(2, requests.size());
        assertEquals(null, requests.get(0).range());
        int half = files.get("images.tar.gz").length / 2;
        assertEquals("bytes=" + half + "-", requests.get(1).range());
        assertEquals(
                Md5.of(files.get("images.tar.gz")),
                Md5.of(dataDir().resolve("downloads/oxford_pets/images.tar.gz")));
        assertTrue(logText().contains("resuming"), logText());
    }

    @Test
    void badChecksumIsRefusedAndLeavesNothingPrepared() throws IOException {
        Map<String, byte[]> files = MiniatureDatasets.pets();
        server.serveAll("/pets/", files);
        List<SourceFile> sources =
                new ArrayList<>(MiniatureDatasets.sources(files, server, "/pets/"));
        // The official md5: the miniature archive cannot match it.
        sources.set(0, sources.get(0).withMd5(OxfordPetsRecipe.OFFICIAL_SOURCES.get(0).md5()));

        ChecksumMismatchException e =
                assertThrows(
                        ChecksumMismatchException.class,
                        () -> prepare(new OxfordPetsRecipe(sources), null, null, false));
        assertTrue(e.getMessage().contains("images.tar.gz"), e.getMessage());
        assertTrue(
                e.getMessage().contains("expected 5c4f3ee8e5d25df40f4fd59a7f44e54c"),
                e.getMessage());
        assertTrue(
                e.getMessage().contains("actual " + Md5.of(files.get("images.tar.gz"))),
                e.getMessage());
        Path downloads = dataDir().resolve("downloads/oxford_pets");
        assertTrue(Files.exists(downloads.resolve("images.tar.gz.bad")));
        assertFalse(Files.exists(downloads.resolve("images.tar.gz")));
        assertFalse(Files.exists(dataDir().resolve("oxford_pets")));
        assertEquals(List.of("downloads"), listNames(dataDir()));
    }

    @Test
    void skipChecksumWarnsForEachFile() throws IOException {
        Map<String, byte[]> files = MiniatureDatasets.pets();
        MiniatureDatasets.writeAll(files, tmp.resolve("originals"));
        prepare(new OxfordPetsRecipe(), tmp.resolve("originals").toString(), null, true);
        long warnings =
                logText().lines().filter(l -> l.startsWith("WARNING: --skip-checksum")).count();
        assertEquals(2, warnings, logText());
        assertTrue(Files.exists(dataDir().resolve("oxford_pets/PREPARED.json")));
    }

    @Test
    void archiveClimbingOutOfItsFolderIsRefused() throws IOException {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>(MiniatureDatasets.pets());
        files.put(
                "images.tar.gz",
                new TarBuilder()
                        .file("images/Abyssinian_1.jpg", "x")
                        .file("images/../../escaped.txt", "owned")
                        .tarGz());
        server.serveAll("/pets/", files);
        UnsafeArchiveException e =
                assertThrows(
                        UnsafeArchiveException.class,
                        () ->
                                prepare(
                                        new OxfordPetsRecipe(
                                                MiniatureDatasets.sources(files, server, "/pets/")),
                                        null,
                                        null,
                                        false));
        assertTrue(e.getMessage().contains("../../escaped.txt"), e.getMessage());
        assertFalse(Files.exists(dataDir().resolve("oxford_pets")));
        assertFalse(Files.exists(tmp.resolve("escaped.txt")));
        assertFalse(Files.exists(dataDir().resolve("escaped.txt")));
        assertEquals(List.of("downloads"), listNames(dataDir()));
    }

    @Test
    void flowersOfficialAndCoopProtocols() throws IOException {
        Map<String, byte[]> files = MiniatureDatasets.flowers();
        server.serveAll("/flowers/", files);
        List<SourceFile> sources = MiniatureDatasets.sources(files, server, "/flowers/");
        prepare(new Flowers102Recipe(sources), null, null, false);
        PreparedDataset flowers = PreparedDataset.open(dataDir(), "flowers102");
        assertEquals(102, flowers.numClasses());
        assertEquals("pink primrose", flowers.classNames().get(0));
        assertEquals("blackberry lily", flowers.classNames().get(101));
        assertEquals(
                List.of(
                        new LabeledImage("jpg/image_00001.jpg", 0),
                        new LabeledImage("jpg/image_00005.jpg", 1),
                        new LabeledImage("jpg/image_00008.jpg", 2)),
                flowers.split(Split.TRAIN));
        assertEquals(
                List.of("jpg/image_00002.jpg", "jpg/image_00006.jpg", "jpg/image_00009.jpg"),
                paths(flowers.split(Split.VAL)));
        assertEquals(4, flowers.split(Split.TEST).size());

        Path again =
                new DatasetPreparation(log)
                        .prepare(
                                new Flowers102Recipe(sources),
                                new DatasetPreparation.Request(
                                        dataDir(), null, "coop", false, 1, null, true));
        PreparedDataset coop = PreparedDataset.open(dataDir(), "flowers102");
        assertEquals("coop", coop.protocol());
        // Per class: 4 → 2/1/1, 3 → 2/1/0 (round half to even: 1.5 → 2, 0.6 → 1).
        assertEquals(6, coop.split(Split.TRAIN).size());
        assertEquals(3, coop.split(Split.VAL).size());
        assertEquals(1, coop.split(Split.TEST).size());
        assertDisjoint(coop.split(Split.TRAIN), coop.split(Split.VAL), coop.split(Split.TEST));
        assertEquals(dataDir().resolve("flowers102"), again);
        assertEquals(List.of("downloads", "flowers102"), listNames(dataDir()));
    }

    @Test
    void caltechFromNestedZipWithCoopClasses() throws IOException {
        Map<String, byte[]> files = MiniatureDatasets.caltechZip();
        server.serveAll("/caltech/", files);
        List<SourceFile> sources =
                List.of(
                        new SourceFile(
                                "caltech-101.zip",
                                server.url("/caltech/caltech-101.zip"),
                                Md5.of(files.get("caltech-101.zip")),
                                null),
                        Caltech101Recipe.OFFICIAL_SOURCES.get(1));
        prepare(new Caltech101Recipe(sources), null, null, false);
        PreparedDataset caltech = PreparedDataset.open(dataDir(), "caltech101");
        assertEquals(
                List.of("face", "leopard", "accordion", "airplane", "crocodile head"),
                caltech.classNames());
        // airplanes: 40 → 20/8/12; the others: 10 → 5/2/3.
        assertEquals(4 * 5 + 20, caltech.split(Split.TRAIN).size());
        assertEquals(4 * 2 + 8, caltech.split(Split.VAL).size());
        assertEquals(4 * 3 + 12, caltech.split(Split.TEST).size());
        for (Split split : Split.values()) {
            for (LabeledImage image : caltech.split(split)) {
                String folder = image.path().split("/")[1];
                assertEquals(
                        List.of("Faces", "Leopards", "accordion", "airplanes", "crocodile_head")
                                .indexOf(folder),
                        image.label(),
                        image.path());
            }
        }
    }

    @Test
    void caltechFixed30FromOlderTarGzInFromFolder() throws IOException {
        Path originals = tmp.resolve("originals");
        Files.createDirectories(originals);
        byte[] tarGz = MiniatureDatasets.caltechTarGz();
        Files.write(originals.resolve("101_ObjectCategories.tar.gz"), tarGz);
        List<SourceFile> sources =
                List.of(
                        Caltech101Recipe.OFFICIAL_SOURCES.get(0),
                        Caltech101Recipe.OFFICIAL_SOURCES.get(1).withMd5(Md5.of(tarGz)));
        prepare(new Caltech101Recipe(sources), originals.toString(), "fixed30", false);
        PreparedDataset caltech = PreparedDataset.open(dataDir(), "caltech101");
        // 30 per class for training (all 10 of the small classes), 20% of them validation.
        assertEquals(8 + 8 + 8 + 24 + 8, caltech.split(Split.TRAIN).size());
        assertEquals(2 + 2 + 2 + 6 + 2, caltech.split(Split.VAL).size());
        assertEquals(10, caltech.split(Split.TEST).size());
        assertTrue(
                caltech.split(Split.TEST).stream().allMatch(i -> i.path().contains("/airplanes/")));
    }

    @Test
    void carsFromUrlWithNamesFromMetaAndLabelsFromAnnotations() throws IOException {
        Map<String, byte[]> files = MiniatureDatasets.cars();
        server.serveAll("/mirror/", files);
        List<SourceFile> sources =
                StanfordCarsRecipe.OFFICIAL_SOURCES.stream()
                        .map(s -> s.withMd5(Md5.of(files.get(s.fileName()))))
                        .toList();
        prepare(new StanfordCarsRecipe(sources), server.url("/mirror").toString(), null, false);
        PreparedDataset cars = PreparedDataset.open(dataDir(), "stanford_cars");
        assertEquals(
                List.of(
                        "AM General Hummer SUV 2000",
                        "Ram C/V Cargo Van Minivan 2012",
                        "2012 Tesla Model S Sedan"),
                cars.classNames());
        assertEquals(12, cars.split(Split.TRAIN).size() + cars.split(Split.VAL).size());
        assertEquals(3, cars.split(Split.VAL).size());
        assertEquals(
                List.of(
                        new LabeledImage("cars_test/00003.jpg", 0),
                        new LabeledImage("cars_test/00004.jpg", 0),
                        new LabeledImage("cars_test/00002.jpg", 1),
                        new LabeledImage("cars_test/00005.jpg", 1),
                        new LabeledImage("cars_test/00001.jpg", 2),
                        new LabeledImage("cars_test/00006.jpg", 2)),
                cars.split(Split.TEST));
        for (LabeledImage image : cars.split(Split.TRAIN)) {
            int number = Integer.parseInt(image.path().substring(11, 16));
            assertEquals((number - 1) % 3, image.label(), image.path());
        }
    }

    @Test
    void carsWithoutSourcesExplainsTheHostIsGone() {
        PrepareException e =
                assertThrows(
                        PrepareException.class,
                        () -> prepare(new StanfordCarsRecipe(), null, null, false));
        assertTrue(e.getMessage().contains("is gone"), e.getMessage());
        assertTrue(e.getMessage().contains("--from"), e.getMessage());
        assertFalse(Files.exists(dataDir().resolve("stanford_cars")));
    }

    @Test
    void fashionMnistFromLocalCopyAndFromDownload() throws IOException {
        Map<String, byte[]> files = MiniatureDatasets.fashionMnist(15, 3);
        Path debian = tmp.resolve("debian");
        MiniatureDatasets.writeAll(files, debian);
        Map<String, String> md5 =
                files.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> Md5.of(e.getValue())));
        FashionMnistRecipe recipe =
                new FashionMnistRecipe(
                        FashionMnistRecipe.OFFICIAL_SOURCES,
                        new LocalCopy(debian, "test package", md5),
                        5);
        prepare(recipe, null, null, false);
        PreparedDataset fashion = PreparedDataset.open(dataDir(), "fashion_mnist");
        assertEquals("T-shirt/top", fashion.classNames().get(0));
        assertEquals("Ankle boot", fashion.classNames().get(9));
        assertEquals(10 * 10, fashion.split(Split.TRAIN).size());
        assertEquals(10 * 5, fashion.split(Split.VAL).size());
        assertEquals(30, fashion.split(Split.TEST).size());
        for (LabeledImage image : fashion.split(Split.TEST)) {
            int index =
                    Integer.parseInt(
                            image.path()
                                    .substring(
                                            "images/test/".length(), "images/test/".length() + 5));
            assertEquals(index % 10, image.label());
            var png =
                    javax.imageio.ImageIO.read(
                            dataDir().resolve("fashion_mnist").resolve(image.path()).toFile());
            assertEquals(28, png.getWidth());
            assertEquals(index % 256, png.getRaster().getSample(3, 3, 0));
        }
        assertTrue(server.requests().isEmpty());

        Path other = tmp.resolve("other");
        server.serveAll("/fm/", files);
        List<SourceFile> downloadable = MiniatureDatasets.sources(files, server, "/fm/");
        new DatasetPreparation(log)
                .prepare(
                        new FashionMnistRecipe(
                                downloadable,
                                new LocalCopy(tmp.resolve("absent"), "none", Map.of()),
                                5),
                        new DatasetPreparation.Request(other, null, null, false, 1, 2, false));
        PreparedDataset limited = PreparedDataset.open(other, "fashion_mnist");
        assertEquals(20, limited.split(Split.TRAIN).size());
        assertEquals(20, limited.split(Split.VAL).size());
        assertEquals(20, limited.split(Split.TEST).size());
        try (Stream<Path> pngs = Files.walk(other.resolve("fashion_mnist/images"))) {
            assertEquals(60, pngs.filter(p -> p.toString().endsWith(".png")).count());
        }
        assertEquals(4, server.requests().size());
    }

    @Test
    void preparedDatasetIsKeptUnlessForced() throws IOException {
        Map<String, byte[]> files = MiniatureDatasets.pets();
        server.serveAll("/pets/", files);
        OxfordPetsRecipe recipe =
                new OxfordPetsRecipe(MiniatureDatasets.sources(files, server, "/pets/"));
        prepare(recipe, null, null, false);
        int requests = server.requests().size();
        prepare(recipe, null, null, false);
        assertTrue(logText().contains("already prepared"));
        assertEquals(requests, server.requests().size());
    }

    @Test
    void unknownProtocolIsRejected() {
        PrepareException e =
                assertThrows(
                        PrepareException.class,
                        () -> prepare(new OxfordPetsRecipe(), null, "zhou", false));
        assertTrue(e.getMessage().contains("[official, coop]"), e.getMessage());
    }

    private static void assertLabelsMatchNames(PreparedDataset dataset, List<String> filePrefixes)
            throws IOException {
        for (Split split : Split.values()) {
            for (LabeledImage image : dataset.split(split)) {
                String file = image.path().substring(image.path().lastIndexOf('/') + 1);
                assertTrue(
                        file.startsWith(filePrefixes.get(image.label()) + "_"), image.toString());
            }
        }
    }

    @SafeVarargs
    private static void assertDisjoint(List<LabeledImage>... splits) {
        long total = Stream.of(splits).mapToLong(List::size).sum();
        long distinct =
                Stream.of(splits).flatMap(List::stream).map(LabeledImage::path).distinct().count();
        assertEquals(total, distinct);
    }

    private static List<String> paths(List<LabeledImage> images) {
        return images.stream().map(LabeledImage::path).toList();
    }

    private static List<String> listNames(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
