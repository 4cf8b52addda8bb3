package org.ivit.io;

import static org.ivit.io.SafetensorsFiles.littleEndian;
import static org.ivit.io.SafetensorsFiles.shorts;
import static org.ivit.io.SafetensorsFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.ivit.ReferenceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsReaderTest {
    @TempDir Path dir;

    @Test
    void readsEveryDtypeAndWidensHalfFloatsToF32() throws IOException {
        // F16: 1.0 = 0x3c00, -2.0 = 0xc000, 65504 = 0x7bff, smallest subnormal 0x0001 = 2^-24
        // BF16: 1.0 = 0x3f80, -0.5 = 0xbf00, 3.140625 = 0x4049
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.put(shorts(0x3c00, 0xc000, 0x7bff, 0x0001)); // f16   0..8
        data.put(shorts(0x3f80, 0xbf00, 0x4049, 0)); // bf16  8..16
        data.putDouble(2.5); // f64  16..24
        data.putLong(-7L); // i64  24..32
        data.putInt(123456); // i32  32..36
        data.put((byte) -3).put((byte) 250).put((byte) 1).put((byte) 0); // i8, u8, bool x2 36..40
        String header =
                "{\"__metadata__\":{\"format\":\"pt\",\"dataset\":\"pets\"},"
                        + "\"h\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[8,16]},"
                        + "\"d\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[16,24]},"
                        + "\"l\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[24,32]},"
                        + "\"i\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[32,36]},"
                        + "\"s\":{\"dtype\":\"I8\",\"shape\":[1],\"data_offsets\":[36,37]},"
                        + "\"u\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[37,38]},"
                        + "\"z\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[38,40]}}";
        Path file = write(dir, "all.safetensors", header, Arrays.copyOf(data.array(), 40));
        try (SafetensorsReader r = SafetensorsReader.open(file);
                NDManager m = NDManager.newBaseManager()) {
            assertEquals(Map.of("format", "pt", "dataset", "pets"), r.metadata());
            assertArrayEquals(
                    new float[] {1f, -2f, 65504f, (float) Math.pow(2, -24)}, r.floats("h"));
            assertArrayEquals(new float[] {1f, -0.5f, 3.140625f, 0f}, r.floats("b"));
            NDArray half = r.toNDArray("h", m);
            assertEquals(DataType.FLOAT32, half.getDataType());
            assertEquals(DataType.FLOAT32, r.toNDArray("b", m).getDataType());
            assertEquals(2.5, r.toNDArray("d", m).getDouble(), 0);
            assertArrayEquals(new long[] {-7}, r.longs("l"));
            assertEquals(-7L, r.toNDArray("l", m).toLongArray()[0]);
            assertEquals(123456, r.toNDArray("i", m).toIntArray()[0]);
            assertArrayEquals(new long[] {-3}, r.longs("s"));
            assertArrayEquals(new long[] {250}, r.longs("u"));
            assertArrayEquals(new boolean[] {true, false}, r.toNDArray("z", m).toBooleanArray());
            assertArrayEquals(new long[] {2, 2}, r.info("h").shape());
        }
    }

    @Test
    void writerRoundTripsF32I64AndMetadataWithAlignedHeader() throws IOException {
        Path file = dir.resolve("out.safetensors");
        new SafetensorsWriter()
                .metadata("kind", "text")
                .putFloats("w", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6})
                .putLongs("ids", new long[] {3}, new long[] {49406, 320, 49407})
                .putFloats("scalar", new long[] {}, new float[] {2.659f})
                .write(file);
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8);
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            assertEquals("text", r.metadata().get("kind"));
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, r.floats("w"));
            assertArrayEquals(new long[] {49406, 320, 49407}, r.longs("ids"));
            assertArrayEquals(new long[] {}, r.info("scalar").shape());
            assertEquals(2.659f, r.floats("scalar")[0]);
        }
        assertTrue(Files.list(dir).noneMatch(p -> p.toString().endsWith(".partial")));
    }

    @Test
    void readsTheReferenceFileWithScalarAndI64() throws IOException {
        try (SafetensorsReader r =
                SafetensorsReader.open(ReferenceFiles.file("clip-tiny-io.safetensors"))) {
            assertArrayEquals(new long[] {5, 77}, r.info("input_ids").shape());
            long[] ids = r.longs("input_ids");
            assertEquals(49406, ids[0]);
            assertEquals(49407, ids[7], "end of 'a photo of a cat.' is at position 7");
        }
    }

    private void assertRejected(Path file, String tensor, String fragment) {
        SafetensorsException e =
                assertThrows(
                        SafetensorsException.class, () -> SafetensorsReader.open(file).close());
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        if (tensor == null) {
            assertNull(e.tensor(), e.getMessage());
        } else {
            assertEquals(tensor, e.tensor(), e.getMessage());
            assertTrue(e.getMessage().contains("'" + tensor + "'"), e.getMessage());
        }
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void truncatedFile() throws IOException {
        Path file = dir.resolve("short.safetensors");
        Files.write(file, new byte[] {1, 2, 3});
        assertRejected(file, null, "truncated");
    }

    @Test
    void headerLengthPastTheEnd() throws IOException {
        assertRejected(
                write(dir, "len.safetensors", 4096, "{}", new byte[0]), null, "past the end");
    }

    @Test
    void invalidJson() throws IOException {
        assertRejected(
                write(dir, "json.safetensors", "{\"a\": [1, 2", new byte[0]), null, "invalid JSON");
    }

    @Test
    void offsetsOutOfRange() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";
        assertRejected(
                write(dir, "range.safetensors", header, littleEndian(1, 2)), "w", "out of range");
    }

    @Test
    void overlappingTensors() throws IOException {
        String header =
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        assertRejected(
                write(dir, "overlap.safetensors", header, littleEndian(1, 2, 3)),
                "b",
                "overlaps tensor 'a'");
    }

    @Test
    void unknownDtype() throws IOException {
        String header = "{\"q\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}";
        assertRejected(
                write(dir, "dtype.safetensors", header, new byte[2]),
                "q",
                "unknown dtype 'F8_E4M3'");
    }

    @Test
    void shapeThatDoesNotMatchTheByteCount() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}";
        assertRejected(
                write(dir, "shape.safetensors", header, littleEndian(1, 2)), "w", "needs 12 bytes");
    }

    @Test
    void malformedEntry() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":\"big\",\"data_offsets\":[0,8]}}";
        assertRejected(
                write(dir, "entry.safetensors", header, littleEndian(1, 2)), "w", "malformed");
    }

    @Test
    void missingTensorIsNamed() throws IOException {
        Path file = dir.resolve("one.safetensors");
        new SafetensorsWriter().putFloats("a", new long[] {1}, new float[] {1}).write(file);
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            SafetensorsException e = assertThrows(SafetensorsException.class, () -> r.floats("b"));
            assertEquals("b", e.tensor());
        }
    }
}
