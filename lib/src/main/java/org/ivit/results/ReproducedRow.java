package org.ivit.results;

import org.ivit.prompt.PromptKind;
import java.util.List;
import java.util.Optional;

/**
 * A paper row this project trains, and the runs that fill it: the run's {@code table}, its method,
 * and where it matters its mode and prompt kind ({@code null} accepts any).
 */
public record ReproducedRow(int table, String model, String prompt, String method, String mode, String runPrompt) {

    public static final List<ReproducedRow> TABLE1 = List.of(
            new ReproducedRow(1, "ViT-B", null, "vit", "full", null),
            new ReproducedRow(1, "Ours (ViT-B)", null, "instruction-vit", "full", null));

    public static final List<ReproducedRow> TABLE2 = List.of(
            new ReproducedRow(2, "ViT-B (VPT)", "–", "vpt", null, null),
            new ReproducedRow(2, "Ours (ViT-B)", PromptKind.TEXT.id(), "instruction-vit", "prompt", PromptKind.TEXT.id()),
            new ReproducedRow(2, "Ours (ViT-B)", PromptKind.IMAGE.id(), "instruction-vit", "prompt", PromptKind.IMAGE.id()),
            new ReproducedRow(2, "Ours (ViT-B)", PromptKind.MIX.id(), "instruction-vit", "prompt", PromptKind.MIX.id()));

    public static List<ReproducedRow> of(int table) {
        return table == 1 ? TABLE1 : TABLE2;
    }

    /** The row we train for this paper row, if we train one. */
    public static Optional<ReproducedRow> forPaperRow(PaperRow row) {
        return of(row.table()).stream()
                .filter(r -> r.model.equals(row.model()) && (r.prompt == null || r.prompt.equals(row.prompt())))
                .findFirst();
    }

    /** Whether this run (of any dataset) belongs in this row. */
    public boolean fits(RunSummary run) {
        return run.table() == table && run.method().equals(method)
                && (mode == null || mode.equals(run.mode()))
                && (runPrompt == null || runPrompt.equals(run.prompt()));
    }

    /** "Ours (ViT-B), text" style name. */
    public String label() {
        return prompt == null || prompt.equals("–") ? model : model + ", " + prompt;
    }
}
