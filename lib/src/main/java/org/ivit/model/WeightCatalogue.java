package org.ivit.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.ivit.io.TimmCheckpoint;
import org.ivit.io.WeightRepository;

/**
 * The weights catalogue: the two CLIP models and every timm checkpoint of Table 1 ({@link
 * ModelFamilies#checkpoints()}, declared by each model family). Each is known by its repository id,
 * its alias, and for timm also by its architecture name ({@code resnet50}) and full name ({@code
 * resnet50.ram_in1k}). It lives in the model layer because the families declare the checkpoints;
 * {@code org.ivit.io} only downloads and reads what it names.
 */
public final class WeightCatalogue {
    /**
     * The backbone of the authors' code (timm vit_base_patch16_224, in21k then in1k); see {@link
     * VitFamily#AUGREG_IN21K_FT_IN1K}.
     */
    public static final WeightRepository VIT_B16 = VitFamily.AUGREG_IN21K_FT_IN1K.repository();

    /**
     * What {@code fetch-weights} without arguments fetches: what the quick and paper
     * Instruction-ViT runs need.
     */
    public static final List<WeightRepository> KNOWN =
            List.of(WeightRepository.CLIP_VIT_B32, WeightRepository.CLIP_VIT_B16, VIT_B16);

    /**
     * Every repository known by name: the CLIP models, the Table 1 timm checkpoints in row order,
     * the extras.
     */
    public static final List<WeightRepository> CATALOGUE =
            Stream.concat(
                            clipModels().stream(),
                            ModelFamilies.checkpoints().stream().map(TimmCheckpoint::repository))
                    .toList();

    private WeightCatalogue() {}

    /** The CLIP text/image encoders of the prompt features, B/32 then B/16. */
    public static List<WeightRepository> clipModels() {
        return List.of(WeightRepository.CLIP_VIT_B32, WeightRepository.CLIP_VIT_B16);
    }

    /**
     * A catalogue entry by repository id, alias ({@code clip-b32}, {@code vit-b16}, {@code
     * resnet-50}), timm architecture ({@code resnet50}) or timm full name ({@code
     * resnet50.ram_in1k}); or any other {@code owner/name} ({@link WeightRepository#ofId}). A bare
     * name outside the catalogue is an error that lists the known names.
     */
    public static WeightRepository parse(String idOrAlias) {
        for (WeightRepository known : clipModels()) {
            if (known.repo().equals(idOrAlias) || known.alias().equals(idOrAlias)) {
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
        return WeightRepository.ofId(idOrAlias);
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
        List<String> names = new ArrayList<>();
        for (WeightRepository clip : clipModels()) {
            names.add(clip.alias());
        }
        for (TimmCheckpoint c : ModelFamilies.checkpoints()) {
            names.add(c.architecture());
            names.add(c.alias());
        }
        return names;
    }
}
