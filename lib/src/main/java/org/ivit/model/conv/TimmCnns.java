package org.ivit.model.conv;

import org.ivit.model.TimmClassifier;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ivit.model.efficientnet.EfficientNet;
import org.ivit.model.efficientnet.EfficientNetConfig;
import org.ivit.model.resnet.ResNet;
import org.ivit.model.resnet.ResNetConfig;

/** Building the timm CNNs: from a reference-style JSON ({@code architecture} + timm {@code args}), into a DJL Model. */
public final class TimmCnns {
    private TimmCnns() {}

    /** A new, uninitialised model from {@code architecture} ({@code resnet}, {@code efficientnet}) and timm's args. */
    public static TimmClassifier build(String architecture, JsonObject args) {
        return switch (architecture) {
            case "resnet" -> new ResNet(ResNetConfig.fromArgs(args));
            case "efficientnet" -> new EfficientNet(EfficientNetConfig.fromArgs(args));
            default -> throw new IllegalArgumentException("not a timm CNN architecture: '" + architecture + "' (resnet, efficientnet)");
        };
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
     * seeded with {@code seed}. (Names and shapes are available without this: see
     * {@link TimmCheckpoints#expectedTensors}.)
     */
    public static Model create(TimmClassifier cnn, int seed, int inChans) {
        Engine.getInstance().setRandomSeed(seed);
        Block block = (Block) cnn;
        Model model = Model.newInstance(cnn.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, inChans, 64, 64));
        return model;
    }
}
