package org.ivit.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Opens one member of a zip archive as a stream (e.g. the tar.gz nested in Caltech-101's zip),
 * refusing members that are symbolic links. java.util.zip hides the Unix file mode, so the central
 * directory is read here to find it.
 */
public final class ZipMember implements AutoCloseable {
    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int UNIX_HOST = 3;
    private static final int FILE_TYPE_MASK = 0xF000;
    private static final int SYMLINK_TYPE = 0xA000;

    private final ZipFile zip;
    private final ZipEntry entry;

    private ZipMember(ZipFile zip, ZipEntry entry) {
        this.zip = zip;
        this.entry = entry;
    }

    /**
     * Opens the first regular member whose name passes {@code wanted}; throws when there is none.
     */
    public static ZipMember open(Path zipFile, Predicate<String> wanted, String whatIsWanted)
            throws IOException {
        Map<String, Integer> modes = unixModes(zipFile);
        ZipFile zip = new ZipFile(zipFile.toFile());
        try {
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory() || !wanted.test(e.getName())) {
                    continue;
                }
                Integer mode = modes.get(e.getName());
                if (mode != null && (mode & FILE_TYPE_MASK) == SYMLINK_TYPE) {
                    throw new UnsafeArchiveException(
                            zipFile.getFileName()
                                    + " holds '"
                                    + e.getName()
                                    + "' as a symbolic link; links are refused");
                }
                return new ZipMember(zip, e);
            }
            throw new IOException(zipFile.getFileName() + " does not contain " + whatIsWanted);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    public String name() {
        return entry.getName();
    }

    public InputStream stream() throws IOException {
        return zip.getInputStream(entry);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** Unix mode of each member made on a Unix host, from the central directory. */
    static Map<String, Integer> unixModes(Path zipFile) throws IOException {
        try (FileChannel channel = FileChannel.open(zipFile, StandardOpenOption.READ)) {
            long size = channel.size();
            int tailLength = (int) Math.min(size, 22 + 65535);
            ByteBuffer tail = read(channel, size - tailLength, tailLength);
            int eocd = -1;
            for (int i = tailLength - 22; i >= 0; i--) {
                if (tail.getInt(i) == END_OF_CENTRAL_DIRECTORY) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                throw new IOException(
                        zipFile.getFileName() + " is not a zip archive (no central directory)");
            }
            long directorySize = Integer.toUnsignedLong(tail.getInt(eocd + 12));
            long directoryOffset = Integer.toUnsignedLong(tail.getInt(eocd + 16));
            if (directoryOffset == 0xFFFFFFFFL || directorySize == 0xFFFFFFFFL) {
                long locator = size - tailLength + eocd - 20;
                ByteBuffer loc = read(channel, locator, 20);
                if (loc.getInt(0) != ZIP64_LOCATOR) {
                    throw new IOException(zipFile.getFileName() + ": zip64 locator missing");
                }
                ByteBuffer end = read(channel, loc.getLong(8), 56);
                if (end.getInt(0) != ZIP64_END) {
                    throw new IOException(zipFile.getFileName() + ": zip64 end record missing");
                }
                directorySize = end.getLong(40);
                directoryOffset = end.getLong(48);
            }
            if (directorySize > Integer.MAX_VALUE || directoryOffset + directorySize > size) {
                throw new IOException(zipFile.getFileName() + ": central directory out of range");
            }
            ByteBuffer dir = read(channel, directoryOffset, (int) directorySize);
            Map<String, Integer> modes = new LinkedHashMap<>();
            int pos = 0;
            while (pos + 46 <= dir.limit() && dir.getInt(pos) == CENTRAL_HEADER) {
                int madeBy = Short.toUnsignedInt(dir.getShort(pos + 4));
                int nameLength = Short.toUnsignedInt(dir.getShort(pos + 28));
                int extraLength = Short.toUnsignedInt(dir.getShort(pos + 30));
                int commentLength = Short.toUnsignedInt(dir.getShort(pos + 32));
                int external = dir.getInt(pos + 38);
                byte[] name = new byte[nameLength];
                dir.get(pos + 46, name);
                if ((madeBy >> 8) == UNIX_HOST) {
                    modes.put(new String(name, StandardCharsets.UTF_8), external >>> 16);
                }
                pos += 46 + nameLength + extraLength + commentLength;
            }
            return modes;
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of zip file");
            }
        }
        return buffer.flip();
    }
}
