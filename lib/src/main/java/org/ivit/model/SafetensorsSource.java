package org.ivit.model;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.ivit.io.DType;
import org.ivit.io.SafetensorsReader;

/** A safetensors file as a {@link TensorSource}, with names as stored. */
public final class SafetensorsSource implements TensorSource {
    private final SafetensorsReader reader;

    public SafetensorsSource(SafetensorsReader reader) {
        this.reader = reader;
    }

    @Override
    public String description() {
        return reader.file().toString();
    }

    @Override
    public Set<String> names() {
        return new LinkedHashSet<>(reader.names());
    }

    @Override
    public long[] shape(String name) throws IOException {
        return reader.info(name).shape();
    }

    @Override
    public DType dtype(String name) throws IOException {
        return reader.info(name).dtype();
    }

    @Override
    public float[] floats(String name) throws IOException {
        return reader.floats(name);
    }
}
