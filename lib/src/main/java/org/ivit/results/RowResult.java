package org.ivit.results;

import java.util.List;

/**
 * One row of a result table: a paper row (or, in the quick profile, a row we train) with a cell per
 * dataset. {@code reproduced} is false for a paper row no method or backbone here trains.
 */
public record RowResult(String model, String prompt, List<CellResult> cells, Double paperAverage,
                        String paperNotes, boolean reproduced) {

    public RowResult {
        cells = List.copyOf(cells);
        paperNotes = paperNotes == null ? "" : paperNotes;
    }

    /** "Ours (ViT-B), text" style name. */
    public String label() {
        return prompt == null || prompt.equals("–") ? model : model + ", " + prompt;
    }

    public CellResult cell(BenchmarkDataset dataset) {
        return cells.stream().filter(c -> c.dataset() == dataset).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + dataset.label() + " column in this table"));
    }

    public long cellsRun() {
        return cells.stream().filter(CellResult::isRun).count();
    }

    /** The mean of our cells when every dataset has a run (an average of some datasets would mislead). */
    public Double oursAverage() {
        if (cellsRun() < cells.size()) {
            return null;
        }
        return Percent.round(cells.stream().mapToDouble(CellResult::ours).average().orElseThrow());
    }

    /** Our average minus the paper's printed average. */
    public Double averageDelta() {
        Double ours = oursAverage();
        return ours == null || paperAverage == null ? null : Percent.round(ours - paperAverage);
    }
}
