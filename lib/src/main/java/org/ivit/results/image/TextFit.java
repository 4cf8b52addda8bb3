package org.ivit.results.image;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Text widths in pixels and word wrapping, so drawn text fits the picture it is drawn on. */
public final class TextFit {
    private TextFit() {}

    public static FontMetrics metrics(Font font) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }

    public static int width(String text, Font font) {
        return metrics(font).stringWidth(text);
    }

    /**
     * {@code text} broken at spaces into lines no wider than {@code maxWidth}; a word longer than a
     * line is broken between characters. An empty text gives one empty line.
     */
    public static List<String> wrap(String text, Font font, int maxWidth) {
        FontMetrics fm = metrics(font);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ", -1)) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (fm.stringWidth(candidate) <= maxWidth) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            // The word alone: split it where it overflows.
            for (char c : word.toCharArray()) {
                if (line.length() > 0 && fm.stringWidth(line.toString() + c) > maxWidth) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(c);
            }
        }
        lines.add(line.toString());
        return lines;
    }
}
