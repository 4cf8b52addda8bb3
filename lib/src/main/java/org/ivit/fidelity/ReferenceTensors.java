package org.ivit.fidelity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.ivit.io.DType;
import org.ivit.io.SafetensorsReader;
import org.ivit.io.TensorInfo;

/** The tensors of one reference safetensors file, read whole (the files are small). */
final class ReferenceTensors {
    private final Path file;

    ReferenceTensors(Path file) {
        this.file = file;
    }

    List<String> names() throws IOException {
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            return List.copyOf(r.names());
        }
    }

    long[] shape(String name) throws IOException {
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            return info(r, name).shape();
        }
    }

    float[] floats(String name) throws IOException {
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            info(r, name);
            return r.floats(name);
        }
    }

    long[] longs(String name) throws IOException {
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            TensorInfo info = info(r, name);
            if (info.dtype() != DType.I64) {
                throw new IOException(
                        file + ": tensor '" + name + "' is " + info.dtype() + ", expected I64");
            }
            ByteBuffer b = r.bytes(name);
            long[] out = new long[b.remaining() / 8];
            b.asLongBuffer().get(out);
            return out;
        }
    }

    private TensorInfo info(SafetensorsReader r, String name) throws IOException {
        if (!r.contains(name)) {
            throw new IOException(file + " has no tensor '" + name + "'");
        }
        return r.info(name);
    }
}
