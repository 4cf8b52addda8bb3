package org.ivit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JPEG cut short (an interrupted download or extraction) or with garbage for image data is an
 * error naming the file, as Pillow refuses it ("image file is truncated"), never a silently partial
 * image: ImageIO alone decodes such a file with flat rows and only a warning.
 */
class TruncatedImageTest {
    @TempDir Path dir;

    private final byte[] whole = TestImages.noisyJpeg(64, 64, 7);

    @Test
    void aJpegCutToAThirdPastItsScanStartIsRefusedAndNamed() throws IOException {
        byte[] cut = Arrays.copyOf(whole, whole.length / 3);
        assertTrue(TestImages.scanData(whole) < cut.length, "the cut is inside the scan data");
        // What the package did before: ImageIO decodes it, all 64 rows, without an exception.
        BufferedImage silently = ImageIO.read(new ByteArrayInputStream(cut));
        assertEquals(64, silently.getHeight());

        Path file = Files.write(dir.resolve("cut-third.jpg"), cut);
        UndecodableImageException e =
                assertThrows(UndecodableImageException.class, () -> ImageDecoder.decode(file));
        assertTrue(
                e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated"),
                e.getMessage());
    }

    /**
     * Stricter than Pillow, on purpose: a missing end marker is also what a progressive JPEG cut
     * between scans gives.
     */
    @Test
    void aJpegCutJustBeforeItsEndMarkerIsRefused() throws IOException {
        Path file = Files.write(dir.resolve("no-eoi.jpg"), Arrays.copyOf(whole, whole.length - 2));
        UndecodableImageException e =
                assertThrows(UndecodableImageException.class, () -> ImageDecoder.decode(file));
        assertTrue(
                e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated"),
                e.getMessage());
    }

    @Test
    void aJpegCutBeforeItsScanIsRefusedAndNamed() throws IOException {
        Path file =
                Files.write(
                        dir.resolve("cut-header.jpg"),
                        Arrays.copyOf(whole, TestImages.scanData(whole) - 20));
        UndecodableImageException e =
                assertThrows(UndecodableImageException.class, () -> ImageDecoder.decode(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void garbageAfterAValidHeaderIsRefusedAndNamed() throws IOException {
        byte[] garbage = whole.clone();
        Random random = new Random(11);
        for (int i = TestImages.scanData(whole); i < garbage.length; i++) {
            garbage[i] = (byte) random.nextInt(256);
        }
        Path file = Files.write(dir.resolve("garbage.jpg"), garbage);
        UndecodableImageException e =
                assertThrows(UndecodableImageException.class, () -> ImageDecoder.decode(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void theWholeFileStillDecodes() throws IOException {
        Path file = Files.write(dir.resolve("whole.jpg"), whole);
        assertEquals(64, ImageDecoder.decode(file).height());
        // Bytes after the end marker (some tools append data) leave the image whole, as for Pillow.
        byte[] trailing = Arrays.copyOf(whole, whole.length + 100);
        assertEquals(64, ImageDecoder.decode(trailing, "trailing.jpg").width());
    }

    /**
     * An interrupted download of a progressive JPEG, cut between two scans: ImageIO would give a
     * blurred whole image.
     */
    @Test
    void aProgressiveJpegCutBetweenScansIsRefused() throws IOException {
        BufferedImage noisy = ImageIO.read(new ByteArrayInputStream(whole));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(noisy, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] progressive = out.toByteArray();
        List<Integer> scans = new ArrayList<>();
        for (int i = 2; i + 1 < progressive.length; i++) {
            if ((progressive[i] & 0xff) == 0xff && (progressive[i + 1] & 0xff) == 0xda) {
                scans.add(i);
            }
        }
        assertTrue(scans.size() > 2, "progressive: " + scans.size() + " scans");
        Path file =
                Files.write(
                        dir.resolve("progressive-cut.jpg"),
                        Arrays.copyOf(progressive, scans.get(scans.size() / 2)));
        UndecodableImageException e =
                assertThrows(UndecodableImageException.class, () -> ImageDecoder.decode(file));
        assertTrue(
                e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated"),
                e.getMessage());
        assertEquals(64, ImageDecoder.decode(progressive, "progressive.jpg").height());
    }
}
