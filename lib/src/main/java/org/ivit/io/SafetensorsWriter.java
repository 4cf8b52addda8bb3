package org.ivit.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes F32 and I64 tensors with string metadata. The file is written beside the target and moved
 * into place, so an interrupted write never leaves a half file under the final name.
 */
public final class SafetensorsWriter {
    private record Entry(DType dtype, long[] shape, ByteBuffer data) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    public SafetensorsWriter metadata(Map<String, String> values) {
        metadata.putAll(values);
        return this;
    }

    public SafetensorsWriter putFloats(String name, long[] shape, float[] values) {
        checkCount(name, shape, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return put(name, new Entry(DType.F32, shape.clone(), b));
    }

    public SafetensorsWriter putLongs(String name, long[] shape, long[] values) {
        checkCount(name, shape, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return put(name, new Entry(DType.I64, shape.clone(), b));
    }

    /** FLOAT32 arrays are stored as F32, INT64 as I64; other types are converted to F32. */
    public SafetensorsWriter put(String name, NDArray array) {
        long[] shape = array.getShape().getShape();
        if (array.getDataType() == DataType.INT64) {
            return putLongs(name, shape, array.toLongArray());
        }
        NDArray f =
                array.getDataType() == DataType.FLOAT32
                        ? array
                        : array.toType(DataType.FLOAT32, false);
        return putFloats(name, shape, f.toFloatArray());
    }

    private SafetensorsWriter put(String name, Entry e) {
        if (name.equals("__metadata__")) {
            throw new IllegalArgumentException(
                    "'__metadata__' is reserved and cannot name a tensor");
        }
        entries.put(name, e);
        return this;
    }

    private static void checkCount(String name, long[] shape, int count) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != count) {
            throw new IllegalArgumentException(
                    "tensor '" + name + "': shape needs " + n + " values, got " + count);
        }
    }

    public void write(Path file) throws IOException {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject m = new JsonObject();
            metadata.forEach(m::addProperty);
            header.add("__metadata__", m);
        }
        long offset = 0;
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Entry t = e.getValue();
            JsonObject o = new JsonObject();
            o.addProperty("dtype", t.dtype().name());
            JsonArray shape = new JsonArray();
            for (long d : t.shape()) {
                shape.add(d);
            }
            o.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offset += t.data().capacity();
            offsets.add(offset);
            o.add("data_offsets", offsets);
            header.add(e.getKey(), o);
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8; // the format pads the header with spaces to 8 bytes
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path tmp =
                Files.createTempFile(
                        absolute.getParent(), absolute.getFileName().toString(), ".partial");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(json);
            for (int i = json.length; i < padded; i++) {
                out.write(' ');
            }
            for (Entry t : entries.values()) {
                out.write(t.data().array());
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(
                tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
