package org.ivit.model.conv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.ivit.io.DType;
import org.ivit.io.SafetensorsReader;
import org.ivit.io.SafetensorsWriter;
import org.ivit.io.TensorInfo;

/**
 * The vendored timm reference vectors (src/test/resources/reference/timm, README-cnn.md there),
 * read relative to the lib module, where Maven runs the tests.
 */
public final class VendoredTimm {
    private VendoredTimm() {}

    public static Path file(String name) {
        Path p = Path.of("src/test/resources/reference/timm").resolve(name).toAbsolutePath();
        assertTrue(
                Files.isRegularFile(p),
                "vendored reference file not found: " + p + " (run the tests from lib/)");
        return p;
    }

    /** Largest |a - e| over two equal-length arrays. */
    public static double maxAbsDiff(float[] expected, NDArray actual) {
        float[] a = actual.toFloatArray();
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - expected[i]));
        }
        return m;
    }

    /**
     * A copy of a checkpoint with its tensors passed through {@code edit} (null drops a tensor).
     */
    public static Path rewrite(Path source, Path target, UnaryOperator<String> rename, Extra extra)
            throws IOException {
        SafetensorsWriter w = new SafetensorsWriter();
        try (SafetensorsReader r = SafetensorsReader.open(source)) {
            for (String name : r.names()) {
                String to = rename.apply(name);
                if (to == null) {
                    continue;
                }
                TensorInfo info = r.info(name);
                if (info.dtype() == DType.I64) {
                    w.putLongs(to, info.shape(), r.longs(name));
                } else {
                    w.putFloats(to, info.shape(), r.floats(name));
                }
            }
        }
        if (extra != null) {
            extra.add(w);
        }
        w.write(target);
        return target;
    }

    public interface Extra {
        void add(SafetensorsWriter w);
    }
}
