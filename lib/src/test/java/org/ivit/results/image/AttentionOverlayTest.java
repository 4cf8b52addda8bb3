package org.ivit.results.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttentionOverlayTest {
    private static final int GRID = 4;

    @Test
    void theHotPatchIsWarmAndTheColdOneCool() {
        BufferedImage grey = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                grey.setRGB(x, y, 0x808080);
            }
        }
        float[] attention = new float[GRID * GRID];
        attention[GRID + 2] = 1f; // row 1, column 2
        BufferedImage out =
                AttentionOverlay.render(
                        grey, attention, GRID, new float[] {0.2f, 0.8f}, List.of("cat", "dog"));
        assertEquals(600, out.getWidth());
        // The picture is 560 px square from (20, 20); patch (1, 2) is centred at (20 + 2.5 * 140,
        // 20 + 1.5 * 140).
        Color hot = new Color(out.getRGB(20 + 350, 20 + 210));
        Color cold = new Color(out.getRGB(20 + 70, 20 + 490));
        assertTrue(hot.getRed() > hot.getBlue() + 60, "hot patch " + hot);
        assertTrue(cold.getBlue() >= cold.getRed(), "cold patch " + cold);
        assertTrue(out.getHeight() > 560 + 40, "the prompt strip sits under the picture");
    }

    @Test
    void theStrongestPromptIsFound() {
        assertEquals(2, AttentionOverlay.strongestPrompt(new float[] {0.1f, 0.3f, 0.5f, 0.1f}));
    }

    @Test
    void aChwImageIsAccepted() {
        float[] chw = new float[3 * 8 * 8];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = (i % 7) - 3f; // negative values, as normalised images have
        }
        BufferedImage out =
                AttentionOverlay.render(
                        chw,
                        3,
                        8,
                        8,
                        new float[GRID * GRID],
                        GRID,
                        new float[] {1f, 2f, 3f},
                        List.of("a", "b", "c"));
        assertEquals(600, out.getWidth());
    }

    @Test
    void mismatchedSizesAreExplained() {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        IllegalArgumentException grid =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                AttentionOverlay.render(
                                        image,
                                        new float[15],
                                        GRID,
                                        new float[] {1f},
                                        List.of("a")));
        assertTrue(grid.getMessage().contains("4x4 grid needs 16"), grid.getMessage());
        IllegalArgumentException names =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                AttentionOverlay.render(
                                        image,
                                        new float[16],
                                        GRID,
                                        new float[] {1f, 2f},
                                        List.of("a")));
        assertTrue(
                names.getMessage().contains("one class name per prompt token"), names.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> ChwImage.toImage(new float[10], 3, 2, 2));
    }

    @Test
    void greyChwBecomesGreyPixelsScaledToFullRange() {
        BufferedImage image = ChwImage.toImage(new float[] {-1f, 0f, 1f, 1f}, 1, 2, 2);
        assertEquals(new Color(0, 0, 0), new Color(image.getRGB(0, 0)));
        assertEquals(new Color(128, 128, 128), new Color(image.getRGB(1, 0)));
        assertEquals(new Color(255, 255, 255), new Color(image.getRGB(0, 1)));
    }
}
