package org.ivit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.ivit.data.augment.ImagePipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad data folders: each problem gives an error that names the file (and the line or field), and
 * reading never changes the folder (no data is lost). Complements PreparedImageDatasetTest, which
 * covers a corrupt image in the pipeline, the 1 % limit and a folder that was never prepared.
 */
class BadDataFolderTest {
    @TempDir Path dataDir;

    private Path root() {
        return dataDir.resolve("toy");
    }

    /**
     * A prepared "toy": {@code count} 6x6 JPEGs img/0000.jpg... in train (labels cycling over 2
     * classes), one in val and test.
     */
    private List<LabeledImage> prepare(int count) throws IOException {
        Files.createDirectories(root().resolve("img"));
        List<LabeledImage> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String path = String.format("img/%04d.jpg", i);
            Files.write(root().resolve(path), TestImages.jpeg(6, 6, i, 0, 0));
            rows.add(new LabeledImage(path, i % 2));
        }
        Files.writeString(root().resolve("classes.txt"), "cat\ndog\n");
        SplitFile.write(root().resolve("splits/train.csv"), rows);
        SplitFile.write(root().resolve("splits/val.csv"), rows.subList(0, 1));
        SplitFile.write(root().resolve("splits/test.csv"), rows.subList(0, 1));
        Files.writeString(
                root().resolve("PREPARED.json"),
                "{\"format\": 1, \"dataset\": \"toy\", \"protocol\": \"official\"}");
        return rows;
    }

    private PreparedImageDataset.Builder builder() {
        return PreparedImageDataset.builder()
                .optDataDir(dataDir)
                .setDataset("toy")
                .setSplit(Split.TRAIN)
                .optTransform(ImagePipeline.eval(16, 1.0))
                .setSampling(16, false);
    }

    /** Every file of the folder with its bytes, to show a failed read leaves it as it was. */
    private Map<String, byte[]> snapshot() throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(root().relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }

    /**
     * Runs {@code read}, which must fail with an IOException mentioning every one of {@code words};
     * the folder is unchanged.
     */
    private IOException failsNaming(Executable read, String... words) throws IOException {
        Map<String, byte[]> before = snapshot();
        IOException e = assertThrows(IOException.class, read);
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), "'" + word + "' not in: " + e.getMessage());
        }
        Map<String, byte[]> after = snapshot();
        assertEquals(before.keySet(), after.keySet(), "files of the folder changed");
        before.forEach(
                (name, bytes) -> assertArrayEquals(bytes, after.get(name), name + " changed"));
        return e;
    }

    private void writeTrain(String... lines) throws IOException {
        List<String> all = new ArrayList<>(List.of(SplitFile.HEADER));
        all.addAll(Arrays.asList(lines));
        Files.write(root().resolve("splits/train.csv"), all);
    }

    @Test
    void aSplitRowNamingAMissingImageIsSkippedWithTheSplitFileAndLine() throws Exception {
        prepare(150);
        Files.delete(root().resolve("img/0037.jpg"));
        PreparedImageDataset dataset = builder().build();
        ExecutorService executor = Executors.newFixedThreadPool(2);
        int seen = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Batch batch : dataset.getData(manager, executor)) {
                seen += (int) batch.getSize();
                batch.close();
            }
        } finally {
            executor.shutdownNow();
        }
        assertEquals(150, seen, "the other 149 images are all served");
        String reason = dataset.badImages().reasons().get("img/0037.jpg");
        assertTrue(
                reason != null && reason.contains(root().resolve("img/0037.jpg").toString()),
                String.valueOf(reason));
        // the header is line 1, row 0 line 2, so row 37 is on line 39
        assertTrue(reason.contains(root().resolve("splits/train.csv") + " line 39"), reason);
    }

    @Test
    void anEmptyImageFileCannotBeDecodedAndIsNamed() throws IOException {
        Path empty = Files.write(dataDir.resolve("empty.jpg"), new byte[0]);
        UndecodableImageException e =
                assertThrows(UndecodableImageException.class, () -> ImageDecoder.decode(empty));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    }

    @Test
    void aTruncatedPngIsUndecodableAndNamed() throws IOException {
        byte[] png = TestImages.greyPng(40, 40, 90);
        Path truncated =
                Files.write(dataDir.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
        for (Executable decode : List.<Executable>of(() -> ImageDecoder.decode(truncated))) {
            UndecodableImageException e = assertThrows(UndecodableImageException.class, decode);
            assertTrue(e.getMessage().contains(truncated.toString()), e.getMessage());
        }
    }

    @Test
    void aJpegCutBeforeItsImageDataIsUndecodableAndNamed() throws IOException {
        byte[] jpeg = TestImages.jpeg(64, 64, 200, 120, 40);
        Path cut =
                Files.write(
                        dataDir.resolve("cut.jpg"),
                        Arrays.copyOf(jpeg, 200)); // inside the headers: no scan
        for (Executable decode : List.<Executable>of(() -> ImageDecoder.decode(cut))) {
            UndecodableImageException e = assertThrows(UndecodableImageException.class, decode);
            assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        }
    }

    @Test
    void aMissingImageFileIsNamedByTheDecoder() {
        Path missing = dataDir.resolve("nowhere/0001.jpg");
        IOException e = assertThrows(IOException.class, () -> ImageDecoder.decode(missing));
        assertTrue(
                e.getMessage().contains(missing.toString())
                        && e.getMessage().contains("does not exist"),
                e.getMessage());
    }

    @Test
    void aRowWithoutALabelColumnNamesTheFileAndLine() throws IOException {
        prepare(3);
        writeTrain("img/0000.jpg,0", "img/0001.jpg");
        failsNaming(
                () -> PreparedDataset.open(dataDir, "toy").split(Split.TRAIN),
                root().resolve("splits/train.csv") + ":3",
                "expected 'path,label'");
    }

    @Test
    void aRowWithAnExtraColumnNamesTheFileLineAndLabel() throws IOException {
        prepare(3);
        writeTrain("img/0000.jpg,0,cat");
        failsNaming(
                () -> PreparedDataset.open(dataDir, "toy").split(Split.TRAIN),
                root().resolve("splits/train.csv") + ":2",
                "label 'cat' is not an integer");
    }

    @Test
    void aLabelOutOfRangeNamesTheFileAndLine() throws IOException {
        prepare(3);
        writeTrain("img/0000.jpg,0", "img/0001.jpg,1", "img/0002.jpg,2");
        failsNaming(
                () -> builder().build(),
                root().resolve("splits/train.csv") + ":4",
                "label 2 of img/0002.jpg has no class",
                "classes.txt has 2");
    }

    @Test
    void aNegativeLabelNamesTheFileAndLine() throws IOException {
        prepare(3);
        writeTrain("img/0000.jpg,-1");
        failsNaming(
                () -> PreparedDataset.open(dataDir, "toy").split(Split.TRAIN),
                root().resolve("splits/train.csv") + ":2",
                "label must be >= 0");
    }

    @Test
    void aPathLeavingTheDatasetFolderNamesTheFileAndLine() throws IOException {
        prepare(3);
        writeTrain("img/0000.jpg,0", "../other/secret.jpg,1");
        failsNaming(
                () -> PreparedDataset.open(dataDir, "toy").split(Split.TRAIN),
                root().resolve("splits/train.csv") + ":3",
                "inside the dataset folder");
    }

    @Test
    void aSplitFileWithAnotherHeaderIsNamed() throws IOException {
        prepare(3);
        Files.writeString(root().resolve("splits/train.csv"), "file;class\nimg/0000.jpg;0\n");
        failsNaming(
                () -> PreparedDataset.open(dataDir, "toy").split(Split.TRAIN),
                root().resolve("splits/train.csv").toString(),
                "first line must be 'path,label'");
    }

    @Test
    void anEmptySplitIsNamed() throws IOException {
        prepare(3);
        writeTrain();
        failsNaming(() -> builder().build(), root().resolve("splits/train.csv") + " has no images");
    }

    @Test
    void aMissingClassesFileIsNamedWithTheCommandToRun() throws IOException {
        prepare(3);
        Files.delete(root().resolve("classes.txt"));
        failsNaming(
                () -> PreparedDataset.open(dataDir, "toy"),
                "missing " + root().resolve("classes.txt"),
                "data-scripts/prepare toy --data-dir " + dataDir);
    }

    @Test
    void anEmptyClassesFileIsNamed() throws IOException {
        prepare(3);
        Files.writeString(root().resolve("classes.txt"), "\n\n");
        failsNaming(
                () -> PreparedDataset.open(dataDir, "toy"),
                root().resolve("classes.txt") + " is empty");
    }

    @Test
    void aMissingSplitFileIsNamed() throws IOException {
        prepare(3);
        Files.delete(root().resolve("splits/val.csv"));
        failsNaming(
                () -> builder().setSplit(Split.TRAIN).build(),
                "missing " + root().resolve("splits/val.csv"));
    }

    @Test
    void aManifestThatIsNotJsonIsNamed() throws IOException {
        prepare(3);
        Files.writeString(root().resolve("PREPARED.json"), "{\"format\": 1, \"dataset\": ");
        failsNaming(
                () -> PreparedDataset.open(dataDir, "toy"),
                root().resolve("PREPARED.json") + " is not a JSON object",
                "--force");
    }

    @Test
    void aManifestOfAnotherDatasetNamesTheFileAndField() throws IOException {
        prepare(3);
        Files.writeString(
                root().resolve("PREPARED.json"),
                "{\"format\": 1, \"dataset\": \"oxford_pets\", \"protocol\": \"official\"}");
        failsNaming(
                () -> PreparedDataset.open(dataDir, "toy"),
                root().resolve("PREPARED.json").toString(),
                "field 'dataset' is 'oxford_pets'",
                "opened as dataset 'toy'");
    }
}
