package org.ivit.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ivit.io.DType;
import org.ivit.io.SafetensorsReader;

/**
 * Several safetensors files seen as one {@link TensorSource}, e.g. a backbone file and a prompt
 * file that together hold a model's initial values. A name in two files is an error naming both.
 */
public final class UnionTensorSource implements TensorSource, AutoCloseable {
    private final Map<String, SafetensorsReader> byName = new LinkedHashMap<>();
    private final List<Path> files;
    private final List<SafetensorsReader> readers = new ArrayList<>();

    public UnionTensorSource(List<Path> files) throws IOException {
        this.files = List.copyOf(files);
        for (Path file : files) {
            SafetensorsReader reader = SafetensorsReader.open(file);
            readers.add(reader);
            for (String name : reader.names()) {
                SafetensorsReader before = byName.putIfAbsent(name, reader);
                if (before != null) {
                    throw new IOException(
                            "tensor '" + name + "' is in both " + before.file() + " and " + file);
                }
            }
        }
    }

    @Override
    public String description() {
        return files.toString();
    }

    @Override
    public Set<String> names() {
        return byName.keySet();
    }

    @Override
    public long[] shape(String name) throws IOException {
        return byName.get(name).info(name).shape();
    }

    @Override
    public DType dtype(String name) throws IOException {
        return byName.get(name).info(name).dtype();
    }

    @Override
    public float[] floats(String name) throws IOException {
        return byName.get(name).floats(name);
    }

    @Override
    public void close() throws IOException {
        for (SafetensorsReader reader : readers) {
            reader.close();
        }
    }
}
