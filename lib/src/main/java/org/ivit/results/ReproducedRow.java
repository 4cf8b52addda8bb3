package org.ivit.results;

import org.ivit.prompt.PromptKind;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.ivit.backbone.Backbones;

/**
 * A paper row this project trains, and the runs that fill it: the run's {@code table}, its method,
 * and where it matters its mode, prompt kind and backbone ({@code null} accepts any).
 */
public record ReproducedRow(int table, String model, String prompt, String method, String mode, String runPrompt,
                            String backbone) {

    public ReproducedRow(int table, String model, String prompt, String method, String mode, String runPrompt) {
        this(table, model, prompt, method, mode, runPrompt, null);
    }

    /** ViT-B and Ours, then a row per Table 1 baseline of the backbone registry (its classifier fine-tuned). */
    public static final List<ReproducedRow> TABLE1 = Stream.concat(Stream.of(
            new ReproducedRow(1, "ViT-B", null, "vit", "full", null),
            new ReproducedRow(1, "Ours (ViT-B)", null, "instruction-vit", "full", null)),
            Backbones.table1().stream().filter(b -> !b.paperRow().equals("ViT-B"))
                    .map(b -> new ReproducedRow(1, b.paperRow(), null, "classifier", "full", null, b.id()))).toList();

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
        return run.table() == table && run.method().equals(method) && (backbone == null || backbone.equals(run.backbone()))
                && (mode == null || mode.equals(run.mode()))
                && (runPrompt == null || runPrompt.equals(run.prompt()));
    }

    /** Whether the row is a baseline on its own backbone (the quick profile trains only the ViT rows). */
    public boolean isBaseline() {
        return backbone != null;
    }

    /** "Ours (ViT-B), text" style name. */
    public String label() {
        return prompt == null || prompt.equals("–") ? model : model + ", " + prompt;
    }
}
