package org.ivit.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.ivit.data.prepare.SourceFile;
import org.ivit.io.Md5;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/**
 * Miniature copies of the original dataset files, in their real formats and archive layouts, keyed
 * by official file name. Images are tiny JPEGs; each set includes a grey and a CMYK image.
 */
public final class MiniatureDatasets {
    private MiniatureDatasets() {}

    /** Sources pointing at {@code server}{@code folder} with the md5 of the miniature files. */
    public static List<SourceFile> sources(
            Map<String, byte[]> files, LoopbackServer server, String folder) {
        List<SourceFile> sources = new ArrayList<>();
        files.forEach(
                (name, bytes) ->
                        sources.add(
                                new SourceFile(
                                        name, server.url(folder + name), Md5.of(bytes), null)));
        return sources;
    }

    public static void writeAll(Map<String, byte[]> files, Path folder) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(folder.resolve(file.getKey()), file.getValue());
        }
    }

    /** Pets: 3 classes (2 cats, 1 dog), 4 images each; trainval = images 1–3, test = image 4. */
    public static Map<String, byte[]> pets() {
        String[] breeds = {"Abyssinian", "american_bulldog", "British_Shorthair"};
        TarBuilder images = new TarBuilder().directory("images");
        StringBuilder trainval = new StringBuilder();
        StringBuilder test = new StringBuilder();
        for (int c = 0; c < breeds.length; c++) {
            for (int n = 1; n <= 4; n++) {
                String name = breeds[c] + "_" + n;
                byte[] jpeg =
                        c == 1 && n == 2
                                ? TestImages.greyJpeg(8, 6, 120)
                                : c == 2 && n == 3
                                        ? TestImages.cmykJpeg()
                                        : TestImages.jpeg(8, 6, 40 * c, 200, 30 * n);
                images.file("images/" + name + ".jpg", jpeg);
                int species = Character.isUpperCase(breeds[c].charAt(0)) ? 1 : 2;
                (n <= 3 ? trainval : test)
                        .append(name)
                        .append(' ')
                        .append(c + 1)
                        .append(' ')
                        .append(species)
                        .append(" 1\n");
            }
        }
        images.file(
                "images/Abyssinian_100.mat",
                new byte[] {1, 2, 3}); // real archive has stray .mat files too
        TarBuilder annotations =
                new TarBuilder()
                        .directory("annotations")
                        .file("annotations/trainval.txt", trainval.toString())
                        .file("annotations/test.txt", test.toString())
                        .file("annotations/list.txt", "#Image CLASS-ID SPECIES BREED ID\n");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("images.tar.gz", images.tarGz());
        files.put("annotations.tar.gz", annotations.tarGz());
        return files;
    }

    /**
     * Flowers: 3 classes, 10 images (labels 1,1,1,1,2,2,2,3,3,3); trn 1,5,8 val 2,6,9 tst 3,4,7,10.
     */
    public static Map<String, byte[]> flowers() {
        int[] labels = {1, 1, 1, 1, 2, 2, 2, 3, 3, 3};
        TarBuilder archive = new TarBuilder().directory("jpg");
        for (int i = 1; i <= labels.length; i++) {
            archive.file(
                    String.format("jpg/image_%05d.jpg", i),
                    i == 4
                            ? TestImages.greyJpeg(6, 6, 90)
                            : TestImages.jpeg(6, 6, 20 * i, 100, 50));
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("102flowers.tgz", archive.tarGz());
        files.put("imagelabels.mat", mat(Map.of("labels", row(labels))));
        Map<String, us.hebi.matlab.mat.types.Array> setid = new LinkedHashMap<>();
        setid.put("trnid", row(new int[] {1, 5, 8}));
        setid.put("valid", row(new int[] {2, 6, 9}));
        setid.put("tstid", row(new int[] {3, 4, 7, 10}));
        files.put("setid.mat", mat(setid));
        return files;
    }

    /** The class folders of the miniature Caltech, with their image counts. */
    public static final Map<String, Integer> CALTECH_FOLDERS = folders();

    private static Map<String, Integer> folders() {
        Map<String, Integer> folders = new LinkedHashMap<>();
        folders.put("BACKGROUND_Google", 3);
        folders.put("Faces", 10);
        folders.put("Faces_easy", 3);
        folders.put("Leopards", 10);
        folders.put("accordion", 10);
        folders.put("airplanes", 40);
        folders.put("crocodile_head", 10);
        return folders;
    }

    /** 101_ObjectCategories.tar.gz with the folders above. */
    public static byte[] caltechTarGz() {
        TarBuilder tar = new TarBuilder().directory("101_ObjectCategories");
        int k = 0;
        for (Map.Entry<String, Integer> folder : CALTECH_FOLDERS.entrySet()) {
            tar.directory("101_ObjectCategories/" + folder.getKey());
            for (int i = 1; i <= folder.getValue(); i++) {
                tar.file(
                        String.format("101_ObjectCategories/%s/image_%04d.jpg", folder.getKey(), i),
                        TestImages.jpeg(5, 4, (k * 37) % 256, 80, i));
            }
            k++;
        }
        return tar.tarGz();
    }

    /** caltech-101.zip as published: caltech-101/ holding the nested tar.gz, plus macOS litter. */
    public static Map<String, byte[]> caltechZip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("caltech-101/"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("__MACOSX/caltech-101/._101_ObjectCategories.tar.gz"));
            zip.write(new byte[] {0, 5, 22, 7});
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("caltech-101/101_ObjectCategories.tar.gz"));
            zip.write(caltechTarGz());
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("caltech-101/show_annotation.m"));
            zip.write("% annotation viewer\n".getBytes());
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("caltech-101.zip", bytes.toByteArray());
    }

    /** Cars: 3 classes; train 12 images (4 per class), test 6 (2 per class). */
    public static Map<String, byte[]> cars() {
        List<String> classNames =
                List.of(
                        "AM General Hummer SUV 2000",
                        "Ram C/V Cargo Van Minivan 2012",
                        "2012 Tesla Model S Sedan");
        TarBuilder train = new TarBuilder().directory("cars_train");
        TarBuilder test = new TarBuilder().directory("cars_test");
        int[] trainClasses = {1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3};
        int[] testClasses = {3, 2, 1, 1, 2, 3};
        for (int i = 1; i <= trainClasses.length; i++) {
            train.file(
                    String.format("cars_train/%05d.jpg", i),
                    i == 5 ? TestImages.cmykJpeg() : TestImages.jpeg(7, 5, 10 * i, 60, 90));
        }
        for (int i = 1; i <= testClasses.length; i++) {
            test.file(
                    String.format("cars_test/%05d.jpg", i), TestImages.jpeg(7, 5, 90, 10 * i, 60));
        }
        Cell names = Mat5.newCell(1, classNames.size());
        for (int i = 0; i < classNames.size(); i++) {
            names.set(i, Mat5.newString(classNames.get(i)));
        }
        TarBuilder devkit =
                new TarBuilder()
                        .directory("devkit")
                        .file("devkit/cars_meta.mat", mat(Map.of("class_names", names)))
                        .file(
                                "devkit/cars_train_annos.mat",
                                mat(Map.of("annotations", annotations(trainClasses))))
                        .file("devkit/README.txt", "devkit readme\n");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("cars_train.tgz", train.tarGz());
        files.put("cars_test.tgz", test.tarGz());
        files.put("car_devkit.tgz", devkit.tarGz());
        files.put(
                "cars_test_annos_withlabels.mat",
                mat(Map.of("annotations", annotations(testClasses))));
        return files;
    }

    /** A 1×n struct array with the fields of the Cars annotation files. */
    static Struct annotations(int[] classes) {
        Struct struct = Mat5.newStruct(1, classes.length);
        for (int i = 0; i < classes.length; i++) {
            struct.set("bbox_x1", i, Mat5.newScalar(1));
            struct.set("bbox_y1", i, Mat5.newScalar(1));
            struct.set("bbox_x2", i, Mat5.newScalar(6));
            struct.set("bbox_y2", i, Mat5.newScalar(4));
            Matrix label = Mat5.newMatrix(1, 1, MatlabType.UInt8);
            label.setInt(0, classes[i]);
            struct.set("class", i, label);
            struct.set("fname", i, Mat5.newString(String.format("%05d.jpg", i + 1)));
        }
        return struct;
    }

    /** Fashion-MNIST IDX files: {@code perClass} images of each of the 10 classes per split. */
    public static Map<String, byte[]> fashionMnist(int trainPerClass, int testPerClass) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("train-images-idx3-ubyte.gz", TarBuilder.gzip(idxImages(trainPerClass * 10)));
        files.put("train-labels-idx1-ubyte.gz", TarBuilder.gzip(idxLabels(trainPerClass * 10)));
        files.put("t10k-images-idx3-ubyte.gz", TarBuilder.gzip(idxImages(testPerClass * 10)));
        files.put("t10k-labels-idx1-ubyte.gz", TarBuilder.gzip(idxLabels(testPerClass * 10)));
        return files;
    }

    /** Image i is filled with value i % 256, so a PNG can be traced back to its IDX index. */
    static byte[] idxImages(int count) {
        byte[] data = new byte[16 + count * 28 * 28];
        putInt(data, 0, 0x803);
        putInt(data, 4, count);
        putInt(data, 8, 28);
        putInt(data, 12, 28);
        for (int i = 0; i < count; i++) {
            java.util.Arrays.fill(data, 16 + i * 784, 16 + (i + 1) * 784, (byte) i);
        }
        return data;
    }

    /** Label of image i is i % 10. */
    static byte[] idxLabels(int count) {
        byte[] data = new byte[8 + count];
        putInt(data, 0, 0x801);
        putInt(data, 4, count);
        for (int i = 0; i < count; i++) {
            data[8 + i] = (byte) (i % 10);
        }
        return data;
    }

    private static void putInt(byte[] data, int offset, int value) {
        data[offset] = (byte) (value >>> 24);
        data[offset + 1] = (byte) (value >>> 16);
        data[offset + 2] = (byte) (value >>> 8);
        data[offset + 3] = (byte) value;
    }

    static Matrix row(int[] values) {
        Matrix matrix = Mat5.newMatrix(1, values.length);
        for (int i = 0; i < values.length; i++) {
            matrix.setDouble(i, values[i]);
        }
        return matrix;
    }

    public static byte[] mat(Map<String, ? extends us.hebi.matlab.mat.types.Array> variables) {
        try {
            Path file = Files.createTempFile("ivit-test", ".mat");
            try {
                MatFile mat = Mat5.newMatFile();
                variables.forEach(mat::addArray);
                Mat5.writeToFile(mat, file.toFile());
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
