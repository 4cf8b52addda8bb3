package org.ivit.results;

import java.util.ArrayList;
import java.util.List;

/**
 * The Markdown form, for {@code results/*.md} and READMEs: one compact "paper / ours (difference)"
 * cell per dataset, since Markdown has no grouped headers and twelve narrow columns read worse.
 */
final class ResultTableMarkdown {
    private ResultTableMarkdown() {}

    static String render(ResultTable t) {
        boolean comparable = t.profile().comparableToPaper();
        List<String> notes = t.paperNotes();
        StringBuilder md = new StringBuilder();
        md.append("**").append(escape(t.heading())).append("**\n\n");
        md.append(CellText.legend(comparable)).append("\n\n");

        List<String> header = new ArrayList<>(List.of("model"));
        t.datasets().forEach(d -> header.add(d.label()));
        if (t.hasAverage()) {
            header.add("Average");
        }
        row(md, header);
        row(md, header.stream().map(h -> "---").toList());
        for (RowResult r : t.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(r.paperNotes().isBlank() ? r.label() : r.label() + " [" + (notes.indexOf(r.paperNotes()) + 1) + "]");
            t.datasets().forEach(d -> cells.add(CellText.compact(r.cell(d), comparable)));
            if (t.hasAverage()) {
                cells.add(CellText.compactAverage(r, comparable));
            }
            row(md, cells);
        }
        md.append('\n');
        t.provenance().forEach(p -> md.append("- ").append(escape(p)).append('\n'));
        if (!notes.isEmpty()) {
            md.append('\n');
            for (int i = 0; i < notes.size(); i++) {
                md.append("[").append(i + 1).append("] ").append(escape(notes.get(i))).append("\n\n");
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append("| ").append(String.join(" | ", cells.stream().map(ResultTableMarkdown::escape).toList())).append(" |\n");
    }

    // A pipe would split the cell. (Underscores inside words, as in run ids, are no emphasis in GFM.)
    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
