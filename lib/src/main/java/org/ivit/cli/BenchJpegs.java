package org.ivit.cli;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * JPEGs like the paper's datasets' (Pets, Caltech-101, Flowers: mostly about 500x375): landscape
 * and portrait colour images with smooth shapes and grain (so they compress like photos, 30-60 kB),
 * every tenth greyscale and every twenty-fifth CMYK (a four-channel JPEG, as some Pets images are).
 */
final class BenchJpegs {
    private static final int[][] SIZES = {
        {500, 375}, {375, 500}, {500, 333}, {480, 360}, {500, 400}
    };

    private BenchJpegs() {}

    static List<Path> write(Path dir, int count) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] size = SIZES[i % SIZES.length];
            Path file = dir.resolve(String.format("%04d.jpg", i));
            if (!Files.isRegularFile(file)) {
                Raster raster =
                        picture(
                                size[0],
                                size[1],
                                i % 25 == 24 ? 4 : i % 10 == 9 ? 1 : 3,
                                new Random(i));
                writeJpeg(raster, file);
            }
            files.add(file);
        }
        return files;
    }

    static String describe(List<Path> files) throws IOException {
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        long grey = files.size() / 10;
        long cmyk = files.size() / 25;
        return String.format(
                "mean %d kB, %d greyscale, %d CMYK", bytes / files.size() / 1024, grey, cmyk);
    }

    /** Blurry blobs of colour plus grain, in {@code bands} channels. */
    private static Raster picture(int width, int height, int bands, Random random) {
        WritableRaster raster =
                Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, bands, null);
        double[][] blobs = new double[6][];
        for (int b = 0; b < blobs.length; b++) {
            blobs[b] =
                    new double[] {
                        random.nextDouble() * width,
                        random.nextDouble() * height,
                        40 + random.nextDouble() * 120,
                        random.nextInt(256),
                        random.nextInt(256),
                        random.nextInt(256),
                        random.nextInt(256)
                    };
        }
        int[] pixel = new int[bands];
        double[] w = new double[blobs.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double weight = 1e-9;
                for (int b = 0; b < blobs.length; b++) {
                    double dx = x - blobs[b][0];
                    double dy = y - blobs[b][1];
                    w[b] = Math.exp(-(dx * dx + dy * dy) / (2 * blobs[b][2] * blobs[b][2]));
                    weight += w[b];
                }
                for (int c = 0; c < bands; c++) {
                    double value = 0;
                    for (int b = 0; b < blobs.length; b++) {
                        value += w[b] * blobs[b][3 + c];
                    }
                    pixel[c] =
                            Math.max(
                                    0,
                                    Math.min(
                                            255,
                                            (int) (value / weight + random.nextGaussian() * 12)));
                }
                raster.setPixel(x, y, pixel);
            }
        }
        return raster;
    }

    private static void writeJpeg(Raster raster, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            if (raster.getNumBands() == 4) {
                writer.write(
                        null,
                        new IIOImage(raster, null, null),
                        writer.getDefaultWriteParam()); // a CMYK JPEG
            } else {
                int type =
                        raster.getNumBands() == 1
                                ? BufferedImage.TYPE_BYTE_GRAY
                                : BufferedImage.TYPE_3BYTE_BGR;
                BufferedImage image =
                        new BufferedImage(raster.getWidth(), raster.getHeight(), type);
                image.getRaster().setRect(raster);
                writer.write(image);
            }
        } finally {
            writer.dispose();
        }
    }
}
