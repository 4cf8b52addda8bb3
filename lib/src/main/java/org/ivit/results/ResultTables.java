package org.ivit.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.ivit.Project;
import org.ivit.backbone.Backbones;
import org.ivit.data.BenchmarkDataset;
import org.ivit.data.Datasets;
import org.ivit.data.ProfileDatasets;
import org.ivit.prompt.PromptKind;
import org.ivit.results.CellText.Percent;
import org.ivit.results.PaperNumbers.PaperRow;
import org.ivit.results.ResultTable.CellResult;
import org.ivit.results.ResultTable.RowResult;
import org.ivit.results.ResultTable.SeedValues;
import org.ivit.spec.Recipe;
import org.ivit.train.RunSummary;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

/**
 * Builds the result tables from the run records: the paper's rows and datasets, in each cell we
 * train the newest finished run of each seed (the cell shows their mean, 95% interval and n), "not
 * run" elsewhere. One profile per table.
 */
public final class ResultTables {
    private static final String TABLE1_TITLE = "Table 1: full fine-tuning, top-1 %";
    private static final String TABLE2_TITLE =
            "Table 2: VPT-style training (backbone frozen), top-1 %";

    private ResultTables() {}

    /**
     * Table 1 from {@code runsDir/*}/summary.json, with the paper's numbers from {@code
     * runsDir/../paper}.
     */
    public static ResultTable table1(Path runsDir, String profile) {
        return build(1, TableProfile.of(profile), paperBeside(runsDir), RunTable.scan(runsDir));
    }

    /** Table 2, as {@link #table1}. */
    public static ResultTable table2(Path runsDir, String profile) {
        return build(2, TableProfile.of(profile), paperBeside(runsDir), RunTable.scan(runsDir));
    }

    /** Table 1 of the project's {@code results/runs}. */
    public static ResultTable table1(String profile) {
        return table1(Project.resultsDir().resolve("runs"), profile);
    }

    /** Table 2 of the project's {@code results/runs}. */
    public static ResultTable table2(String profile) {
        return table2(Project.resultsDir().resolve("runs"), profile);
    }

    /** Both tables of both profiles, as {@link ResultsReport#write} writes them. */
    public static List<ResultTable> all(Path resultsDir) {
        Path runsDir = resultsDir.resolve("runs");
        PaperNumbers paper = PaperNumbers.load(resultsDir.resolve("paper"));
        RunTable runs = RunTable.scan(runsDir);
        List<ResultTable> tables = new ArrayList<>();
        for (TableProfile profile : List.of(TableProfile.PAPER, TableProfile.QUICK)) {
            tables.add(build(1, profile, paper, runs));
            tables.add(build(2, profile, paper, runs));
        }
        return tables;
    }

    /**
     * The table for one paper table and profile from these runs; runs of other profiles are
     * ignored.
     */
    public static ResultTable build(
            int table, TableProfile profile, PaperNumbers paper, RunTable runs) {
        if (table != 1 && table != 2) {
            throw new IllegalArgumentException("the paper has Table 1 and Table 2, not " + table);
        }
        RunTable ofThisTable = runs.of(profile.id(), table);
        RunTable finished = ofThisTable.finished();
        List<BenchmarkDataset> columns = profile.datasets(ofThisTable);

        List<RowRuns> planned = new ArrayList<>();
        if (profile.comparableToPaper()) {
            for (PaperRow p : paper.rows(table)) {
                planned.add(
                        rowRuns(
                                p.model(),
                                p.prompt(),
                                ReproducedRow.forPaperRow(p).orElse(null),
                                p,
                                columns,
                                finished));
            }
            // a registered backbone the paper has no row for (a user's) gets a row once it has runs
            for (ReproducedRow r : ReproducedRow.of(table)) {
                boolean inPaper =
                        paper.rows(table).stream()
                                .anyMatch(p -> ReproducedRow.forPaperRow(p).orElse(null) == r);
                if (!inPaper && hasRuns(r, finished)) {
                    planned.add(rowRuns(r.model(), r.prompt(), r, null, columns, finished));
                }
            }
        } else {
            // The quick profile trains a tiny ViT: its rows must not carry the paper's "ViT-B"
            // names. It plans no baseline, but shows a baseline row that has runs (e.g. a user's
            // backbone).
            for (ReproducedRow r :
                    ReproducedRow.of(table).stream()
                            .filter(r -> !r.shownWithRunsOnly() || hasRuns(r, finished))
                            .toList()) {
                planned.add(
                        rowRuns(
                                r.model().replace("ViT-B", "ViT-tiny"),
                                r.prompt(),
                                r,
                                null,
                                columns,
                                finished));
            }
        }
        Table seedValues = SeedValues.empty();
        for (int i = 0; i < planned.size(); i++) {
            RowRuns row = planned.get(i);
            for (CellRuns cell : row.cells()) {
                SeedValues.append(
                        seedValues,
                        i,
                        row.trained() == null ? "" : row.trained().method(),
                        cell.dataset().id(),
                        cell.runs());
            }
        }
        // each cell's mean and interval: the seed values grouped by (row, dataset)
        Map<CellKey, MeanInterval> intervals = new HashMap<>();
        for (Row cell :
                MeanInterval.summarize(
                        seedValues, SeedValues.TOP1, SeedValues.ROW, SeedValues.DATASET)) {
            intervals.put(
                    new CellKey(cell.getInt(SeedValues.ROW), cell.getString(SeedValues.DATASET)),
                    MeanInterval.at(cell));
        }
        List<RowResult> rows = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            rows.add(planned.get(i).withIntervals(i, intervals));
        }
        List<RunRecord> leftOut =
                ofThisTable
                        .where(
                                t ->
                                        t.booleanColumn(RunTable.FINISHED)
                                                .isFalse()
                                                .or(
                                                        inAnyCell(t, table, columns)
                                                                .flip(0, t.rowCount())))
                        .records();
        List<String> provenance = ProvenanceLines.lines(profile, rows, leftOut, paper.source());
        return new ResultTable(
                table,
                table == 1 ? TABLE1_TITLE : TABLE2_TITLE,
                profile,
                rows,
                seedValues,
                provenance);
    }

    /** A cell of a table being built: its row's index and its dataset's id. */
    private record CellKey(int row, String dataset) {}

    /** A row before its statistics: which runs fill each dataset's cell. */
    private record RowRuns(
            String model,
            String prompt,
            ReproducedRow trained,
            PaperRow paper,
            List<CellRuns> cells) {

        /** The row, each cell with its interval, this being row {@code index}. */
        RowResult withIntervals(int index, Map<CellKey, MeanInterval> intervals) {
            List<CellResult> results = new ArrayList<>();
            for (CellRuns c : cells) {
                results.add(
                        new CellResult(
                                c.dataset(),
                                paper == null ? null : paper.value(c.dataset()),
                                c.runs(),
                                c.candidates(),
                                intervals.get(new CellKey(index, c.dataset().id()))));
            }
            return new RowResult(
                    model,
                    prompt,
                    results,
                    paper == null ? null : paper.average(),
                    paper == null ? "" : paper.notes(),
                    trained);
        }
    }

    /**
     * The runs of one cell, the newest finished run of each seed in seed order, and how many
     * finished runs fitted it.
     */
    private record CellRuns(BenchmarkDataset dataset, List<RunRecord> runs, int candidates) {}

    private static RowRuns rowRuns(
            String model,
            String prompt,
            ReproducedRow trained,
            PaperRow paper,
            List<BenchmarkDataset> columns,
            RunTable finished) {
        List<CellRuns> cells = new ArrayList<>();
        for (BenchmarkDataset d : columns) {
            RunTable candidates =
                    trained == null
                            ? finished.where(t -> Selection.with())
                            : finished.onDataset(d.id()).where(trained::in);
            cells.add(
                    new CellRuns(
                            d,
                            candidates.newestPerSeed(RunRecord::seed).stream()
                                    .sorted(CellResult.BY_SEED)
                                    .toList(),
                            candidates.rowCount()));
        }
        return new RowRuns(model, prompt, trained, paper, cells);
    }

    private static boolean hasRuns(ReproducedRow row, RunTable finished) {
        return !finished.where(row::in).isEmpty();
    }

    /** The runs that fill some cell: of a row of this table, on one of its dataset columns. */
    private static Selection inAnyCell(Table runs, int table, List<BenchmarkDataset> columns) {
        Selection rows = Selection.with();
        for (ReproducedRow r : ReproducedRow.of(table)) {
            rows = rows.or(r.in(runs));
        }
        return rows.and(
                runs.stringColumn(RunTable.DATASET)
                        .isIn(columns.stream().map(BenchmarkDataset::id).toList()));
    }

    // results/runs sits beside results/paper; without a parent folder, use the bundled numbers.
    private static PaperNumbers paperBeside(Path runsDir) {
        Path parent = runsDir.toAbsolutePath().getParent();
        return parent == null ? PaperNumbers.bundled() : PaperNumbers.load(parent.resolve("paper"));
    }

    /**
     * The training profile a result table shows. A table holds one profile only, so quick runs (on
     * Fashion-MNIST with a tiny ViT) can never pass for the paper's numbers.
     */
    public enum TableProfile {
        PAPER("paper", true, "paper profile (ViT-B/16 backbone, the paper's four datasets)"),
        QUICK(
                "quick",
                false,
                "quick profile (Fashion-MNIST, tiny ViT): not comparable to the paper");

        private final String id;
        private final boolean comparableToPaper;
        private final String heading;

        TableProfile(String id, boolean comparableToPaper, String heading) {
            this.id = id;
            this.comparableToPaper = comparableToPaper;
            this.heading = heading;
        }

        /** The id run records carry in {@code profile}. */
        public String id() {
            return id;
        }

        /**
         * The dataset columns of this profile's tables: its preset's datasets (for the paper
         * profile, the paper's four in the order of its tables).
         */
        public List<BenchmarkDataset> datasets() {
            return ProfileDatasets.of(id);
        }

        /**
         * The columns of a table of these runs: {@link #datasets()}, then every other registered
         * dataset that has a run of this profile (a dataset added by a user shows up in its own
         * column).
         */
        public List<BenchmarkDataset> datasets(RunTable runs) {
            List<BenchmarkDataset> columns = new ArrayList<>(datasets());
            List<String> ran =
                    runs.where(t -> t.stringColumn(RunTable.PROFILE).isEqualTo(id))
                            .distinct(RunTable.DATASET);
            for (BenchmarkDataset d : Datasets.all()) {
                if (!columns.contains(d) && ran.contains(d.id())) {
                    columns.add(d);
                }
            }
            return List.copyOf(columns);
        }

        /** Whether the paper's numbers may stand beside ours. */
        public boolean comparableToPaper() {
            return comparableToPaper;
        }

        /** What a table's title says about the profile. */
        public String heading() {
            return heading;
        }

        public static TableProfile of(String id) {
            return Arrays.stream(values())
                    .filter(p -> p.id.equals(id))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new IllegalArgumentException(
                                            "unknown profile \""
                                                    + id
                                                    + "\"; expected quick or paper"));
        }
    }

    /**
     * A paper row this project trains, and the runs that fill it: the run's {@code table}, its
     * method, and where it matters its mode, prompt kind and backbone ({@code null} accepts any).
     */
    public record ReproducedRow(
            int table,
            String model,
            String prompt,
            String method,
            String mode,
            String runPrompt,
            String backbone,
            String recipe) {

        public ReproducedRow(
                int table,
                String model,
                String prompt,
                String method,
                String mode,
                String runPrompt) {
            this(table, model, prompt, method, mode, runPrompt, null);
        }

        /** A row of the paper's recipe. */
        public ReproducedRow(
                int table,
                String model,
                String prompt,
                String method,
                String mode,
                String runPrompt,
                String backbone) {
            this(table, model, prompt, method, mode, runPrompt, backbone, Recipe.PAPER.id());
        }

        /**
         * The name of Instruction-ViT's rows trained as the authors' script trains (recipe
         * authors).
         */
        public static final String AUTHORS_MODEL = "Ours (authors' script)";

        /**
         * ViT-B and Ours, then a row per Table 1 baseline of the backbone registry (its classifier
         * fine-tuned).
         */
        public static final List<ReproducedRow> TABLE1 =
                Stream.concat(
                                Stream.of(
                                        new ReproducedRow(1, "ViT-B", null, "vit", "full", null),
                                        new ReproducedRow(
                                                1,
                                                "Ours (ViT-B)",
                                                null,
                                                "instruction-vit",
                                                "full",
                                                null),
                                        authors(1, null)),
                                Backbones.table1().stream()
                                        .filter(b -> !b.paperRow().equals("ViT-B"))
                                        .map(
                                                b ->
                                                        new ReproducedRow(
                                                                1,
                                                                b.paperRow(),
                                                                null,
                                                                "classifier",
                                                                "full",
                                                                null,
                                                                b.id())))
                        .toList();

        public static final List<ReproducedRow> TABLE2 =
                List.of(
                        new ReproducedRow(2, "ViT-B (VPT)", "–", "vpt", null, null),
                        new ReproducedRow(
                                2,
                                "Ours (ViT-B)",
                                PromptKind.TEXT.id(),
                                "instruction-vit",
                                "prompt",
                                PromptKind.TEXT.id()),
                        new ReproducedRow(
                                2,
                                "Ours (ViT-B)",
                                PromptKind.IMAGE.id(),
                                "instruction-vit",
                                "prompt",
                                PromptKind.IMAGE.id()),
                        new ReproducedRow(
                                2,
                                "Ours (ViT-B)",
                                PromptKind.MIX.id(),
                                "instruction-vit",
                                "prompt",
                                PromptKind.MIX.id()),
                        authors(2, PromptKind.TEXT.id()),
                        authors(2, PromptKind.IMAGE.id()),
                        authors(2, PromptKind.MIX.id()));

        /**
         * Instruction-ViT under recipe authors: a row of its own, shown once it has runs (the quick
         * profile plans it).
         */
        private static ReproducedRow authors(int table, String prompt) {
            return new ReproducedRow(
                    table,
                    AUTHORS_MODEL,
                    prompt,
                    "instruction-vit",
                    table == 1 ? "full" : "prompt",
                    prompt,
                    null,
                    "authors");
        }

        public static List<ReproducedRow> of(int table) {
            return table == 1 ? TABLE1 : TABLE2;
        }

        /** The row we train for this paper row, if we train one. */
        public static Optional<ReproducedRow> forPaperRow(PaperRow row) {
            return of(row.table()).stream()
                    .filter(
                            r ->
                                    r.model.equals(row.model())
                                            && (r.prompt == null || r.prompt.equals(row.prompt())))
                    .findFirst();
        }

        /** The runs (of any dataset) of a {@link RunTable} that belong in this row. */
        public Selection in(Table runs) {
            Selection s =
                    runs.intColumn(RunTable.TABLE)
                            .isEqualTo(table)
                            .and(runs.stringColumn(RunTable.METHOD).isEqualTo(method));
            if (backbone != null) {
                s = s.and(runs.stringColumn(RunTable.BACKBONE).isEqualTo(backbone));
            }
            if (mode != null) {
                s = s.and(runs.stringColumn(RunTable.MODE).isEqualTo(mode));
            }
            if (runPrompt != null) {
                s = s.and(runs.stringColumn(RunTable.PROMPT).isEqualTo(runPrompt));
            }
            if (recipe != null) {
                s = s.and(runs.stringColumn(RunTable.RECIPE).isEqualTo(recipe));
            }
            return s;
        }

        /**
         * Whether the row is a baseline on its own backbone (the quick profile trains only the ViT
         * rows).
         */
        public boolean isBaseline() {
            return backbone != null;
        }

        /**
         * Whether the row is shown only once it has runs: a baseline, or a row of another recipe
         * than the paper's.
         */
        public boolean shownWithRunsOnly() {
            return isBaseline() || !Recipe.PAPER.id().equals(recipe);
        }

        /** "Ours (ViT-B), text" style name. */
        public String label() {
            return prompt == null || prompt.equals("–") ? model : model + ", " + prompt;
        }
    }

    /**
     * The lines under a result table that say what its numbers rest on: profile, model-selection
     * rule, template set, similarity loss, K of the prompt selection, backbone, CLIP, commit, which
     * run fills each cell, and which runs were left out. Where cells disagree (say two template
     * sets) every value is listed with its count.
     */
    static final class ProvenanceLines {
        private ProvenanceLines() {}

        static List<String> lines(
                TableProfile profile,
                List<RowResult> rows,
                List<RunRecord> leftOut,
                String paperSource) {
            // every seed's run of every cell, so "(3 runs)" counts runs, not cells
            List<RunRecord> used =
                    rows.stream()
                            .flatMap(r -> r.cells().stream())
                            .flatMap(c -> c.runs().stream())
                            .toList();
            List<RunRecord> instruction =
                    used.stream()
                            .filter(r -> r.summary().cfg().method().id().equals("instruction-vit"))
                            .toList();
            List<String> lines = new ArrayList<>();
            lines.add(
                    "Profile: "
                            + profile.id()
                            + " (only runs whose summary says \"profile\": \""
                            + profile.id()
                            + "\").");
            if (used.isEmpty()) {
                lines.add("No finished run of this profile fills a cell yet.");
            } else {
                lines.add(
                        "Model selection: "
                                + values(used, s -> selection(s.cfg().selection().id()))
                                + ".");
                lines.add("Recipe: " + recipes(rows) + ".");
                lines.add(
                        instruction.isEmpty()
                                ? "Template set, similarity loss, K: n/a (no Instruction-ViT run in this table)."
                                : "Template set: "
                                        + values(instruction, s -> s.prompts().templateSet())
                                        + "; similarity loss: "
                                        + values(instruction, s -> simLoss(s.prompts().simLoss()))
                                        + "; prompt selection: "
                                        + values(
                                                instruction,
                                                s ->
                                                        s.prompts().topK() == null
                                                                ? "all N prompts"
                                                                : "top K = " + s.prompts().topK())
                                        + ".");
                lines.add(
                        "Backbone: "
                                + values(used, s -> s.cfg().backbone())
                                + "; CLIP: "
                                + values(
                                        instruction.isEmpty() ? used : instruction,
                                        s -> s.prompts().clip())
                                + ".");
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
                lines.add(
                        "Left out: "
                                + String.join(
                                        "; ",
                                        leftOut.stream()
                                                .map(ProvenanceLines::leftOutReason)
                                                .toList())
                                + ".");
            }
            if (profile.comparableToPaper()) {
                lines.add(agreement(rows));
                lines.add("Paper numbers: " + paperSource + ".");
            }
            return lines;
        }

        /**
         * Each row's recipe, e.g. "ViT-tiny: paper; Ours (authors' script): authors", for the rows
         * with runs.
         */
        private static String recipes(List<RowResult> rows) {
            List<String> parts = new ArrayList<>();
            for (RowResult row : rows) {
                List<RunRecord> runs =
                        row.cells().stream().flatMap(c -> c.runs().stream()).toList();
                if (!runs.isEmpty()) {
                    parts.add(
                            row.label()
                                    + ": "
                                    + values(runs, s -> s.cfg().behaviour().recipe().id()));
                }
            }
            return String.join("; ", parts);
        }

        /** The footer's count of the cells whose paper value lies inside our interval. */
        static String agreement(List<RowResult> rows) {
            List<CellResult> run =
                    rows.stream()
                            .flatMap(r -> r.cells().stream())
                            .filter(c -> c.isRun() && c.paper() != null)
                            .toList();
            long judged = run.stream().filter(c -> c.verdict().judged()).count();
            long agree = run.stream().filter(c -> c.verdict().agrees()).count();
            long single = run.size() - judged;
            return "Agreement with the paper: its value lies inside our 95% interval in "
                    + agree
                    + " of "
                    + judged
                    + " cell(s) with two or more seeds"
                    + (single > 0 ? "; " + single + " cell(s) with one seed have no interval" : "")
                    + ".";
        }

        private static String cellSource(RowResult row, CellResult cell) {
            String where = row.label() + " / " + cell.dataset().label() + ": ";
            if (cell.n() == 1) {
                String choice =
                        cell.candidates() > 1
                                ? " (the newest of " + cell.candidates() + " finished runs)"
                                : "";
                RunSummary s = cell.run().summary();
                String seed = cell.run().seed() == null ? "" : " (seed " + cell.run().seed() + ")";
                return where
                        + "run "
                        + s.runId()
                        + choice
                        + seed
                        + ", best epoch "
                        + s.metrics().bestEpoch()
                        + " of "
                        + s.metrics().epochs()
                        + ".";
            }
            List<String> parts = new ArrayList<>();
            for (RunRecord r : cell.runs()) {
                parts.add(
                        "seed "
                                + (r.seed() == null ? "?" : r.seed())
                                + " "
                                + Percent.text(Percent.round(r.summary().metrics().testTop1()))
                                + " (run "
                                + r.summary().runId()
                                + ", best epoch "
                                + r.summary().metrics().bestEpoch()
                                + " of "
                                + r.summary().metrics().epochs()
                                + ")");
            }
            String choice =
                    cell.candidates() > cell.n()
                            ? " (the newest run of each seed among "
                                    + cell.candidates()
                                    + " finished runs)"
                            : "";
            return where + cell.n() + " seeds" + choice + ": " + String.join("; ", parts) + ".";
        }

        private static String leftOutReason(RunRecord run) {
            RunSummary s = run.summary();
            String why = s.metrics().finished() ? "fits no cell of this table" : "not finished";
            return s.runId()
                    + " ("
                    + s.cfg().method().id()
                    + ", "
                    + s.cfg().mode().id()
                    + ", "
                    + s.cfg().dataset()
                    + ": "
                    + why
                    + ")";
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
            runs.forEach(
                    r ->
                            counts.merge(
                                    Objects.toString(field.apply(r.summary()), "none"),
                                    1,
                                    Integer::sum));
            if (counts.size() == 1) {
                return counts.keySet().iterator().next();
            }
            List<String> parts = new ArrayList<>();
            counts.forEach(
                    (value, n) -> parts.add(value + " (" + n + (n == 1 ? " run)" : " runs)")));
            return String.join(", ", parts);
        }
    }
}
