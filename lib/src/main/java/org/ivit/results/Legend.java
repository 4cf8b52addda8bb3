package org.ivit.results;

import org.ivit.results.image.ImageGrid;
import org.ivit.results.image.PromptSimilarityHeatmap;
import org.ivit.results.image.TextFit;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;

/**
 * One legend for a figure of several panels, drawn under them across the figure's whole width and
 * wrapped into as many lines as its entries need, so no entry is cut off and none is repeated.
 */
final class Legend {
    static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final int MARGIN = 8;
    private static final int SWATCH = 16;
    private static final int GAP = 18;
    private static final int LINE_HEIGHT = 18;

    /** A legend entry: a bar series is drawn as a filled square, a line series as a line with a dot. */
    record Entry(String label, Color color, boolean line) {}

    private Legend() {}

    /**
     * The series of all panels, each name once, in first-seen order. Call it after the panels were
     * drawn: XChart gives series without an explicit colour theirs while drawing.
     */
    static List<Entry> entries(List<? extends Chart<?, ?>> panels) {
        Map<String, Entry> byLabel = new LinkedHashMap<>();
        for (Chart<?, ?> panel : panels) {
            for (Series series : panel.getSeriesCollection()) {
                if (series instanceof XYSeries xy) {
                    byLabel.putIfAbsent(xy.getName(), new Entry(xy.getName(), xy.getLineColor(), true));
                } else if (series instanceof CategorySeries bars) {
                    byLabel.putIfAbsent(bars.getName(), new Entry(bars.getName(), bars.getFillColor(), false));
                }
            }
        }
        return new ArrayList<>(byLabel.values());
    }

    /** {@code charts} with the legend added below; unchanged when there are no entries. */
    static BufferedImage below(BufferedImage charts, List<Entry> entries) {
        if (entries.isEmpty()) {
            return charts;
        }
        int width = charts.getWidth();
        List<List<Entry>> lines = wrap(entries, width - 2 * MARGIN);
        int legendHeight = lines.size() * LINE_HEIGHT + 2 * MARGIN;
        BufferedImage out = new BufferedImage(width, charts.getHeight() + legendHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(charts, 0, 0, null);
            g.setFont(FONT);
            FontMetrics fm = g.getFontMetrics();
            int y = charts.getHeight() + MARGIN;
            for (List<Entry> line : lines) {
                int x = (width - lineWidth(line, fm)) / 2;
                int middle = y + LINE_HEIGHT / 2;
                for (Entry e : line) {
                    g.setColor(e.color() == null ? Color.GRAY : e.color());
                    if (e.line()) {
                        g.setStroke(new BasicStroke(2f));
                        g.drawLine(x, middle, x + SWATCH, middle);
                        g.fillOval(x + SWATCH / 2 - 4, middle - 4, 8, 8);
                    } else {
                        g.fillRect(x + 2, middle - 6, 12, 12);
                    }
                    g.setColor(Color.BLACK);
                    g.drawString(e.label(), x + SWATCH + 4, middle + fm.getAscent() / 2 - 1);
                    x += entryWidth(e, fm) + GAP;
                }
                y += LINE_HEIGHT;
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Entries in lines no wider than {@code maxWidth} (an entry wider than that gets a line of its own). */
    static List<List<Entry>> wrap(List<Entry> entries, int maxWidth) {
        FontMetrics fm = TextFit.metrics(FONT);
        List<List<Entry>> lines = new ArrayList<>();
        List<Entry> line = new ArrayList<>();
        int used = 0;
        for (Entry e : entries) {
            int w = entryWidth(e, fm);
            if (!line.isEmpty() && used + GAP + w > maxWidth) {
                lines.add(line);
                line = new ArrayList<>();
                used = 0;
            }
            used += (line.isEmpty() ? 0 : GAP) + w;
            line.add(e);
        }
        if (!line.isEmpty()) {
            lines.add(line);
        }
        return lines;
    }

    private static int lineWidth(List<Entry> line, FontMetrics fm) {
        return line.stream().mapToInt(e -> entryWidth(e, fm)).sum() + GAP * (line.size() - 1);
    }

    private static int entryWidth(Entry e, FontMetrics fm) {
        return SWATCH + 4 + fm.stringWidth(e.label());
    }
}
