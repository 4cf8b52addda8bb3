package org.ivit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.ivit.Tensors;
import org.ivit.io.DType;
import org.ivit.io.SafetensorsReader;

/**
 * The vendored timm reference vectors ({@code src/test/resources/reference/timm/}, read relative to
 * the lib module, where Maven runs the tests) and the checks made with them.
 */
public final class TimmReference {
    public static final double TOLERANCE = 1e-4;

    private TimmReference() {}

    public static Path dir() {
        Path dir = Path.of("src/test/resources/reference/timm").toAbsolutePath();
        assertTrue(
                Files.isDirectory(dir),
                "vendored timm reference vectors not found at "
                        + dir
                        + " (tests run with the lib module as working directory)");
        return dir;
    }

    public static Path file(String name) {
        return dir().resolve(name);
    }

    /** The {@code args} of NAME.json: timm's constructor arguments. */
    public static JsonObject args(String name) throws IOException {
        return json(file(name + ".json")).getAsJsonObject("args");
    }

    public static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    /**
     * Asserts that {@code actual} equals the io tensor {@code name} at atol = rtol = 1e-4 and
     * returns the largest absolute difference (for the record).
     */
    public static double assertMatches(SafetensorsReader io, String name, NDArray actual)
            throws IOException {
        float[] expected = io.floats(name);
        assertArrayEquals(io.info(name).shape(), actual.getShape().getShape(), name + ": shape");
        float[] got = actual.toFloatArray();
        Tensors.assertClose(expected, got, TOLERANCE, TOLERANCE, name);
        double diff = Tensors.maxAbsDiff(expected, got);
        System.out.printf("parity %s %s: max abs diff %.3g%n", io.file().getFileName(), name, diff);
        return diff;
    }

    /**
     * Initialises a block's parameters as uninitialised (empty) arrays, so that every parameter has
     * its shape without the memory being written (libtorch's empty allocation is only touched when
     * used): a full-size model's names and shapes can be checked at almost no cost.
     */
    public static void initializeShapesOnly(Block block, NDManager manager, Shape input) {
        block.setInitializer((m, shape, type) -> m.create(shape, type), p -> true);
        block.initialize(manager, DataType.FLOAT32, input);
    }

    public static long parameterCount(Map<String, Parameter> parameters) {
        return parameters.values().stream().mapToLong(p -> p.getArray().getShape().size()).sum();
    }

    /**
     * A full-size key manifest ({@code keys/MODEL.json}): names, shapes and dtypes as a
     * checkpoint's header gives them, no values.
     */
    public record KeyManifest(
            String model, long parameters, Map<String, long[]> shapes, Map<String, DType> dtypes)
            implements TensorSource {
        public static KeyManifest read(String model) throws IOException {
            JsonObject o = json(file("keys/" + model + ".json"));
            Map<String, long[]> shapes = new LinkedHashMap<>();
            Map<String, DType> dtypes = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("state_dict").entrySet()) {
                JsonObject t = e.getValue().getAsJsonObject();
                shapes.put(
                        e.getKey(),
                        t.getAsJsonArray("shape").asList().stream()
                                .mapToLong(JsonElement::getAsLong)
                                .toArray());
                dtypes.put(
                        e.getKey(),
                        switch (t.get("dtype").getAsString()) {
                            case "float32" -> DType.F32;
                            case "int64" -> DType.I64;
                            default ->
                                    throw new IllegalArgumentException(
                                            model
                                                    + ": dtype "
                                                    + t.get("dtype")
                                                    + " of "
                                                    + e.getKey());
                        });
            }
            return new KeyManifest(
                    o.get("model").getAsString(), o.get("parameters").getAsLong(), shapes, dtypes);
        }

        @Override
        public String description() {
            return "key manifest of " + model;
        }

        @Override
        public Set<String> names() {
            return shapes.keySet();
        }

        @Override
        public long[] shape(String name) {
            return shapes.get(name);
        }

        @Override
        public DType dtype(String name) {
            return dtypes.get(name);
        }

        @Override
        public float[] floats(String name) {
            throw new UnsupportedOperationException("a key manifest has no values");
        }
    }

    /** A checkpoint seen with one tensor renamed, one dropped and one given another shape. */
    public record EditedSource(
            TensorSource base,
            Map<String, String> renamed,
            Set<String> dropped,
            Map<String, long[]> reshaped)
            implements TensorSource {
        @Override
        public String description() {
            return "edited " + base.description();
        }

        @Override
        public Set<String> names() {
            Set<String> out = new java.util.LinkedHashSet<>();
            for (String n : base.names()) {
                if (!dropped.contains(n)) {
                    out.add(renamed.getOrDefault(n, n));
                }
            }
            return out;
        }

        private String original(String name) {
            return renamed.entrySet().stream()
                    .filter(e -> e.getValue().equals(name))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(name);
        }

        @Override
        public long[] shape(String name) throws IOException {
            return reshaped.containsKey(name) ? reshaped.get(name) : base.shape(original(name));
        }

        @Override
        public float[] floats(String name) throws IOException {
            return base.floats(original(name));
        }
    }
}
