package org.ivit.model.resnet;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A timm {@code ResNet}, in the names of timm's constructor arguments: {@code block} (only {@code
 * "Bottleneck"}), {@code layers} (blocks per stage), {@code channels} (stage widths; outputs are
 * 4x), {@code num_classes}, {@code in_chans}, {@code stem_width} (timm's default 64, which the stem
 * keeps whatever {@code channels} say). BatchNorm eps 1e-5 as timm's default (reference README,
 * §5).
 */
public record ResNetConfig(
        String block,
        List<Integer> layers,
        List<Integer> channels,
        int numClasses,
        int inChans,
        int stemWidth) {
    public static final float BATCH_NORM_EPS = 1e-5f;

    /** Bottleneck output channels = expansion x width. */
    public static final int EXPANSION = 4;

    private static final Set<String> ARGS =
            Set.of("block", "layers", "channels", "num_classes", "in_chans", "stem_width");

    public ResNetConfig {
        if (!"Bottleneck".equals(block)) {
            throw new IllegalArgumentException(
                    "ResNet block '" + block + "' is not supported (only Bottleneck)");
        }
        layers = List.copyOf(layers);
        channels = List.copyOf(channels);
        if (layers.size() != 4 || channels.size() != 4) {
            throw new IllegalArgumentException(
                    "ResNet needs 4 stages, got layers " + layers + " and channels " + channels);
        }
        if (layers.stream().anyMatch(n -> n < 1)
                || channels.stream().anyMatch(c -> c < 1)
                || numClasses < 1
                || inChans < 1
                || stemWidth < 1) {
            throw new IllegalArgumentException(
                    "ResNet sizes must be positive: layers "
                            + layers
                            + ", channels "
                            + channels
                            + ", num_classes "
                            + numClasses
                            + ", in_chans "
                            + inChans
                            + ", stem_width "
                            + stemWidth);
        }
    }

    private static ResNetConfig bottleneck(int... layers) {
        return new ResNetConfig(
                "Bottleneck",
                List.of(layers[0], layers[1], layers[2], layers[3]),
                List.of(64, 128, 256, 512),
                1000,
                3,
                64);
    }

    public static ResNetConfig resnet50() {
        return bottleneck(3, 4, 6, 3);
    }

    public static ResNetConfig resnet101() {
        return bottleneck(3, 4, 23, 3);
    }

    public static ResNetConfig resnet152() {
        return bottleneck(3, 8, 36, 3);
    }

    /** By timm model name: {@code resnet50}, {@code resnet101}, {@code resnet152}. */
    public static ResNetConfig preset(String name) {
        return switch (name) {
            case "resnet50" -> resnet50();
            case "resnet101" -> resnet101();
            case "resnet152" -> resnet152();
            default ->
                    throw new IllegalArgumentException(
                            "unknown ResNet '" + name + "' (resnet50, resnet101 or resnet152)");
        };
    }

    public ResNetConfig withClasses(int classes) {
        return new ResNetConfig(block, layers, channels, classes, inChans, stemWidth);
    }

    /** Channels of the last feature map (timm's {@code num_features}). */
    public int numFeatures() {
        return EXPANSION * channels.get(3);
    }

    /**
     * From timm's constructor arguments as a JSON object; absent ones take timm's defaults
     * (Bottleneck needs {@code block} and {@code layers}), unknown ones are refused by name.
     */
    public static ResNetConfig fromArgs(JsonObject args) {
        Set<String> unknown = new TreeSet<>(args.keySet());
        unknown.removeAll(ARGS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown ResNet arguments "
                            + unknown
                            + " (known: "
                            + new TreeSet<>(ARGS)
                            + ")");
        }
        if (!args.has("block") || !args.has("layers")) {
            throw new IllegalArgumentException("ResNet arguments need 'block' and 'layers'");
        }
        return new ResNetConfig(
                args.get("block").getAsString(),
                ints(args.get("layers")),
                args.has("channels") ? ints(args.get("channels")) : List.of(64, 128, 256, 512),
                args.has("num_classes") ? args.get("num_classes").getAsInt() : 1000,
                args.has("in_chans") ? args.get("in_chans").getAsInt() : 3,
                args.has("stem_width") ? args.get("stem_width").getAsInt() : 64);
    }

    /** From a reference-style JSON file: its {@code args} object (architecture {@code resnet}). */
    public static ResNetConfig fromJson(Path file) throws IOException {
        try {
            JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            if (o.has("architecture") && !"resnet".equals(o.get("architecture").getAsString())) {
                throw new IllegalArgumentException(
                        "architecture is '"
                                + o.get("architecture").getAsString()
                                + "', not resnet");
            }
            return fromArgs(o.getAsJsonObject("args"));
        } catch (RuntimeException e) {
            throw new IOException("ResNet config " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Integer> ints(JsonElement e) {
        List<Integer> out = new ArrayList<>();
        e.getAsJsonArray().forEach(v -> out.add(v.getAsInt()));
        return out;
    }
}
