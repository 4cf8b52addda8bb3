package org.ivit.model;

import java.io.IOException;
import java.util.Set;
import org.ivit.io.DType;

/**
 * Named float tensors to load weights from: a checkpoint file, or a view of one under another
 * naming (e.g. OpenAI CLIP names seen as Hugging Face names).
 */
public interface TensorSource {
    /** Where the tensors come from, for messages. */
    String description();

    Set<String> names();

    long[] shape(String name) throws IOException;

    /**
     * The stored dtype; F32 for a source that does not say (its values are read as float32 anyway).
     */
    default DType dtype(String name) throws IOException {
        return DType.F32;
    }

    /** The values as float32, whatever the stored type. */
    float[] floats(String name) throws IOException;
}
