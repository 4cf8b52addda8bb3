package org.ivit.results;

import java.util.List;
import org.ivit.data.BenchmarkDataset;
import org.ivit.results.CellText.Percent;
import org.ivit.results.PaperNumbers.PaperVerdict;
import org.ivit.results.ResultTable.CellResult;
import org.ivit.results.ResultTable.RowResult;

/**
 * The HTML form notebooks display, of Tables 1 and 2 (a grouped header: dataset over paper | ours |
 * difference, "not run" in grey, the provenance and the paper's notes in the footer), the paired
 * differences and Table 3. Inline styles only, since notebook front ends may drop style sheets.
 */
final class HtmlRenderer {
    private static final String GREY = "color:#888";
    private static final String NUMBER = "text-align:right";

    private HtmlRenderer() {}

    static String table(ResultTable t) {
        boolean comparable = t.profile().comparableToPaper();
        List<String> sub =
                comparable ? List.of("paper", "ours", "&Delta;", "paper in CI?") : List.of("ours");
        List<String> notes = t.paperNotes();
        int groups = t.datasets().size() + (t.hasAverage() ? 1 : 0);
        int width = 1 + groups * sub.size();

        StringBuilder h =
                new StringBuilder(
                        "<table class=\"ivit-results\" style=\"border-collapse:collapse\">\n");
        h.append("<caption style=\"caption-side:top;text-align:left;font-weight:bold\">")
                .append(escape(t.heading()))
                .append("</caption>\n<thead>\n<tr><th rowspan=\"2\">model</th>");
        t.datasets().forEach(d -> h.append(groupHeader(d.label(), sub.size())));
        if (t.hasAverage()) {
            h.append(groupHeader("Average", sub.size()));
        }
        h.append("</tr>\n<tr>");
        for (int g = 0; g < groups; g++) {
            sub.forEach(s -> h.append("<th>").append(s).append("</th>"));
        }
        h.append("</tr>\n</thead>\n<tbody>\n");
        for (RowResult r : t.rows()) {
            h.append("<tr><td>").append(escape(r.label()));
            if (!r.paperNotes().isBlank()) {
                h.append("<sup>").append(notes.indexOf(r.paperNotes()) + 1).append("</sup>");
            }
            h.append("</td>");
            for (BenchmarkDataset d : t.datasets()) {
                CellResult c = r.cell(d);
                if (comparable) {
                    h.append(number(Percent.text(c.paper())));
                }
                h.append(c.isRun() ? ours(c) : grey(ResultTable.NOT_RUN));
                if (comparable) {
                    h.append(number(Percent.signed(c.delta())));
                    h.append(verdict(c.verdict()));
                }
            }
            if (t.hasAverage()) {
                if (comparable) {
                    h.append(number(Percent.text(r.paperAverage())));
                }
                h.append(
                        r.oursAverage() != null
                                ? number(Percent.text(r.oursAverage()))
                                : grey(CellText.oursAverage(r)));
                if (comparable) {
                    h.append(number(Percent.signed(r.averageDelta())));
                    h.append("<td></td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n<tfoot style=\"font-size:smaller\">\n");
        footerRow(h, width, CellText.legend(comparable).replace("difference", "&Delta;"));
        t.provenance().forEach(p -> footerRow(h, width, escape(p)));
        for (int i = 0; i < notes.size(); i++) {
            footerRow(h, width, "<sup>" + (i + 1) + "</sup> " + escape(notes.get(i)));
        }
        return h.append("</tfoot>\n</table>\n").toString();
    }

    private static String groupHeader(String label, int span) {
        return "<th colspan=\""
                + span
                + "\" style=\"text-align:center\">"
                + escape(label)
                + "</th>";
    }

    // each seed's value in the tooltip, so the cell stays one line
    private static String ours(CellResult c) {
        return "<td style=\""
                + NUMBER
                + "\" title=\""
                + escape(CellText.perSeed(c))
                + "\">"
                + escape(c.interval().text())
                + "</td>";
    }

    private static String verdict(PaperVerdict v) {
        String color =
                switch (v.kind()) {
                    case INSIDE -> "color:#2a7d2a";
                    case ABOVE, BELOW -> "color:#b35900";
                    default -> GREY;
                };
        return "<td style=\"" + color + "\">" + escape(v.text()) + "</td>";
    }

    private static String number(String text) {
        return "<td style=\"" + NUMBER + "\">" + text + "</td>";
    }

    private static String grey(String text) {
        return "<td style=\"" + GREY + ";text-align:center\">" + escape(text) + "</td>";
    }

    private static void footerRow(StringBuilder h, int width, String html) {
        h.append("<tr><td colspan=\"")
                .append(width)
                .append("\" style=\"text-align:left\">")
                .append(html)
                .append("</td></tr>\n");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    static String paired(PairedDifferenceTable p) {
        StringBuilder h =
                new StringBuilder(
                        "<table class=\"ivit-paired\" style=\"border-collapse:collapse\">\n");
        h.append("<caption style=\"caption-side:top;text-align:left;font-weight:bold\">")
                .append(escape(p.heading()))
                .append("</caption>\n<thead><tr>");
        for (String c : PairedDifferenceTable.COLUMNS) {
            h.append("<th>").append(escape(c)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : p.cells()) {
            h.append("<tr>");
            for (int i = 0; i < r.size(); i++) {
                h.append(i == 3 ? "<td style=\"text-align:right\">" : "<td>")
                        .append(escape(r.get(i)))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append(
                        "</tbody>\n<tfoot style=\"font-size:smaller\"><tr><td colspan=\"7\" style=\"text-align:left\">")
                .append(escape(p.legend()))
                .append("</td></tr></tfoot>\n</table>\n");
        return h.toString();
    }

    /**
     * The notebook form: a table per dataset, rows × k, "not run" in grey, each seed's value under
     * the cell's interval.
     */
    static String fewShot(FewShotTable t) {
        StringBuilder h = new StringBuilder();
        if (t.datasets().isEmpty()) {
            return "<p>Table 3 (few-shot, " + t.profile() + " profile): no finished run yet.</p>";
        }
        for (String dataset : t.datasets()) {
            String label = FewShotTable.label(dataset);
            h.append(
                            "<table style=\"border-collapse:collapse\">\n<caption style=\"caption-side:top;text-align:left;"
                                    + "font-weight:bold\">Table 3: few-shot, prompt tuning, test top-1 % — ")
                    .append(escape(label))
                    .append(" (")
                    .append(t.profile())
                    .append(" profile)</caption>\n<thead><tr><th>method</th>");
            t.shots().forEach(k -> h.append("<th>k = ").append(k).append("</th>"));
            h.append("</tr></thead>\n<tbody>\n");
            for (FewShotTable.Row row : t.rows()) {
                h.append("<tr><td>").append(escape(row.label())).append("</td>");
                for (int k : t.shots()) {
                    FewShotTable.Cell c = t.cell(dataset, row, k);
                    h.append(
                            c == null
                                    ? "<td style=\"color:#888\">not run</td>"
                                    : "<td style=\"text-align:right\">"
                                            + escape(c.text())
                                            + "<br><small>"
                                            + escape(FewShotTable.seedValues(c).replace(";", ", "))
                                            + "</small></td>");
                }
                h.append("</tr>\n");
            }
            h.append("</tbody>\n<tfoot><tr><td colspan=\"")
                    .append(1 + t.shots().size())
                    .append(
                            "\" style=\"font-size:smaller\">"
                                    + "mean ± 95% Student t interval over seeds (n); under it each seed's value. k training and min(k, 4)"
                                    + " validation images per class, the full test split.</td></tr></tfoot>\n</table>\n");
        }
        return h.toString();
    }
}
