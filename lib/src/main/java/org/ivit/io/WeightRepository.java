package org.ivit.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.ivit.model.ModelFamilies;
import org.ivit.model.VitFamily;

/**
 * A Hugging Face model repository and the files this project needs from it. The catalogue ({@link
 * #CATALOGUE}) holds the two CLIP models and every timm checkpoint of Table 1 ({@link
 * ModelFamilies#checkpoints()}, declared by each model family); each is known by its repository id,
 * its alias, and for timm also by its architecture name ({@code resnet50}) and full name ({@code
 * resnet50.ram_in1k}). Another {@code owner/name} gets the CLIP file list if its name says clip,
 * else config.json and model.safetensors. Weights are always safetensors: pickle files ({@code
 * pytorch_model.bin}) are never fetched.
 */
public record WeightRepository(String repo, String alias, List<String> files) {
    private static final List<String> CLIP_FILES =
            List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json");

    public static final WeightRepository CLIP_VIT_B32 =
            new WeightRepository("openai/clip-vit-base-patch32", "clip-b32", CLIP_FILES);
    public static final WeightRepository CLIP_VIT_B16 =
            new WeightRepository("openai/clip-vit-base-patch16", "clip-b16", CLIP_FILES);

    /**
     * The backbone of the authors' code (timm vit_base_patch16_224, in21k then in1k); see {@link
     * VitFamily#AUGREG_IN21K_FT_IN1K}.
     */
    public static final WeightRepository VIT_B16 = VitFamily.AUGREG_IN21K_FT_IN1K.repository();

    /**
     * What {@code fetch-weights} without arguments fetches: what the quick and paper
     * Instruction-ViT runs need.
     */
    public static final List<WeightRepository> KNOWN = List.of(CLIP_VIT_B32, CLIP_VIT_B16, VIT_B16);

    /**
     * Every repository known by name: the CLIP models, the Table 1 timm checkpoints in row order,
     * the extras.
     */
    public static final List<WeightRepository> CATALOGUE =
            Stream.concat(
                            Stream.of(CLIP_VIT_B32, CLIP_VIT_B16),
                            ModelFamilies.checkpoints().stream().map(TimmCheckpoint::repository))
                    .toList();

    public WeightRepository {
        if (!repo.matches("[A-Za-z0-9][\\w.-]*/[\\w.-]+") || repo.contains("..")) {
            throw new IllegalArgumentException(
                    "'" + repo + "' is not a Hugging Face repository id (owner/name)");
        }
        files = List.copyOf(files);
    }

    /** Every repository of Table 1's timm checkpoints, in row order. */
    public static List<WeightRepository> table1() {
        return ModelFamilies.table1Checkpoints().stream().map(TimmCheckpoint::repository).toList();
    }

    /**
     * A catalogue entry by repository id, alias ({@code clip-b32}, {@code vit-b16}, {@code
     * resnet-50}), timm architecture ({@code resnet50}) or timm full name ({@code
     * resnet50.ram_in1k}); or any other {@code owner/name}. A bare name outside the catalogue is an
     * error that lists the known names.
     */
    public static WeightRepository parse(String idOrAlias) {
        for (WeightRepository known : List.of(CLIP_VIT_B32, CLIP_VIT_B16)) {
            if (known.repo.equals(idOrAlias) || known.alias.equals(idOrAlias)) {
                return known;
            }
        }
        var timm = ModelFamilies.findCheckpoint(idOrAlias);
        if (timm.isPresent()) {
            return timm.get().repository();
        }
        if (!idOrAlias.contains("/")) {
            throw new IllegalArgumentException(
                    "unknown model '"
                            + idOrAlias
                            + "'; known: "
                            + String.join(", ", knownNames())
                            + "; or give a Hugging Face repository id (owner/name)");
        }
        boolean clip = idOrAlias.toLowerCase(Locale.ROOT).contains("clip");
        return new WeightRepository(
                idOrAlias,
                idOrAlias,
                clip ? CLIP_FILES : List.of("config.json", "model.safetensors"));
    }

    /** Each of several names (see {@link #parse}), once each in the order given. */
    public static List<WeightRepository> parseAll(List<String> names) {
        Set<WeightRepository> repos = new LinkedHashSet<>();
        for (String name : names) {
            repos.add(parse(name.strip()));
        }
        return new ArrayList<>(repos);
    }

    /**
     * The short names the catalogue answers to: CLIP aliases, then each timm architecture and
     * alias.
     */
    public static List<String> knownNames() {
        List<String> names = new ArrayList<>(List.of(CLIP_VIT_B32.alias, CLIP_VIT_B16.alias));
        for (TimmCheckpoint c : ModelFamilies.checkpoints()) {
            names.add(c.architecture());
            names.add(c.alias());
        }
        return names;
    }

    /** {@code <weights>/<owner>/<name>}, e.g. weights/openai/clip-vit-base-patch32. */
    public Path folder(Path weightsDir) {
        return weightsDir.resolve(repo);
    }
}
