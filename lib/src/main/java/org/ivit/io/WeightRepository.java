package org.ivit.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A Hugging Face model repository and the files this project needs from it. The three the
 * project uses are known by id or alias; another {@code owner/name} gets the CLIP file list if its
 * name says clip, else config.json and model.safetensors. Weights are always safetensors: pickle
 * files ({@code pytorch_model.bin}) are never fetched.
 */
public record WeightRepository(String repo, String alias, List<String> files) {
    private static final List<String> CLIP_FILES = List.of("config.json", "model.safetensors", "tokenizer.json",
            "tokenizer_config.json");

    public static final WeightRepository CLIP_VIT_B32 = new WeightRepository("openai/clip-vit-base-patch32", "clip-b32", CLIP_FILES);
    public static final WeightRepository CLIP_VIT_B16 = new WeightRepository("openai/clip-vit-base-patch16", "clip-b16", CLIP_FILES);
    /** The backbone of the authors' code (timm vit_base_patch16_224, in21k then in1k). */
    public static final WeightRepository VIT_B16 = new WeightRepository("timm/vit_base_patch16_224.augreg_in21k_ft_in1k",
            "vit-b16", List.of("model.safetensors"));
    public static final List<WeightRepository> KNOWN = List.of(CLIP_VIT_B32, CLIP_VIT_B16, VIT_B16);

    public WeightRepository {
        if (!repo.matches("[A-Za-z0-9][\\w.-]*/[\\w.-]+") || repo.contains("..")) {
            throw new IllegalArgumentException("'" + repo + "' is not a Hugging Face repository id (owner/name)");
        }
        files = List.copyOf(files);
    }

    /** A known id or alias ({@code clip-b32}, {@code clip-b16}, {@code vit-b16}), or any owner/name. */
    public static WeightRepository parse(String idOrAlias) {
        for (WeightRepository known : KNOWN) {
            if (known.repo.equals(idOrAlias) || known.alias.equals(idOrAlias)) {
                return known;
            }
        }
        if (!idOrAlias.contains("/")) {
            throw new IllegalArgumentException("unknown model '" + idOrAlias + "': give an alias (clip-b32, clip-b16, vit-b16)"
                    + " or a Hugging Face repository id (owner/name)");
        }
        boolean clip = idOrAlias.toLowerCase(Locale.ROOT).contains("clip");
        return new WeightRepository(idOrAlias, idOrAlias, clip ? CLIP_FILES : List.of("config.json", "model.safetensors"));
    }

    /** {@code <weights>/<owner>/<name>}, e.g. weights/openai/clip-vit-base-patch32. */
    public Path folder(Path weightsDir) {
        return weightsDir.resolve(repo);
    }
}
