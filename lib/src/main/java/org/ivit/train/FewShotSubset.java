package org.ivit.train;

import com.google.gson.JsonObject;

/**
 * The subset a few-shot run trained on: k images per class drawn by {@code seed}, as split files
 * relative to the results folder, with their SHA-256; the test split is the full one.
 */
public record FewShotSubset(
        int shots,
        int seed,
        String trainSplit,
        String trainSplitSha256,
        String valSplit,
        String valSplitSha256) {
    /** As summary.json and config.json's provenance hold it ({@code few_shot}). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("shots", shots);
        o.addProperty("seed", seed);
        o.addProperty("train_split", trainSplit);
        o.addProperty("train_split_sha256", trainSplitSha256);
        o.addProperty("val_split", valSplit);
        o.addProperty("val_split_sha256", valSplitSha256);
        o.addProperty("test_split", "full");
        return o;
    }
}
