package org.ivit.prompt;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.ivit.data.PreparedDataset;

/** A prepared dataset on disk (classes.txt, splits/*.csv, small PNGs) for tests. */
public final class ToyDataset {
    public static final List<String> CLASSES = List.of("cat", "dog", "red car");

    private ToyDataset() {}

    /**
     * {@code <dataDir>/<name>}: per class {@code perClass} training and 2 test images of distinct
     * colours.
     */
    public static PreparedDataset write(Path dataDir, String name, int perClass)
            throws IOException {
        Path folder = dataDir.resolve(name);
        Files.createDirectories(folder.resolve("splits"));
        Files.createDirectories(folder.resolve("images"));
        Files.write(folder.resolve("classes.txt"), CLASSES);
        List<String> train = new ArrayList<>(List.of("path,label"));
        List<String> test = new ArrayList<>(List.of("path,label"));
        for (int c = 0; c < CLASSES.size(); c++) {
            for (int i = 0; i < perClass + 2; i++) {
                String path = "images/c" + c + "_" + i + ".png";
                writeImage(
                        folder.resolve(path),
                        new Color(80 * c + 10 * i, 200 - 60 * c, 40 + 20 * i));
                (i < perClass ? train : test).add(path + "," + c);
            }
        }
        Files.write(folder.resolve("splits/train.csv"), train);
        Files.write(folder.resolve("splits/test.csv"), test);
        Files.write(folder.resolve("splits/val.csv"), List.of("path,label"));
        Files.writeString(folder.resolve("PREPARED.json"), "{\"protocol\": \"toy\"}");
        return PreparedDataset.open(dataDir, name);
    }

    private static void writeImage(Path file, Color colour) throws IOException {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 40, 30);
        g.setColor(colour.darker());
        g.fillOval(5, 5, 20, 15);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
