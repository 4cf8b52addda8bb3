package org.ivit.results;

import org.ivit.train.RunSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The lines under a result table that say what its numbers rest on: profile, model-selection rule,
 * template set, similarity loss, K of the prompt selection, backbone, CLIP, commit, which run fills each cell, and which runs
 * were left out. Where cells disagree (say two template sets) every value is listed with its count.
 */
final class ProvenanceLines {
    private ProvenanceLines() {}

    static List<String> lines(TableProfile profile, List<RowResult> rows, List<RunRecord> leftOut, String paperSource) {
        List<RunRecord> used = rows.stream().flatMap(r -> r.cells().stream())
                .filter(CellResult::isRun).map(CellResult::run).toList();
        List<RunRecord> instruction = used.stream().filter(r -> r.summary().cfg().method().id().equals("instruction-vit")).toList();
        List<String> lines = new ArrayList<>();
        lines.add("Profile: " + profile.id() + " (only runs whose summary says \"profile\": \"" + profile.id() + "\").");
        if (used.isEmpty()) {
            lines.add("No finished run of this profile fills a cell yet.");
        } else {
            lines.add("Model selection: " + values(used, s -> selection(s.cfg().selection().id())) + ".");
            lines.add(instruction.isEmpty()
                    ? "Template set, similarity loss, K: n/a (no Instruction-ViT run in this table)."
                    : "Template set: " + values(instruction, s -> s.prompts().templateSet())
                            + "; similarity loss: " + values(instruction, s -> simLoss(s.prompts().simLoss()))
                            + "; prompt selection: " + values(instruction, s -> s.prompts().topK() == null ? "all N prompts" : "top K = " + s.prompts().topK()) + ".");
            lines.add("Backbone: " + values(used, s -> s.cfg().backbone()) + "; CLIP: " + values(instruction.isEmpty() ? used : instruction, s -> s.prompts().clip()) + ".");
            lines.add("Commit: " + values(used, s -> s.provenance().commit()) + ".");
            for (RowResult row : rows) {
                for (CellResult cell : row.cells()) {
                    if (cell.isRun()) {
                        lines.add(cellSource(row, cell));
                    }
                }
            }
        }
        if (!leftOut.isEmpty()) {
            lines.add("Left out: " + String.join("; ", leftOut.stream().map(ProvenanceLines::leftOutReason).toList()) + ".");
        }
        if (profile.comparableToPaper()) {
            lines.add(agreement(rows));
            lines.add("Paper numbers: " + paperSource + ".");
        }
        return lines;
    }

    /** The footer's count of the cells whose paper value lies inside our interval. */
    static String agreement(List<RowResult> rows) {
        List<CellResult> run = rows.stream().flatMap(r -> r.cells().stream()).filter(c -> c.isRun() && c.paper() != null).toList();
        long judged = run.stream().filter(c -> c.verdict().judged()).count();
        long agree = run.stream().filter(c -> c.verdict().agrees()).count();
        long single = run.size() - judged;
        return "Agreement with the paper: its value lies inside our 95% interval in " + agree + " of " + judged
                + " cell(s) with two or more seeds" + (single > 0 ? "; " + single + " cell(s) with one seed have no interval" : "")
                + ".";
    }

    private static String cellSource(RowResult row, CellResult cell) {
        String where = row.label() + " / " + cell.dataset().label() + ": ";
        if (cell.n() == 1) {
            String choice = cell.candidates() > 1 ? " (the newest of " + cell.candidates() + " finished runs)" : "";
            RunSummary s = cell.run().summary();
            String seed = cell.run().seed() == null ? "" : " (seed " + cell.run().seed() + ")";
            return where + "run " + s.runId() + choice + seed + ", best epoch " + s.metrics().bestEpoch() + " of " + s.metrics().epochs() + ".";
        }
        List<String> parts = new ArrayList<>();
        for (RunRecord r : cell.runs()) {
            parts.add("seed " + (r.seed() == null ? "?" : r.seed()) + " " + Percent.text(Percent.round(r.summary().metrics().testTop1()))
                    + " (run " + r.summary().runId() + ", best epoch " + r.summary().metrics().bestEpoch() + " of " + r.summary().metrics().epochs() + ")");
        }
        String choice = cell.candidates() > cell.n() ? " (the newest run of each seed among " + cell.candidates() + " finished runs)" : "";
        return where + cell.n() + " seeds" + choice + ": " + String.join("; ", parts) + ".";
    }

    private static String leftOutReason(RunRecord run) {
        RunSummary s = run.summary();
        String why = s.metrics().finished() ? "fits no cell of this table" : "not finished";
        return s.runId() + " (" + s.cfg().method().id() + ", " + s.cfg().mode().id() + ", " + s.cfg().dataset() + ": " + why + ")";
    }

    private static String selection(String rule) {
        return rule.equals("test")
                ? "best epoch chosen on the test split (the authors' rule; optimistic)"
                : "best epoch chosen on the validation split, test accuracy reported";
    }

    private static String simLoss(String variant) {
        if (variant == null) {
            return "n/a";
        }
        return variant.equals("authors")
                ? "authors (cross-entropy over already-softmaxed similarities, as in their code)"
                : "paper (cross-entropy over the scaled similarities)";
    }

    /** "x" when every run agrees, else "x (2 runs), y (1 run)". */
    static String values(List<RunRecord> runs, Function<RunSummary, String> field) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        runs.forEach(r -> counts.merge(Objects.toString(field.apply(r.summary()), "none"), 1, Integer::sum));
        if (counts.size() == 1) {
            return counts.keySet().iterator().next();
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((value, n) -> parts.add(value + " (" + n + (n == 1 ? " run)" : " runs)")));
        return String.join(", ", parts);
    }
}
