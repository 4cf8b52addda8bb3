package org.ivit.results.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Images side by side with captions under each (several lines allowed), for notebook pictures. The
 * title and the captions are wrapped at spaces to the grid's and the cell's width, so no text runs
 * off the picture or into the next cell.
 */
public final class ImageGrid {
    public static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    public static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final int MARGIN = 8;
    private static final int TITLE_LINE = 18;
    private static final int CAPTION_LINE = 14;

    private ImageGrid() {}

    /**
     * @param captions one caption per image; {@code \n} starts a new line
     * @param title drawn above the grid (e.g. "CLIP: random weights"), or null
     */
    public static BufferedImage of(
            List<BufferedImage> images,
            List<String> captions,
            int cell,
            int columns,
            String title) {
        int width = columns * (cell + MARGIN) + MARGIN;
        List<String> titleLines = title == null ? List.of() : titleLines(title, width);
        List<List<String>> captionLines = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            captionLines.add(i < captions.size() ? captionLines(captions.get(i), cell) : List.of());
        }
        int lines = captionLines.stream().mapToInt(List::size).max().orElse(0);
        int captionHeight = CAPTION_LINE * lines + 6;
        int titleHeight = titleLines.isEmpty() ? 0 : TITLE_LINE * titleLines.size() + 6;
        int rows = (images.size() + columns - 1) / columns;
        BufferedImage out =
                new BufferedImage(
                        width,
                        titleHeight + rows * (cell + captionHeight + MARGIN) + MARGIN,
                        BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_INTERPOLATION,
                RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.DARK_GRAY);
        g.setFont(TITLE_FONT);
        for (int l = 0; l < titleLines.size(); l++) {
            g.drawString(titleLines.get(l), MARGIN, TITLE_LINE * (l + 1));
        }
        g.setFont(CAPTION_FONT);
        for (int i = 0; i < images.size(); i++) {
            int x = MARGIN + (i % columns) * (cell + MARGIN);
            int y = titleHeight + MARGIN + (i / columns) * (cell + captionHeight + MARGIN);
            g.drawImage(images.get(i), x, y, cell, cell, null);
            List<String> text = captionLines.get(i);
            for (int l = 0; l < text.size(); l++) {
                g.drawString(text.get(l), x, y + cell + CAPTION_LINE * (l + 1));
            }
        }
        g.dispose();
        return out;
    }

    /** The title's lines: wrapped to the grid's width less its margins. */
    public static List<String> titleLines(String title, int gridWidth) {
        List<String> lines = new ArrayList<>();
        for (String line : title.split("\n", -1)) {
            lines.addAll(TextFit.wrap(line, TITLE_FONT, gridWidth - 2 * MARGIN));
        }
        return lines;
    }

    /** A caption's lines: each {@code \n} line wrapped to the cell's width. */
    public static List<String> captionLines(String caption, int cell) {
        List<String> lines = new ArrayList<>();
        for (String line : caption.split("\n", -1)) {
            lines.addAll(TextFit.wrap(line, CAPTION_FONT, cell));
        }
        return lines;
    }
}
