package org.ivit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ivit.results.RunRecord;
import org.junit.jupiter.api.Test;

/**
 * The committed executed notebooks (results/notebooks/*.ipynb and their HTML) say what the
 * committed run records say: notebook 04's count of finished runs, every run's test top-1 and
 * selected epoch that 02, 03 and 05 print, and every cell of the quick tables that 04 shows. They
 * are regenerated together with the records; this catches an executed copy left from older records.
 * (On the copies committed before run-notebooks ran 04-results last, 04 counted 18 of the 30 runs:
 * that check fails until the executed notebooks are regenerated, as expected.)
 */
class ExecutedNotebooksAgreeTest {
    private static final Path ROOT = ReferenceFiles.projectRoot();
    private static final Path RESULTS = ROOT.resolve("results");
    private static final Pattern FINISHED = Pattern.compile("(\\d+) finished runs in ");

    /** The engine's line at the end of a run, and the notebooks' summary line of a run. */
    private static final Pattern RUN_END =
            Pattern.compile("(?m)^(\\S+): test top-1 (\\d+\\.\\d+)% \\(epoch (\\d+) selected");

    private static final Pattern RUN_LINE =
            Pattern.compile(
                    "(?m)^(quick-[^\\s:]+)\\s+(?:k=\\d+\\s+seed \\d+\\s+)?test top-1\\s+(\\d+\\.\\d+)%");
    private static final Pattern CELL = Pattern.compile("\\d+\\.\\d+ ± \\d+\\.\\d+ \\(n=\\d+\\)");

    /**
     * Every text output (streams and text/plain, text/html, text/markdown data) of a notebook,
     * joined.
     */
    static String outputs(Path notebook) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
        StringBuilder out = new StringBuilder();
        for (JsonElement cell : nb.getAsJsonArray("cells")) {
            JsonElement outputs = cell.getAsJsonObject().get("outputs");
            if (outputs == null) {
                continue;
            }
            for (JsonElement o : outputs.getAsJsonArray()) {
                JsonObject output = o.getAsJsonObject();
                if (output.has("text")) {
                    out.append(text(output.get("text"))).append('\n');
                }
                if (output.has("data")) {
                    for (String mime : List.of("text/plain", "text/html", "text/markdown")) {
                        if (output.getAsJsonObject("data").has(mime)) {
                            out.append(text(output.getAsJsonObject("data").get(mime))).append('\n');
                        }
                    }
                }
            }
        }
        return out.toString();
    }

    private static String text(JsonElement e) {
        if (e.isJsonArray()) {
            StringBuilder s = new StringBuilder();
            e.getAsJsonArray().forEach(x -> s.append(x.getAsString()));
            return s.toString();
        }
        return e.getAsString();
    }

    private static JsonObject summary(String runId) throws IOException {
        for (String folder : List.of("runs", "ablations")) {
            Path f = RESULTS.resolve(folder).resolve(runId).resolve("summary.json");
            if (Files.isRegularFile(f)) {
                return JsonParser.parseString(Files.readString(f)).getAsJsonObject();
            }
        }
        return null;
    }

    @Test
    void notebook04CountsTheCommittedRuns() throws IOException {
        int finished = RunRecord.scan(RESULTS.resolve("runs")).size();
        for (Path file :
                List.of(
                        RESULTS.resolve("notebooks/04-results.ipynb"),
                        RESULTS.resolve("notebooks/04-results.html"))) {
            String text =
                    file.toString().endsWith(".ipynb") ? outputs(file) : Files.readString(file);
            Matcher m = FINISHED.matcher(text);
            assertTrue(m.find(), file + " prints no count of finished runs");
            assertEquals(
                    finished,
                    Integer.parseInt(m.group(1)),
                    file
                            + " says "
                            + m.group()
                            + "but results/runs holds "
                            + finished
                            + " finished runs: regenerate the executed notebooks (environment/run-notebooks --update-committed)");
        }
    }

    @Test
    void everyRunTheTrainingNotebooksPrintIsTheCommittedRecord() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String name : List.of("02-fine-tuning", "03-prompt-tuning", "05-few-shot")) {
            String text = outputs(RESULTS.resolve("notebooks/" + name + ".ipynb"));
            for (Pattern p : List.of(RUN_END, RUN_LINE)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    JsonObject s = summary(m.group(1));
                    checked++;
                    if (s == null) {
                        problems.add(name + ": run " + m.group(1) + " has no committed record");
                        continue;
                    }
                    String committed =
                            String.format(Locale.ROOT, "%.2f", s.get("test_top1").getAsDouble());
                    if (!committed.equals(m.group(2))) {
                        problems.add(
                                name
                                        + ": "
                                        + m.group(1)
                                        + " printed test top-1 "
                                        + m.group(2)
                                        + ", its record "
                                        + committed);
                    }
                    if (p == RUN_END
                            && s.get("best_epoch").getAsInt() != Integer.parseInt(m.group(3))) {
                        problems.add(
                                name
                                        + ": "
                                        + m.group(1)
                                        + " printed epoch "
                                        + m.group(3)
                                        + ", its record "
                                        + s.get("best_epoch"));
                    }
                }
            }
        }
        assertTrue(checked >= 10, "too few run lines found in the executed notebooks: " + checked);
        assertEquals(List.of(), problems);
    }

    @Test
    void notebook04ShowsTheCommittedQuickTables() throws IOException {
        String text = outputs(RESULTS.resolve("notebooks/04-results.ipynb"));
        List<String> missing = new ArrayList<>();
        for (String table : List.of("table1-quick.md", "table2-quick.md")) {
            Matcher m = CELL.matcher(Files.readString(RESULTS.resolve(table)));
            while (m.find()) {
                if (!text.contains(m.group())) {
                    missing.add(table + ": " + m.group());
                }
            }
        }
        assertEquals(
                List.of(), missing, "cells of the committed tables that notebook 04 does not show");
    }
}
