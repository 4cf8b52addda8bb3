package org.ivit.results;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.ivit.train.RunSummary;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

/**
 * Every run record of a results folder as one long Tablesaw table, one row per run: what it is (run
 * id, profile, recipe, table, dataset, method, prompt, mode, backbone, seed, k) and what it
 * measured (finished, test and validation top-1, test top-5, best epoch, epochs), with the time its
 * summary was written. Tables 1 to 3 and the paired differences select their cells from it with
 * Tablesaw's {@code where}; {@link #records} gives back the runs behind a selection.
 */
public final class RunTable {
    public static final String RUN_ID = "run_id";
    public static final String PROFILE = "profile";
    public static final String RECIPE = "recipe";
    public static final String TABLE = "table";
    public static final String DATASET = "dataset";
    public static final String METHOD = "method";

    /** The prompt kind; empty for methods without prompts. */
    public static final String PROMPT = "prompt";

    public static final String MODE = "mode";
    public static final String BACKBONE = "backbone";

    /** The spec's seed; missing for a record without config.json (one unknown seed). */
    public static final String SEED = "seed";

    /** k of a few-shot run; 0 for the full splits. */
    public static final String SHOTS = "shots";

    /** The seed that drew a few-shot run's subset; missing for the full splits. */
    public static final String SUBSET_SEED = "subset_seed";

    public static final String FINISHED = "finished";
    public static final String TEST_TOP1 = "test_top1";
    public static final String TEST_TOP5 = "test_top5";
    public static final String VAL_TOP1 = "val_top1";
    public static final String BEST_EPOCH = "best_epoch";
    public static final String EPOCHS = "epochs";

    /** When summary.json was written, epoch milliseconds: the newest run of a seed fills a cell. */
    public static final String WRITTEN = "written";

    /** The row's index into {@link #records()}. */
    private static final String RECORD = "record";

    private final Table table;

    /**
     * Every run the table was built from; a selection keeps their indices in its {@value #RECORD}
     * column.
     */
    private final List<RunRecord> all;

    private final List<RunRecord> records;

    private RunTable(Table table, List<RunRecord> all) {
        this.table = table;
        this.all = all;
        this.records = table.intColumn(RECORD).asList().stream().map(all::get).toList();
    }

    /** The runs under {@code runsDir} ({@link RunRecord#scan}). */
    public static RunTable scan(Path runsDir) {
        return of(RunRecord.scan(runsDir));
    }

    public static RunTable of(List<RunRecord> runs) {
        List<RunRecord> records = List.copyOf(runs);
        Table t =
                Table.create("runs")
                        .addColumns(
                                strings(RUN_ID, records, s -> s.runId()),
                                strings(PROFILE, records, s -> s.cfg().profile()),
                                strings(RECIPE, records, s -> s.cfg().behaviour().recipe().id()),
                                IntColumn.create(
                                        TABLE,
                                        records.stream()
                                                .mapToInt(r -> r.summary().cfg().table())
                                                .toArray()),
                                strings(DATASET, records, s -> s.cfg().dataset()),
                                strings(METHOD, records, s -> s.cfg().method().id()),
                                strings(
                                        PROMPT,
                                        records,
                                        s ->
                                                s.cfg().prompt().kind() == null
                                                        ? ""
                                                        : s.cfg().prompt().kind().id()),
                                strings(MODE, records, s -> s.cfg().mode().id()),
                                strings(BACKBONE, records, s -> s.cfg().backbone()),
                                integers(SEED, records, RunRecord::seed),
                                IntColumn.create(
                                        SHOTS,
                                        records.stream()
                                                .mapToInt(r -> r.summary().metrics().shots())
                                                .toArray()),
                                integers(
                                        SUBSET_SEED,
                                        records,
                                        r ->
                                                r.summary().metrics().fewShot() == null
                                                        ? null
                                                        : r.summary().metrics().fewShot().seed()),
                                BooleanColumn.create(FINISHED, records.size()),
                                DoubleColumn.create(
                                        TEST_TOP1,
                                        records.stream()
                                                .mapToDouble(r -> r.summary().metrics().testTop1())
                                                .toArray()),
                                DoubleColumn.create(
                                        TEST_TOP5,
                                        records.stream()
                                                .mapToDouble(r -> r.summary().metrics().testTop5())
                                                .toArray()),
                                CsvRenderer.numbers(
                                        VAL_TOP1,
                                        records.stream()
                                                .map(r -> r.summary().metrics().valTop1())
                                                .toList()),
                                IntColumn.create(
                                        BEST_EPOCH,
                                        records.stream()
                                                .mapToInt(r -> r.summary().metrics().bestEpoch())
                                                .toArray()),
                                IntColumn.create(
                                        EPOCHS,
                                        records.stream()
                                                .mapToInt(r -> r.summary().metrics().epochs())
                                                .toArray()),
                                LongColumn.create(
                                        WRITTEN,
                                        records.stream()
                                                .mapToLong(r -> r.written().toMillis())
                                                .toArray()),
                                IntColumn.indexColumn(RECORD, records.size(), 0));
        for (int i = 0; i < records.size(); i++) {
            t.booleanColumn(FINISHED).set(i, records.get(i).summary().metrics().finished());
        }
        return new RunTable(t, records);
    }

    /** The long table itself (a copy is not made: do not modify it). */
    public Table table() {
        return table;
    }

    public int rowCount() {
        return table.rowCount();
    }

    /** Every run, in the order of the table's rows. */
    public List<RunRecord> records() {
        return records;
    }

    /** The runs of a selection of this table's rows. */
    public RunTable where(Function<Table, Selection> selection) {
        return new RunTable(table.where(selection), all);
    }

    /**
     * The groups of runs that agree on these columns (Tablesaw's {@code splitOn}), in order of
     * first appearance.
     */
    public List<RunTable> splitOn(String... columns) {
        return table.splitOn(columns).asTableList().stream()
                .map(group -> new RunTable(group, all))
                .toList();
    }

    /** Runs of one profile and paper table. */
    public RunTable of(String profile, int paperTable) {
        return where(
                t ->
                        t.stringColumn(PROFILE)
                                .isEqualTo(profile)
                                .and(t.intColumn(TABLE).isEqualTo(paperTable)));
    }

    public RunTable finished() {
        return where(t -> t.booleanColumn(FINISHED).isTrue());
    }

    public RunTable onDataset(String dataset) {
        return where(t -> t.stringColumn(DATASET).isEqualTo(dataset));
    }

    /** The distinct values of a text column, in the order of first appearance. */
    public List<String> distinct(String column) {
        return table.stringColumn(column).asList().stream().distinct().toList();
    }

    /**
     * The runs newest first (by the time summary.json was written; equal times by the larger run
     * id).
     */
    public List<RunRecord> newestFirst() {
        return records.stream().sorted(RunRecord.NEWEST_FIRST).toList();
    }

    /**
     * Of each seed ({@code seed} of a run; runs of no known seed count as one seed) the newest run,
     * in the order {@link #newestFirst} gives them.
     */
    public List<RunRecord> newestPerSeed(Function<RunRecord, Integer> seed) {
        Map<Integer, RunRecord> bySeed = new LinkedHashMap<>();
        newestFirst().forEach(r -> bySeed.putIfAbsent(seed.apply(r), r));
        return List.copyOf(bySeed.values());
    }

    /** Whether any row matches. */
    public boolean isEmpty() {
        return table.isEmpty();
    }

    private static StringColumn strings(
            String name, List<RunRecord> records, Function<RunSummary, String> value) {
        return StringColumn.create(
                name,
                records.stream()
                        .map(r -> Objects.requireNonNullElse(value.apply(r.summary()), ""))
                        .toList());
    }

    private static IntColumn integers(
            String name, List<RunRecord> records, Function<RunRecord, Integer> value) {
        IntColumn column = IntColumn.create(name);
        records.forEach(
                r -> {
                    Integer v = value.apply(r);
                    if (v == null) {
                        column.appendMissing();
                    } else {
                        column.append(v);
                    }
                });
        return column;
    }

    @Override
    public String toString() {
        return table.print();
    }
}
