package org.ivit.model;

import ai.djl.Model;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.ivit.io.TimmCheckpoint;
import org.ivit.model.cait.CaitFamily;
import org.ivit.model.deit.DeitFamily;
import org.ivit.model.efficientnet.EfficientNetFamily;
import org.ivit.model.pit.PitFamily;
import org.ivit.model.resnet.ResNetFamily;

/**
 * The built-in model families in Table 1's row order, and what follows from their registrations:
 * every variant, the catalogue of timm checkpoints ({@link #checkpoints}: Table 1's in row order,
 * then the extras) and the network of a reference JSON by its {@code architecture} name.
 */
public final class ModelFamilies {
    public static final List<ModelFamily> BUILT_IN =
            List.of(
                    VitFamily.INSTANCE,
                    DeitFamily.INSTANCE,
                    CaitFamily.INSTANCE,
                    PitFamily.INSTANCE,
                    ResNetFamily.INSTANCE,
                    EfficientNetFamily.INSTANCE);

    private ModelFamilies() {}

    /**
     * Every built-in variant: those that fill a Table 1 row in the table's order, then the others
     * (quick, tiny).
     */
    public static List<ModelVariant> variants() {
        List<ModelVariant> all = new ArrayList<>();
        BUILT_IN.forEach(f -> all.addAll(f.variants()));
        all.sort(
                Comparator.comparing(
                        v -> v.paperRow() == null)); // stable: the family order stays within each
        // part
        return List.copyOf(all);
    }

    /**
     * The checkpoint of every Table 1 row, in the table's row order (ViT-B/16 first: the ViT-B and
     * Ours rows).
     */
    public static List<TimmCheckpoint> table1Checkpoints() {
        return variants().stream()
                .filter(v -> v.paperRow() != null && v.weights() != null)
                .map(ModelVariant::weights)
                .toList();
    }

    /**
     * Every checkpoint of the catalogue: Table 1's, then the families' extras (fetched by name or
     * with --all, not with --table1).
     */
    public static List<TimmCheckpoint> checkpoints() {
        List<TimmCheckpoint> all = new ArrayList<>(table1Checkpoints());
        BUILT_IN.forEach(f -> all.addAll(f.extraCheckpoints()));
        return List.copyOf(all);
    }

    /** The checkpoint known by this name (see {@link TimmCheckpoint#answersTo}). */
    public static Optional<TimmCheckpoint> findCheckpoint(String name) {
        return checkpoints().stream().filter(c -> c.answersTo(name)).findFirst();
    }

    /** The reference JSON {@code architecture} names the families build. */
    public static List<String> architectures() {
        return BUILT_IN.stream().flatMap(f -> f.referenceArchitectures().stream()).toList();
    }

    /**
     * The untrained network of a reference JSON's {@code architecture} from timm's constructor
     * arguments.
     */
    public static TimmClassifier fromTimmArgs(String architecture, JsonObject args) {
        for (ModelFamily f : BUILT_IN) {
            if (f.referenceArchitectures().contains(architecture)) {
                return f.fromTimmArgs(architecture, args);
            }
        }
        throw new IllegalArgumentException(
                "unknown timm architecture '"
                        + architecture
                        + "'; known: "
                        + String.join(", ", architectures()));
    }

    /**
     * {@link #fromTimmArgs} in a new DJL Model, initialised from the engine's RNG seeded with
     * {@code seed}.
     */
    public static Model create(String architecture, JsonObject args, int seed) {
        return FreshModel.of(fromTimmArgs(architecture, args), seed);
    }

    /**
     * {@link #create} from a JSON file with {@code architecture} and {@code args}; errors name the
     * file.
     */
    public static Model fromJson(Path file, int seed) throws IOException {
        JsonObject o;
        try {
            o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a JSON object: " + e.getMessage(), e);
        }
        if (!o.has("architecture") || !o.has("args") || !o.get("args").isJsonObject()) {
            throw new IOException(
                    file
                            + " needs 'architecture' (one of "
                            + String.join(", ", architectures())
                            + ") and an 'args' object of timm constructor arguments");
        }
        try {
            return create(o.get("architecture").getAsString(), o.getAsJsonObject("args"), seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
