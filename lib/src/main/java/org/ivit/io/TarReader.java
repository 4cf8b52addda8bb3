package org.ivit.io;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Streams the members of an uncompressed tar archive (ustar, GNU and pax formats). Reads only what
 * dataset archives need: regular files, folders, GNU long names ('L') and pax 'path'/'size'
 * records. Links and device entries are reported with their type so the caller can refuse them.
 * Every header's checksum is verified, so a file that is not a tar archive fails at once.
 */
public final class TarReader implements Closeable {
    private static final int BLOCK = 512;

    /** Long-name and pax records larger than this are not names: refuse rather than allocate. */
    private static final long MAX_META_BYTES = 1 << 20;

    private final InputStream in;
    private final String archiveName;
    private long offset;
    private long remaining;
    private long padding;
    private boolean finished;

    public TarReader(InputStream in, String archiveName) {
        this.in = in;
        this.archiveName = archiveName;
    }

    /** Returns the next member, or null at the end of the archive. */
    public TarEntry next() throws IOException {
        if (finished) {
            return null;
        }
        skipFully(remaining + padding);
        remaining = 0;
        padding = 0;
        String longName = null;
        String longLink = null;
        Map<String, String> pax = Map.of();
        while (true) {
            byte[] header = readBlockOrEnd();
            if (header == null || isZero(header)) {
                finished = true;
                return null;
            }
            verifyChecksum(header);
            long size = parseNumber(header, 124, 12);
            char flag = (char) (header[156] & 0xff);
            switch (flag) {
                case 'L' -> longName = trimNul(readMeta(size));
                case 'K' -> longLink = trimNul(readMeta(size));
                case 'x' -> pax = parsePax(readMeta(size));
                case 'g' -> readMeta(size); // global pax defaults: nothing we use
                default -> {
                    return member(header, flag, size, longName, longLink, pax);
                }
            }
        }
    }

    /** The content of the member returned last; valid until the next call of {@link #next()}. */
    public InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw truncated();
                }
                remaining -= n;
                offset += n;
                return n;
            }
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private TarEntry member(
            byte[] header,
            char flag,
            long size,
            String longName,
            String longLink,
            Map<String, String> pax)
            throws IOException {
        String name = cString(header, 0, 100);
        if (isUstar(header)) {
            String prefix = cString(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
        }
        if (longName != null) {
            name = longName;
        }
        name = pax.getOrDefault("path", name);
        String link =
                pax.getOrDefault(
                        "linkpath", longLink != null ? longLink : cString(header, 157, 100));
        if (pax.containsKey("size")) {
            size = parsePaxSize(pax.get("size"));
        }
        TarEntry.Type type =
                switch (flag) {
                    case '0', '\0', '7' ->
                            name.endsWith("/") ? TarEntry.Type.DIRECTORY : TarEntry.Type.FILE;
                    case '5' -> TarEntry.Type.DIRECTORY;
                    case '1' -> TarEntry.Type.HARDLINK;
                    case '2' -> TarEntry.Type.SYMLINK;
                    default -> TarEntry.Type.OTHER;
                };
        // Only regular files carry data we read; other members' bytes (if any) are skipped.
        remaining = size;
        padding = (BLOCK - size % BLOCK) % BLOCK;
        return new TarEntry(name, type, size, link);
    }

    private static boolean isUstar(byte[] header) {
        // POSIX "ustar\0" has a 155-byte name prefix; old GNU "ustar  " uses that area otherwise.
        return header[257] == 'u'
                && header[258] == 's'
                && header[259] == 't'
                && header[260] == 'a'
                && header[261] == 'r'
                && header[262] == 0;
    }

    private byte[] readMeta(long size) throws IOException {
        if (size < 0 || size > MAX_META_BYTES) {
            throw new IOException(
                    archiveName
                            + ": tar metadata record of "
                            + size
                            + " bytes at offset "
                            + offset
                            + " is implausible; the archive is damaged");
        }
        byte[] data = new byte[(int) size];
        readFully(data, 0, data.length);
        skipFully((BLOCK - size % BLOCK) % BLOCK);
        return data;
    }

    private Map<String, String> parsePax(byte[] data) throws IOException {
        Map<String, String> records = new HashMap<>();
        int pos = 0;
        while (pos < data.length) {
            int space = pos;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int length;
            try {
                length =
                        Integer.parseInt(
                                new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException(archiveName + ": malformed pax header record");
            }
            if (length <= space - pos
                    || pos + length > data.length
                    || data[pos + length - 1] != '\n') {
                throw new IOException(archiveName + ": malformed pax header record");
            }
            String record =
                    new String(data, space + 1, pos + length - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq <= 0) {
                throw new IOException(
                        archiveName + ": malformed pax header record '" + record + "'");
            }
            records.put(record.substring(0, eq), record.substring(eq + 1));
            pos += length;
        }
        return records;
    }

    private long parsePaxSize(String value) throws IOException {
        try {
            long size = Long.parseLong(value.trim());
            if (size >= 0) {
                return size;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IOException(archiveName + ": bad pax size '" + value + "'");
    }

    /** Octal, NUL/space-terminated; or GNU base-256 when the top bit of the first byte is set. */
    private long parseNumber(byte[] header, int start, int length) throws IOException {
        if ((header[start] & 0x80) != 0) {
            if ((header[start] & 0x40) != 0) {
                throw new IOException(
                        archiveName + ": negative size in tar header at offset " + offset);
            }
            long value = header[start] & 0x3f;
            for (int i = start + 1; i < start + length; i++) {
                if (value > (Long.MAX_VALUE >> 8)) {
                    throw new IOException(archiveName + ": size too large in tar header");
                }
                value = (value << 8) | (header[i] & 0xff);
            }
            return value;
        }
        long value = 0;
        int i = start;
        int end = start + length;
        while (i < end && header[i] == ' ') {
            i++;
        }
        for (; i < end && header[i] != 0 && header[i] != ' '; i++) {
            int digit = header[i] - '0';
            if (digit < 0 || digit > 7) {
                throw new IOException(
                        archiveName + ": bad octal number in tar header at offset " + offset);
            }
            value = value * 8 + digit;
        }
        return value;
    }

    private void verifyChecksum(byte[] header) throws IOException {
        long stored;
        try {
            stored = parseNumber(header, 148, 8);
        } catch (IOException notOctal) {
            stored = -1;
        }
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            boolean inField = i >= 148 && i < 156;
            unsigned += inField ? ' ' : header[i] & 0xff;
            signed += inField ? ' ' : header[i];
        }
        if (stored != unsigned && stored != signed) {
            throw new IOException(
                    archiveName
                            + ": bad tar header checksum at offset "
                            + (offset - BLOCK)
                            + " (not a tar archive, or damaged)");
        }
    }

    private byte[] readBlockOrEnd() throws IOException {
        byte[] block = new byte[BLOCK];
        int got = 0;
        while (got < BLOCK) {
            int n = in.read(block, got, BLOCK - got);
            if (n < 0) {
                if (got == 0) {
                    return null; // some writers omit the two zero blocks at the end
                }
                throw truncated();
            }
            got += n;
        }
        offset += BLOCK;
        return block;
    }

    private void readFully(byte[] data, int off, int len) throws IOException {
        while (len > 0) {
            int n = in.read(data, off, len);
            if (n < 0) {
                throw truncated();
            }
            off += n;
            len -= n;
            offset += n;
        }
    }

    private void skipFully(long count) throws IOException {
        byte[] scratch = new byte[8192];
        while (count > 0) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, count));
            if (n < 0) {
                throw truncated();
            }
            count -= n;
            offset += n;
        }
    }

    private EOFException truncated() {
        return new EOFException(
                archiveName + " is truncated (ends inside a member at offset " + offset + ")");
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String cString(byte[] header, int start, int length) {
        int end = start;
        while (end < start + length && header[end] != 0) {
            end++;
        }
        return new String(header, start, end - start, StandardCharsets.UTF_8);
    }

    private static String trimNul(byte[] data) {
        int end = data.length;
        while (end > 0 && data[end - 1] == 0) {
            end--;
        }
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }
}
