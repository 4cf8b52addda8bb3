package org.ivit.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A Hugging Face model repository and the files this project needs from it. Weights are always
 * safetensors: pickle files ({@code pytorch_model.bin}) are never fetched. The catalogue of named
 * repositories (the CLIP models and every model family's timm checkpoints) is {@code
 * org.ivit.model.WeightCatalogue}: it is built from the model families, which sit above this
 * package, so it lives with them.
 */
public record WeightRepository(String repo, String alias, List<String> files) {
    private static final List<String> CLIP_FILES =
            List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json");

    public static final WeightRepository CLIP_VIT_B32 =
            new WeightRepository("openai/clip-vit-base-patch32", "clip-b32", CLIP_FILES);
    public static final WeightRepository CLIP_VIT_B16 =
            new WeightRepository("openai/clip-vit-base-patch16", "clip-b16", CLIP_FILES);

    public WeightRepository {
        if (!repo.matches("[A-Za-z0-9][\\w.-]*/[\\w.-]+") || repo.contains("..")) {
            throw new IllegalArgumentException(
                    "'" + repo + "' is not a Hugging Face repository id (owner/name)");
        }
        files = List.copyOf(files);
    }

    /**
     * A repository known only by its {@code owner/name}, aliased by that id: the CLIP file list if
     * its name says clip, else config.json and model.safetensors.
     */
    public static WeightRepository ofId(String ownerName) {
        boolean clip = ownerName.toLowerCase(Locale.ROOT).contains("clip");
        return new WeightRepository(
                ownerName,
                ownerName,
                clip ? CLIP_FILES : List.of("config.json", "model.safetensors"));
    }

    /** {@code <weights>/<owner>/<name>}, e.g. weights/openai/clip-vit-base-patch32. */
    public Path folder(Path weightsDir) {
        return weightsDir.resolve(repo);
    }
}
