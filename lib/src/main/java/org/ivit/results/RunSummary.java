package org.ivit.results;

import java.nio.file.Path;

/**
 * One training run's {@code summary.json}, as the training engine writes it. Accuracies are percent
 * (0..100). Nullable components: {@code prompt}, {@code templateSet}, {@code simLoss}, {@code topK}
 * (null means all N prompts) and {@code valTop1}.
 */
public record RunSummary(
        String runId,
        String profile,
        int table,
        String dataset,
        String method,
        String prompt,
        String mode,
        String backbone,
        String clip,
        String templateSet,
        String simLoss,
        Integer topK,
        String selection,
        int bestEpoch,
        int epochs,
        double testTop1,
        double testTop5,
        Double valTop1,
        String commit,
        double wallSeconds,
        int badImages,
        boolean finished) {

    /** Reads and checks a {@code summary.json}; unknown keys are ignored, missing or malformed ones fail. */
    public static RunSummary read(Path summaryJson) {
        return new RunSummaryReader(summaryJson).read();
    }

    /** A short name for legends: the method, and the prompt kind when there is one. */
    public String shortLabel() {
        String base = switch (method) {
            case "vit" -> "ViT";
            case "vpt" -> "VPT";
            default -> "Instruction-ViT";
        };
        return prompt == null ? base + " (" + mode + ")" : base + " (" + mode + ", " + prompt + ")";
    }
}
