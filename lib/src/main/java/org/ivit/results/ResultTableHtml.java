package org.ivit.results;

import org.ivit.data.BenchmarkDataset;
import java.util.List;

/**
 * The HTML form notebooks display: a grouped header (dataset over paper | ours | difference), "not
 * run" in grey, the provenance and the paper's notes in the footer. Inline styles only, since
 * notebook front ends may drop style sheets.
 */
final class ResultTableHtml {
    private static final String GREY = "color:#888";
    private static final String NUMBER = "text-align:right";

    private ResultTableHtml() {}

    static String render(ResultTable t) {
        boolean comparable = t.profile().comparableToPaper();
        List<String> sub = comparable ? List.of("paper", "ours", "&Delta;", "paper in CI?") : List.of("ours");
        List<String> notes = t.paperNotes();
        int groups = t.datasets().size() + (t.hasAverage() ? 1 : 0);
        int width = 1 + groups * sub.size();

        StringBuilder h = new StringBuilder("<table class=\"ivit-results\" style=\"border-collapse:collapse\">\n");
        h.append("<caption style=\"caption-side:top;text-align:left;font-weight:bold\">")
                .append(escape(t.heading())).append("</caption>\n<thead>\n<tr><th rowspan=\"2\">model</th>");
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
                h.append(r.oursAverage() != null ? number(Percent.text(r.oursAverage())) : grey(CellText.oursAverage(r)));
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
        return "<th colspan=\"" + span + "\" style=\"text-align:center\">" + escape(label) + "</th>";
    }

    // each seed's value in the tooltip, so the cell stays one line
    private static String ours(CellResult c) {
        return "<td style=\"" + NUMBER + "\" title=\"" + escape(CellText.perSeed(c)) + "\">" + escape(c.interval().text()) + "</td>";
    }

    private static String verdict(PaperVerdict v) {
        String color = switch (v.kind()) {
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
        h.append("<tr><td colspan=\"").append(width).append("\" style=\"text-align:left\">").append(html).append("</td></tr>\n");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
