package org.ivit.fidelity;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.ivit.data.augment.RgbImage;
import org.ivit.io.SafetensorsReader;
import org.ivit.io.TensorInfo;

/**
 * The augmentation part of a training reference folder: {@code augment.json} and the {@code
 * augment-*.safetensors} files beside it (torchvision / PIL / timm outputs). Every size, magnitude
 * and box is read from there, so a second set with other images works unchanged.
 */
final class AugmentReferences implements AutoCloseable {
    private final Path dir;
    private final JsonObject json;
    private final Map<String, SafetensorsReader> files = new HashMap<>();

    private AugmentReferences(Path dir, JsonObject json) {
        this.dir = dir;
        this.json = json;
    }

    static AugmentReferences open(Path dir) {
        Path file = dir.resolve("augment.json");
        try {
            return new AugmentReferences(
                    dir,
                    JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                            .getAsJsonObject());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the augmentation references " + file + ": " + e.getMessage(), e);
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException(
                    file + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    /** The object under {@code key} of augment.json (randaugment, crop, eval, mixup, jpeg). */
    JsonObject section(String key) {
        if (!json.has(key)) {
            throw new IllegalArgumentException(
                    dir.resolve("augment.json") + " has no '" + key + "' section");
        }
        return json.getAsJsonObject(key);
    }

    /** Input image i of augment-images.safetensors. */
    RgbImage image(int index) {
        return rgb("images", "image" + index);
    }

    /** An [H, W, 3] U8 tensor of augment-{family}.safetensors as an image. */
    RgbImage rgb(String family, String name) {
        TensorInfo info = info(family, name);
        long[] shape = info.shape();
        if (shape.length != 3 || shape[2] != 3) {
            throw new IllegalArgumentException(
                    name + " in " + path(family) + " is " + info + ", not an [H, W, 3] image");
        }
        return new RgbImage((int) shape[1], (int) shape[0], bytes(family, name));
    }

    byte[] bytes(String family, String name) {
        try {
            ByteBuffer buffer = reader(family).bytes(name);
            byte[] out = new byte[buffer.remaining()];
            buffer.get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + name + " of " + path(family) + ": " + e.getMessage(), e);
        }
    }

    float[] floats(String family, String name) {
        try {
            return reader(family).floats(name);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + name + " of " + path(family) + ": " + e.getMessage(), e);
        }
    }

    long[] longs(String family, String name) {
        try {
            return reader(family).longs(name);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + name + " of " + path(family) + ": " + e.getMessage(), e);
        }
    }

    long[] shape(String family, String name) {
        return info(family, name).shape();
    }

    boolean has(String family, String name) {
        return reader(family).contains(name);
    }

    private TensorInfo info(String family, String name) {
        try {
            return reader(family).info(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private Path path(String family) {
        return dir.resolve("augment-" + family + ".safetensors");
    }

    private SafetensorsReader reader(String family) {
        return files.computeIfAbsent(
                family,
                f -> {
                    try {
                        return SafetensorsReader.open(path(f));
                    } catch (IOException e) {
                        throw new UncheckedIOException(
                                "cannot open " + path(f) + ": " + e.getMessage(), e);
                    }
                });
    }

    @Override
    public void close() {
        for (SafetensorsReader reader : files.values()) {
            try {
                reader.close();
            } catch (IOException e) {
                // read-only maps: nothing is lost
            }
        }
    }
}
