package org.ivit.results.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A picture of where the model looks: the image with the patch attention laid over it as
 * semi-transparent heat, and under it the prompt classes that get the most attention, the strongest
 * named. Pure drawing: the attention comes in as arrays (the model code extracts it).
 */
public final class AttentionOverlay {
    private static final int SIDE = 560;
    private static final int MARGIN = 20;
    private static final int BAR_ROW = 20;
    private static final int BARS = 5;
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Color HIGHLIGHT = new Color(0xD93806);
    private static final Color OTHER = new Color(0x9E9E9E);

    private AttentionOverlay() {}

    /**
     * @param image the input picture, any size; drawn at 560 px on its long side
     * @param patchAttention grid*grid values, row-major (e.g. CLS to each patch in the last layer);
     *     any non-negative scale, shown min-to-max
     * @param grid patches per side (14 for ViT-B/16 at 224)
     * @param promptAttention one value per prompt token (e.g. CLS to each prompt)
     * @param classNames the class of each prompt token, same order
     */
    public static BufferedImage render(
            BufferedImage image,
            float[] patchAttention,
            int grid,
            float[] promptAttention,
            List<String> classNames) {
        check(patchAttention, grid, promptAttention, classNames);
        double scale = (double) SIDE / Math.max(image.getWidth(), image.getHeight());
        int w = (int) Math.round(image.getWidth() * scale);
        int h = (int) Math.round(image.getHeight() * scale);
        int shown = Math.min(BARS, promptAttention.length);
        int stripHeight = 3 * BAR_ROW + shown * BAR_ROW + MARGIN;
        BufferedImage out =
                new BufferedImage(
                        SIDE + 2 * MARGIN,
                        h + 2 * MARGIN + stripHeight,
                        BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(
                    RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            int x0 = MARGIN + (SIDE - w) / 2;
            g.drawImage(image, x0, MARGIN, w, h, null);
            g.drawImage(heat(patchAttention, grid, w, h), x0, MARGIN, null);
            drawStrip(g, promptAttention, classNames, MARGIN + h + MARGIN, shown);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * As {@link #render(BufferedImage, float[], int, float[], List)}, for a (C, H, W) float image.
     */
    public static BufferedImage render(
            float[] chw,
            int channels,
            int height,
            int width,
            float[] patchAttention,
            int grid,
            float[] promptAttention,
            List<String> classNames) {
        return render(
                ChwImage.toImage(chw, channels, height, width),
                patchAttention,
                grid,
                promptAttention,
                classNames);
    }

    /** The index of the prompt token with the most attention. */
    public static int strongestPrompt(float[] promptAttention) {
        return IntStream.range(0, promptAttention.length)
                .boxed()
                .max(Comparator.comparingDouble(i -> promptAttention[i]))
                .orElseThrow();
    }

    /**
     * The heat layer at picture size: the patch grid upsampled bilinearly between patch centres (so
     * no patch edges show), coloured, with opacity growing with attention so that the image stays
     * visible where the model does not look.
     */
    static BufferedImage heat(float[] attention, int grid, int width, int height) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : attention) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float range = max > min ? max - min : 1f;
        BufferedImage heat = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            float gy = clamp((y + 0.5f) * grid / height - 0.5f, grid);
            int y0 = (int) gy;
            int y1 = Math.min(y0 + 1, grid - 1);
            float fy = gy - y0;
            for (int x = 0; x < width; x++) {
                float gx = clamp((x + 0.5f) * grid / width - 0.5f, grid);
                int x0 = (int) gx;
                int x1 = Math.min(x0 + 1, grid - 1);
                float fx = gx - x0;
                float top = attention[y0 * grid + x0] * (1 - fx) + attention[y0 * grid + x1] * fx;
                float bottom =
                        attention[y1 * grid + x0] * (1 - fx) + attention[y1 * grid + x1] * fx;
                float level = ((top * (1 - fy) + bottom * fy) - min) / range;
                int alpha = Math.round(255 * (0.15f + 0.5f * level));
                heat.setRGB(x, y, (alpha << 24) | (HeatColors.at(level).getRGB() & 0xFFFFFF));
            }
        }
        return heat;
    }

    private static float clamp(float position, int grid) {
        return Math.max(0f, Math.min(grid - 1f, position));
    }

    private static void drawStrip(
            Graphics2D g, float[] attention, List<String> names, int top, int shown) {
        boolean shares = IntStream.range(0, attention.length).allMatch(i -> attention[i] >= 0);
        double total =
                shares
                        ? IntStream.range(0, attention.length).mapToDouble(i -> attention[i]).sum()
                        : 0;
        double largest =
                IntStream.range(0, attention.length)
                        .mapToDouble(i -> Math.abs(attention[i]))
                        .max()
                        .orElse(1);
        List<Integer> order =
                IntStream.range(0, attention.length)
                        .boxed()
                        .sorted(Comparator.comparingDouble((Integer i) -> attention[i]).reversed())
                        .limit(shown)
                        .toList();
        int best = order.get(0);

        g.setFont(TITLE);
        g.setColor(Color.BLACK);
        g.drawString(
                "most attention: "
                        + names.get(best)
                        + "  ("
                        + amount(attention[best], shares, total)
                        + ")",
                MARGIN,
                top + 14);
        drawHeatLegend(g, top + BAR_ROW + 4);

        g.setFont(TEXT);
        FontMetrics fm = g.getFontMetrics();
        int labelWidth = 170;
        int barLeft = MARGIN + labelWidth + 8;
        int barMax = SIDE - labelWidth - 8 - 70;
        int y = top + 3 * BAR_ROW;
        for (int i : order) {
            String label = fit(names.get(i), fm, labelWidth);
            g.setColor(Color.BLACK);
            g.drawString(label, MARGIN + labelWidth - fm.stringWidth(label), y + 13);
            int length =
                    (int) Math.round(barMax * Math.abs(attention[i]) / (largest > 0 ? largest : 1));
            g.setColor(i == best ? HIGHLIGHT : OTHER);
            g.fillRect(barLeft, y + 3, Math.max(1, length), BAR_ROW - 6);
            g.setColor(Color.DARK_GRAY);
            g.drawString(amount(attention[i], shares, total), barLeft + length + 6, y + 13);
            y += BAR_ROW;
        }
    }

    private static void drawHeatLegend(Graphics2D g, int top) {
        g.setFont(TEXT);
        g.setColor(Color.DARK_GRAY);
        String text = "patch attention: low";
        g.drawString(text, MARGIN, top + 11);
        int left = MARGIN + g.getFontMetrics().stringWidth(text) + 8;
        int width = 160;
        for (int x = 0; x < width; x++) {
            g.setColor(HeatColors.at(x / (float) (width - 1)));
            g.fillRect(left + x, top + 2, 1, 10);
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, top + 2, width, 10);
        g.setColor(Color.DARK_GRAY);
        g.drawString("high", left + width + 8, top + 11);
    }

    private static String amount(float value, boolean shares, double total) {
        return shares && total > 0
                ? String.format(Locale.ROOT, "%.1f%%", 100 * value / total)
                : String.format(Locale.ROOT, "%.3g", value);
    }

    private static String fit(String text, FontMetrics fm, int width) {
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (cut.length() > 1 && fm.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    private static void check(
            float[] patchAttention, int grid, float[] promptAttention, List<String> classNames) {
        if (grid <= 0 || patchAttention.length != grid * grid) {
            throw new IllegalArgumentException(
                    "patch attention has "
                            + patchAttention.length
                            + " values; a "
                            + grid
                            + "x"
                            + grid
                            + " grid needs "
                            + grid * grid);
        }
        if (promptAttention.length == 0 || promptAttention.length != classNames.size()) {
            throw new IllegalArgumentException(
                    "need one class name per prompt token: got "
                            + promptAttention.length
                            + " attention values and "
                            + classNames.size()
                            + " names");
        }
    }
}
