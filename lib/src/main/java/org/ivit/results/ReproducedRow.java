package org.ivit.results;

import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;
import org.ivit.spec.Recipe;

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
                            String backbone, String recipe) {

    public ReproducedRow(int table, String model, String prompt, String method, String mode, String runPrompt) {
        this(table, model, prompt, method, mode, runPrompt, null);
    }

    /** A row of the paper's recipe. */
    public ReproducedRow(int table, String model, String prompt, String method, String mode, String runPrompt, String backbone) {
        this(table, model, prompt, method, mode, runPrompt, backbone, Recipe.PAPER.id());
    }

    /** The name of Instruction-ViT's rows trained as the authors' script trains (recipe authors). */
    public static final String AUTHORS_MODEL = "Ours (authors' script)";

    /** ViT-B and Ours, then a row per Table 1 baseline of the backbone registry (its classifier fine-tuned). */
    public static final List<ReproducedRow> TABLE1 = Stream.concat(Stream.of(
            new ReproducedRow(1, "ViT-B", null, "vit", "full", null),
            new ReproducedRow(1, "Ours (ViT-B)", null, "instruction-vit", "full", null), authors(1, null)),
            Backbones.table1().stream().filter(b -> !b.paperRow().equals("ViT-B"))
                    .map(b -> new ReproducedRow(1, b.paperRow(), null, "classifier", "full", null, b.id()))).toList();

    public static final List<ReproducedRow> TABLE2 = List.of(
            new ReproducedRow(2, "ViT-B (VPT)", "–", "vpt", null, null),
            new ReproducedRow(2, "Ours (ViT-B)", PromptKind.TEXT.id(), "instruction-vit", "prompt", PromptKind.TEXT.id()),
            new ReproducedRow(2, "Ours (ViT-B)", PromptKind.IMAGE.id(), "instruction-vit", "prompt", PromptKind.IMAGE.id()),
            new ReproducedRow(2, "Ours (ViT-B)", PromptKind.MIX.id(), "instruction-vit", "prompt", PromptKind.MIX.id()),
            authors(2, PromptKind.TEXT.id()), authors(2, PromptKind.IMAGE.id()), authors(2, PromptKind.MIX.id()));

    /** Instruction-ViT under recipe authors: a row of its own, shown once it has runs (the quick profile plans it). */
    private static ReproducedRow authors(int table, String prompt) {
        return new ReproducedRow(table, AUTHORS_MODEL, prompt, "instruction-vit", table == 1 ? "full" : "prompt", prompt, null,
                "authors");
    }

    public static List<ReproducedRow> of(int table) {
        return table == 1 ? TABLE1 : TABLE2;
    }

    /** The row we train for this paper row, if we train one. */
    public static Optional<ReproducedRow> forPaperRow(PaperRow row) {
        return of(row.table()).stream()
                .filter(r -> r.model.equals(row.model()) && (r.prompt == null || r.prompt.equals(row.prompt())))
                .findFirst();
    }

    /** The runs (of any dataset) of a {@link RunTable} that belong in this row. */
    public Selection in(Table runs) {
        Selection s = runs.intColumn(RunTable.TABLE).isEqualTo(table).and(runs.stringColumn(RunTable.METHOD).isEqualTo(method));
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

    /** Whether the row is a baseline on its own backbone (the quick profile trains only the ViT rows). */
    public boolean isBaseline() {
        return backbone != null;
    }

    /** Whether the row is shown only once it has runs: a baseline, or a row of another recipe than the paper's. */
    public boolean shownWithRunsOnly() {
        return isBaseline() || !Recipe.PAPER.id().equals(recipe);
    }

    /** "Ours (ViT-B), text" style name. */
    public String label() {
        return prompt == null || prompt.equals("–") ? model : model + ", " + prompt;
    }
}
