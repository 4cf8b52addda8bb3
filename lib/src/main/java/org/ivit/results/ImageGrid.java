package org.ivit.results;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Images side by side with captions under each (several lines allowed), for notebook pictures. */
public final class ImageGrid {
    private ImageGrid() {}

    /**
     * @param captions one caption per image; {@code \n} starts a new line
     * @param title drawn above the grid (e.g. "CLIP: random weights"), or null
     */
    public static BufferedImage of(List<BufferedImage> images, List<String> captions, int cell, int columns, String title) {
        int lines = captions.stream().mapToInt(c -> c.split("\n", -1).length).max().orElse(0);
        int captionHeight = 14 * lines + 6;
        int titleHeight = title == null ? 0 : 24;
        int rows = (images.size() + columns - 1) / columns;
        int width = columns * (cell + 8) + 8;
        BufferedImage out = new BufferedImage(width, titleHeight + rows * (cell + captionHeight + 8) + 8, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.DARK_GRAY);
        if (title != null) {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, 8, 18);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < images.size(); i++) {
            int x = 8 + (i % columns) * (cell + 8);
            int y = titleHeight + 8 + (i / columns) * (cell + captionHeight + 8);
            g.drawImage(images.get(i), x, y, cell, cell, null);
            String[] text = i < captions.size() ? captions.get(i).split("\n", -1) : new String[0];
            for (int l = 0; l < text.length; l++) {
                g.drawString(text[l], x, y + cell + 14 * (l + 1));
            }
        }
        g.dispose();
        return out;
    }
}
