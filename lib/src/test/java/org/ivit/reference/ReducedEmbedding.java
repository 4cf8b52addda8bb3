package org.ivit.reference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import org.ivit.io.DType;
import org.ivit.io.SafetensorsReader;
import org.ivit.io.SafetensorsWriter;
import org.ivit.io.TensorInfo;

/**
 * The reduced form of a CLIP checkpoint kept in the repository: every tensor as it was, except the
 * token-embedding table, of which only the rows the reference inputs read are kept.
 *
 * <p>A reduced file {@code NAME.reduced.safetensors} holds all tensors of the original except the
 * table {@code T} (metadata {@code reduced_tensor = T}), and in its place {@code T.rows} (F32 [R,
 * W], the kept rows in increasing id order) and {@code T.row_ids} (I64 [R], their ids), with {@code
 * reduced_shape} the table's full shape ("49408,64"). {@link #expand} writes the full-vocabulary
 * checkpoint back: the kept rows at their ids, every other row zero. Since no reference input holds
 * another id, the expected outputs stay exact for the expanded file.
 */
public final class ReducedEmbedding {
    public static final String SUFFIX = ".reduced.safetensors";
    static final String TENSOR_KEY = "reduced_tensor";
    static final String SHAPE_KEY = "reduced_shape";

    private ReducedEmbedding() {}

    /**
     * Writes {@code reduced} from the full {@code original}, keeping the rows {@code ids} of {@code
     * table}.
     */
    public static void reduce(
            Path original, String table, long[] ids, Path reduced, Map<String, String> provenance)
            throws IOException {
        long[] kept =
                new TreeSet<>(Arrays.stream(ids).boxed().toList())
                        .stream().mapToLong(Long::longValue).toArray();
        SafetensorsWriter writer = new SafetensorsWriter();
        try (SafetensorsReader in = SafetensorsReader.open(original)) {
            writer.metadata(in.metadata());
            for (String name : in.names()) {
                TensorInfo info = in.info(name);
                if (info.dtype() != DType.F32) {
                    throw new IOException(
                            name + ": only F32 tensors are expected, got " + info.dtype());
                }
                if (!name.equals(table)) {
                    writer.putFloats(name, info.shape(), in.floats(name));
                    continue;
                }
                int width = Math.toIntExact(info.shape()[1]);
                float[] all = in.floats(name);
                float[] rows = new float[kept.length * width];
                for (int r = 0; r < kept.length; r++) {
                    System.arraycopy(all, Math.toIntExact(kept[r] * width), rows, r * width, width);
                }
                writer.putFloats(name + ".rows", new long[] {kept.length, width}, rows);
                writer.putLongs(name + ".row_ids", new long[] {kept.length}, kept);
                writer.metadata(TENSOR_KEY, name)
                        .metadata(SHAPE_KEY, info.shape()[0] + "," + info.shape()[1]);
            }
        }
        writer.metadata(provenance);
        writer.write(reduced);
    }

    /**
     * Writes the full-vocabulary checkpoint of {@code reduced} to {@code full}; rows not kept are
     * zero.
     */
    public static void expand(Path reduced, Path full) throws IOException {
        SafetensorsWriter writer = new SafetensorsWriter();
        try (SafetensorsReader in = SafetensorsReader.open(reduced)) {
            String table = in.metadata().get(TENSOR_KEY);
            String shape = in.metadata().get(SHAPE_KEY);
            if (table == null || shape == null) {
                throw new IOException(
                        reduced
                                + " is not a reduced checkpoint (no "
                                + TENSOR_KEY
                                + "/"
                                + SHAPE_KEY
                                + " metadata)");
            }
            String[] dims = shape.split(",");
            long vocab = Long.parseLong(dims[0].strip());
            int width = Integer.parseInt(dims[1].strip());
            for (String name : in.names()) {
                if (name.equals(table + ".row_ids")) {
                    continue;
                }
                if (!name.equals(table + ".rows")) {
                    writer.putFloats(name, in.info(name).shape(), in.floats(name));
                    continue;
                }
                float[] rows = in.floats(name);
                long[] ids = in.longs(table + ".row_ids");
                float[] all = new float[Math.toIntExact(vocab * width)];
                for (int r = 0; r < ids.length; r++) {
                    System.arraycopy(rows, r * width, all, Math.toIntExact(ids[r] * width), width);
                }
                writer.putFloats(table, new long[] {vocab, width}, all);
            }
            // The expanded file is a plain checkpoint: only the original's own metadata goes with
            // it.
            in.metadata()
                    .forEach(
                            (k, v) -> {
                                if (k.equals("format")) {
                                    writer.metadata(k, v);
                                }
                            });
        }
        writer.write(full);
    }
}
