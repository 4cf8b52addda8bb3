package org.ivit.model.conv;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ivit.model.FreshModel;
import org.ivit.model.ModelFamilies;
import org.ivit.model.TimmClassifier;

/**
 * Building the timm CNNs: from a reference-style JSON ({@code architecture} + timm {@code args}),
 * into a DJL Model.
 */
public final class TimmCnns {
    private TimmCnns() {}

    /**
     * A new, uninitialised model from {@code architecture} ({@code resnet}, {@code efficientnet})
     * and timm's args.
     */
    public static TimmClassifier build(String architecture, JsonObject args) {
        if (!architecture.equals("resnet") && !architecture.equals("efficientnet")) {
            throw new IllegalArgumentException(
                    "not a timm CNN architecture: '" + architecture + "' (resnet, efficientnet)");
        }
        return ModelFamilies.fromTimmArgs(architecture, args);
    }

    /** {@link #build} from a JSON file with {@code architecture} and {@code args}. */
    public static TimmClassifier fromJson(Path file) throws IOException {
        try {
            JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            return build(o.get("architecture").getAsString(), o.getAsJsonObject("args"));
        } catch (RuntimeException e) {
            throw new IOException("timm CNN config " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The block in a new DJL Model, its parameters allocated and initialised from the engine's RNG
     * seeded with {@code seed}. (Names and shapes are available without this: see {@link
     * TimmCheckpoints#expectedTensors}.)
     */
    public static Model create(TimmClassifier cnn, int seed, int inChans) {
        return FreshModel.of((Block) cnn, seed, new Shape(1, inChans, 64, 64));
    }
}
