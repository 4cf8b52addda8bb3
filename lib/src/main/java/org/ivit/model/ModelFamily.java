package org.ivit.model;

import com.google.gson.JsonObject;
import java.util.List;
import org.ivit.io.TimmCheckpoint;

/**
 * One model family's registration, in one file next to its model class (as timm keeps a family's
 * variants, pretrained settings and registration in the family's own module): its named variants
 * ({@link ModelVariant}: config, checkpoint and pretrained config, parameter count, Table 1 row),
 * checkpoints it offers beyond its variants, and how its network is built from timm's constructor
 * arguments in a reference JSON. {@link ModelFamilies} lists the built-in ones.
 */
public interface ModelFamily {
    /**
     * The family's name as timm's module calls it, e.g. {@code vision_transformer}, {@code resnet}.
     */
    String name();

    /** The variants a run can train, in Table 1's row order. */
    List<ModelVariant> variants();

    /**
     * Checkpoints of this family that no variant trains (fetched by name or with {@code --all}).
     */
    default List<TimmCheckpoint> extraCheckpoints() {
        return List.of();
    }

    /**
     * The {@code architecture} names of the reference JSONs this family builds ({@link
     * #fromTimmArgs}).
     */
    default List<String> referenceArchitectures() {
        return List.of();
    }

    /**
     * The untrained network of {@code architecture} (one of {@link #referenceArchitectures}) from
     * timm's constructor arguments, as the vendored reference JSONs give them; unknown arguments
     * are refused.
     */
    default TimmClassifier fromTimmArgs(String architecture, JsonObject args) {
        throw new IllegalArgumentException(
                name() + " builds no reference architecture '" + architecture + "'");
    }
}
