package org.ivit.data.prepare;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads the gzipped IDX files of (Fashion-)MNIST: unsigned bytes with a big-endian header. */
public final class IdxFile {
    private static final int UBYTE_VECTOR = 0x00000801;
    private static final int UBYTE_IMAGES = 0x00000803;

    /** {@code count} images of {@code rows}×{@code cols} grey pixels, one after the other. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
        public byte[] image(int index) {
            int size = rows * cols;
            byte[] one = new byte[size];
            System.arraycopy(pixels, index * size, one, 0, size);
            return one;
        }
    }

    private IdxFile() {}

    public static Images readImages(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != UBYTE_IMAGES) {
                throw new PrepareException(
                        file.getFileName()
                                + ": not an IDX image file (magic 0x"
                                + Integer.toHexString(magic)
                                + ", expected 0x803)");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0
                    || rows <= 0
                    || cols <= 0
                    || (long) count * rows * cols > Integer.MAX_VALUE - 8) {
                throw new PrepareException(
                        file.getFileName()
                                + ": implausible IDX dimensions "
                                + count
                                + "x"
                                + rows
                                + "x"
                                + cols);
            }
            byte[] pixels = new byte[count * rows * cols];
            readAll(in, pixels, file);
            return new Images(count, rows, cols, pixels);
        }
    }

    public static byte[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != UBYTE_VECTOR) {
                throw new PrepareException(
                        file.getFileName()
                                + ": not an IDX label file (magic 0x"
                                + Integer.toHexString(magic)
                                + ", expected 0x801)");
            }
            int count = in.readInt();
            if (count < 0) {
                throw new PrepareException(file.getFileName() + ": negative label count");
            }
            byte[] labels = new byte[count];
            readAll(in, labels, file);
            return labels;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        return new DataInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw);
    }

    private static void readAll(DataInputStream in, byte[] into, Path file) throws IOException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw new PrepareException(
                    file.getFileName() + " is truncated: fewer values than its header promises", e);
        }
    }
}
