package org.ivit.standin;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.ivit.data.BenchmarkDataset;
import org.ivit.data.LabeledImage;
import org.ivit.data.prepare.DatasetRecipe;
import org.ivit.data.prepare.PreparedContent;
import org.ivit.data.prepare.SourceFetcher;
import org.ivit.data.prepare.SplitSettings;

/**
 * A stand-in dataset, as a user would add one: this recipe plus one line in {@code
 * META-INF/services/org.ivit.data.prepare.DatasetRecipe}. It draws its own images (three shapes on
 * noise, 32x32), so it needs no download.
 */
public final class StandInDataset implements DatasetRecipe {
    public static final BenchmarkDataset DATASET =
            new BenchmarkDataset("standin_shapes", "Shapes", 3, "simple7");
    private static final List<String> CLASSES = List.of("square", "disc", "cross");
    private static final int TRAIN = 40;
    private static final int EVAL = 10;

    @Override
    public BenchmarkDataset dataset() {
        return DATASET;
    }

    @Override
    public List<String> protocols() {
        return List.of("drawn");
    }

    @Override
    public PreparedContent build(SourceFetcher sources, Path staging, SplitSettings settings)
            throws IOException {
        Random random = new Random(settings.seed());
        List<LabeledImage> train = draw(staging, "train", TRAIN, random);
        List<LabeledImage> val = draw(staging, "val", EVAL, random);
        List<LabeledImage> test = draw(staging, "test", EVAL, random);
        return new PreparedContent(
                CLASSES,
                train,
                val,
                test,
                "drawn: " + TRAIN + "/" + EVAL + "/" + EVAL + " per class");
    }

    private static List<LabeledImage> draw(Path staging, String split, int perClass, Random random)
            throws IOException {
        List<LabeledImage> images = new ArrayList<>();
        Files.createDirectories(staging.resolve("images").resolve(split));
        for (int label = 0; label < CLASSES.size(); label++) {
            for (int i = 0; i < perClass; i++) {
                BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        int v = random.nextInt(80);
                        image.setRGB(x, y, new Color(v, v, v).getRGB());
                    }
                }
                Graphics2D g = image.createGraphics();
                g.setColor(Color.WHITE);
                int s = 10 + random.nextInt(8);
                int x0 = random.nextInt(32 - s);
                int y0 = random.nextInt(32 - s);
                switch (label) {
                    case 0 -> g.fillRect(x0, y0, s, s);
                    case 1 -> g.fillOval(x0, y0, s, s);
                    default -> {
                        g.fillRect(x0 + s / 2 - 2, y0, 4, s);
                        g.fillRect(x0, y0 + s / 2 - 2, s, 4);
                    }
                }
                g.dispose();
                String path = "images/" + split + "/" + CLASSES.get(label) + "-" + i + ".png";
                ImageIO.write(image, "png", staging.resolve(path).toFile());
                images.add(new LabeledImage(path, label));
            }
        }
        return images;
    }
}
