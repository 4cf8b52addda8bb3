package org.ivit.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a safetensors file tensor by tensor through memory maps, so files larger than 2 GB work.
 * The whole header is validated on open: a file that opens can be read without surprises.
 * Half-precision floats (F16, BF16) are widened to F32 before any NDArray exists, because DJL's
 * PyTorch engine aborts the JVM on BF16 arrays.
 */
public final class SafetensorsReader implements AutoCloseable {
    /** Guards against absurd header lengths before allocating. */
    private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsReader(
            Path file,
            FileChannel channel,
            long dataStart,
            Map<String, TensorInfo> tensors,
            Map<String, String> metadata) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    public static SafetensorsReader open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return parse(file, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static SafetensorsReader parse(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 8) {
            throw new SafetensorsException(
                    file, null, "truncated: " + size + " bytes, not even the 8-byte header length");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lengthBytes, 0);
        long headerLength = lengthBytes.flip().getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > size) {
            throw new SafetensorsException(
                    file,
                    null,
                    "header length "
                            + headerLength
                            + " is past the end of the file ("
                            + size
                            + " bytes) or implausible");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(channel, headerBytes, 8);
        String json = new String(headerBytes.array(), StandardCharsets.UTF_8);
        JsonObject header;
        try {
            JsonElement root = JsonParser.parseString(json);
            if (!root.isJsonObject()) {
                throw new SafetensorsException(file, null, "invalid JSON header: not an object");
            }
            header = root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new SafetensorsException(file, null, "invalid JSON header: " + e.getMessage());
        }
        long dataStart = 8 + headerLength;
        long dataSize = size - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : header.entrySet()) {
            if (entry.getKey().equals("__metadata__")) {
                readMetadata(file, entry.getValue(), metadata);
            } else {
                TensorInfo info = parseEntry(file, entry.getKey(), entry.getValue(), dataSize);
                tensors.put(info.name(), info);
            }
        }
        checkNoOverlap(file, tensors.values());
        return new SafetensorsReader(
                file,
                channel,
                dataStart,
                Collections.unmodifiableMap(tensors),
                Collections.unmodifiableMap(metadata));
    }

    private static void readMetadata(Path file, JsonElement value, Map<String, String> out)
            throws SafetensorsException {
        if (!value.isJsonObject()) {
            throw new SafetensorsException(file, "__metadata__", "must be an object of strings");
        }
        for (Map.Entry<String, JsonElement> m : value.getAsJsonObject().entrySet()) {
            JsonElement v = m.getValue();
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                throw new SafetensorsException(
                        file, "__metadata__", "value of '" + m.getKey() + "' is not a string");
            }
            out.put(m.getKey(), v.getAsString());
        }
    }

    private static TensorInfo parseEntry(Path file, String name, JsonElement value, long dataSize)
            throws SafetensorsException {
        try {
            JsonObject o = value.getAsJsonObject();
            String dtypeName = o.get("dtype").getAsString();
            DType dtype = DType.parse(dtypeName);
            if (dtype == null) {
                throw new SafetensorsException(file, name, "unknown dtype '" + dtypeName + "'");
            }
            JsonArray shapeJson = o.getAsJsonArray("shape");
            long[] shape = new long[shapeJson.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeJson.get(i).getAsLong();
                if (shape[i] < 0) {
                    throw new SafetensorsException(
                            file, name, "negative dimension in shape " + shapeJson);
                }
            }
            JsonArray offsets = o.getAsJsonArray("data_offsets");
            if (offsets == null || offsets.size() != 2) {
                throw new SafetensorsException(file, name, "data_offsets must hold two numbers");
            }
            long begin = offsets.get(0).getAsLong();
            long end = offsets.get(1).getAsLong();
            if (begin < 0 || end < begin || end > dataSize) {
                throw new SafetensorsException(
                        file,
                        name,
                        "data offsets ["
                                + begin
                                + ", "
                                + end
                                + "] out of range: the data section holds "
                                + dataSize
                                + " bytes");
            }
            TensorInfo info = new TensorInfo(name, dtype, shape, begin, end);
            long expected;
            try {
                expected = Math.multiplyExact(info.elementCount(), dtype.bytes());
            } catch (ArithmeticException e) {
                throw new SafetensorsException(file, name, "shape " + shapeJson + " overflows");
            }
            if (expected != info.byteCount()) {
                throw new SafetensorsException(
                        file,
                        name,
                        "shape "
                                + shapeJson
                                + " of "
                                + dtype
                                + " needs "
                                + expected
                                + " bytes but the offsets give "
                                + info.byteCount());
            }
            return info;
        } catch (IllegalStateException
                | ClassCastException
                | NullPointerException
                | UnsupportedOperationException
                | NumberFormatException e) {
            throw new SafetensorsException(file, name, "malformed header entry " + value);
        }
    }

    private static void checkNoOverlap(Path file, Iterable<TensorInfo> all)
            throws SafetensorsException {
        List<TensorInfo> sorted = new ArrayList<>();
        all.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        TensorInfo previous = null;
        for (TensorInfo t : sorted) {
            if (previous != null && t.begin() < previous.end() && t.byteCount() > 0) {
                throw new SafetensorsException(
                        file, t.name(), "data overlaps tensor '" + previous.name() + "'");
            }
            if (t.byteCount() > 0) {
                previous = t;
            }
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
            throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                break;
            }
        }
    }

    public Path file() {
        return file;
    }

    /** Tensor names in header order. */
    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    public TensorInfo info(String name) throws SafetensorsException {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new SafetensorsException(
                    file, name, "no such tensor; the file holds " + tensors.size() + " tensors");
        }
        return info;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** Maps the bytes of one tensor; the mapping is read-only and little-endian. */
    public ByteBuffer bytes(String name) throws IOException {
        TensorInfo info = info(name);
        if (info.byteCount() == 0) {
            return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        return channel.map(
                        FileChannel.MapMode.READ_ONLY, dataStart + info.begin(), info.byteCount())
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Any floating or integer tensor as float32 values. */
    public float[] floats(String name) throws IOException {
        TensorInfo info = info(name);
        ByteBuffer b = bytes(name);
        int n = checkedCount(info);
        float[] out = new float[n];
        switch (info.dtype()) {
            case F32 -> b.asFloatBuffer().get(out);
            case F64 -> {
                for (int i = 0; i < n; i++) out[i] = (float) b.getDouble(i * 8);
            }
            case F16 -> {
                for (int i = 0; i < n; i++) out[i] = HalfFloats.fromF16(b.getShort(i * 2));
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) out[i] = HalfFloats.fromBF16(b.getShort(i * 2));
            }
            case I64 -> {
                for (int i = 0; i < n; i++) out[i] = b.getLong(i * 8);
            }
            case I32 -> {
                for (int i = 0; i < n; i++) out[i] = b.getInt(i * 4);
            }
            case I8 -> {
                for (int i = 0; i < n; i++) out[i] = b.get(i);
            }
            case U8, BOOL -> {
                for (int i = 0; i < n; i++) out[i] = b.get(i) & 0xff;
            }
        }
        return out;
    }

    /** An integer or boolean tensor as longs. */
    public long[] longs(String name) throws IOException {
        TensorInfo info = info(name);
        if (info.dtype().isFloating()) {
            throw new SafetensorsException(
                    file, name, "is " + info.dtype() + ", not an integer tensor");
        }
        ByteBuffer b = bytes(name);
        int n = checkedCount(info);
        long[] out = new long[n];
        switch (info.dtype()) {
            case I64 -> b.asLongBuffer().get(out);
            case I32 -> {
                for (int i = 0; i < n; i++) out[i] = b.getInt(i * 4);
            }
            case I8 -> {
                for (int i = 0; i < n; i++) out[i] = b.get(i);
            }
            default -> {
                for (int i = 0; i < n; i++) out[i] = b.get(i) & 0xff;
            }
        }
        return out;
    }

    /**
     * The tensor as an NDArray. F16 and BF16 become FLOAT32; every other type keeps its own (F64
     * stays FLOAT64, I64 stays INT64, ...).
     */
    public NDArray toNDArray(String name, NDManager manager) throws IOException {
        TensorInfo info = info(name);
        Shape shape = new Shape(info.shape());
        NDArray array =
                switch (info.dtype()) {
                    case F32, F16, BF16 -> manager.create(floats(name), shape);
                    case F64 -> manager.create(copy(bytes(name)), shape, DataType.FLOAT64);
                    case I64 -> manager.create(copy(bytes(name)), shape, DataType.INT64);
                    case I32 -> manager.create(copy(bytes(name)), shape, DataType.INT32);
                    case I8 -> manager.create(copy(bytes(name)), shape, DataType.INT8);
                    case U8 -> manager.create(copy(bytes(name)), shape, DataType.UINT8);
                    case BOOL -> manager.create(copy(bytes(name)), shape, DataType.BOOLEAN);
                };
        array.setName(name);
        return array;
    }

    /** DJL wants a direct buffer in native order; a mapping of a file is neither guaranteed. */
    private static ByteBuffer copy(ByteBuffer mapped) {
        ByteBuffer direct =
                ByteBuffer.allocateDirect(mapped.remaining()).order(ByteOrder.nativeOrder());
        direct.put(mapped.duplicate().order(ByteOrder.LITTLE_ENDIAN));
        return direct.flip();
    }

    private int checkedCount(TensorInfo info) throws SafetensorsException {
        long n = info.elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new SafetensorsException(
                    file, info.name(), "has " + n + " elements, more than one Java array holds");
        }
        return (int) n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
