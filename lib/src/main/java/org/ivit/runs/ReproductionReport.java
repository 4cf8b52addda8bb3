package org.ivit.runs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link Reproduction#reproduceAll} did: the runs it trained, the runs that were complete
 * already, and the datasets it skipped with the reason and the commands that would let them run.
 */
public record ReproductionReport(
        String profile,
        List<String> trained,
        List<String> complete,
        List<Skipped> skipped,
        List<org.ivit.train.RunSummary> summaries) {

    /**
     * A dataset none of whose {@code runs} could start, why, and what provides the missing inputs.
     */
    public record Skipped(String dataset, int runs, String reason, List<String> commands) {}

    public ReproductionReport {
        trained = List.copyOf(trained);
        complete = List.copyOf(complete);
        skipped = List.copyOf(skipped);
        summaries = List.copyOf(summaries);
    }

    /** True when not one run was trained or found complete: every dataset was skipped. */
    public boolean nothingRan() {
        return trained.isEmpty() && complete.isEmpty();
    }

    /** The lines printed at the end of {@code ivit reproduce}. */
    public List<String> summaryLines() {
        List<String> lines = new ArrayList<>();
        int skippedRuns = skipped.stream().mapToInt(Skipped::runs).sum();
        lines.add(
                String.format(
                        "summary of reproduce --profile %s: %d run(s) trained, %d already complete, %d skipped%s",
                        profile,
                        trained.size(),
                        complete.size(),
                        skippedRuns,
                        nothingRan() ? " - nothing could run" : ""));
        trained.forEach(id -> lines.add("  trained  " + id));
        complete.forEach(id -> lines.add("  complete " + id));
        for (Skipped s : skipped) {
            lines.add("  skipped  " + s.dataset() + " (" + s.runs() + " run(s)): " + s.reason());
        }
        Set<String> commands = new LinkedHashSet<>();
        skipped.forEach(
                s ->
                        s.commands().stream()
                                .filter(c -> c.startsWith("data-scripts/prepare"))
                                .forEach(commands::add));
        skipped.forEach(s -> commands.addAll(s.commands()));
        if (!commands.isEmpty()) {
            lines.add("to prepare the rest, run:");
            commands.forEach(c -> lines.add("  " + c));
            lines.add("then run reproduce again (complete runs are not trained twice).");
        }
        return lines;
    }
}
