package org.ivit.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Writes tar archives for tests, in the layouts real tools produce: ustar headers, pax records for
 * long names (as Python's tarfile and GNU tar --format=pax do), GNU 'L' long names, and the link
 * and path tricks that extraction must refuse.
 */
public final class TarBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public TarBuilder file(String name, byte[] content) {
        if (name.getBytes(StandardCharsets.UTF_8).length > 100) {
            byte[] record = paxRecord("path", name);
            header("././@PaxHeader", 'x', record.length, "");
            data(record);
            header(name.substring(0, 90), '0', content.length, "");
        } else {
            header(name, '0', content.length, "");
        }
        data(content);
        return this;
    }

    public TarBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A long name the old GNU way: a '././@LongLink' member of type 'L' before the real header. */
    public TarBuilder gnuLongNameFile(String name, byte[] content) {
        byte[] longName = (name + "\0").getBytes(StandardCharsets.UTF_8);
        header("././@LongLink", 'L', longName.length, "");
        data(longName);
        header(name.substring(0, 99), '0', content.length, "");
        data(content);
        return this;
    }

    public TarBuilder directory(String name) {
        header(name.endsWith("/") ? name : name + "/", '5', 0, "");
        return this;
    }

    public TarBuilder symlink(String name, String target) {
        header(name, '2', 0, target);
        return this;
    }

    public TarBuilder hardlink(String name, String target) {
        header(name, '1', 0, target);
        return this;
    }

    public byte[] tar() {
        byte[] body = out.toByteArray();
        byte[] all = new byte[body.length + 1024];
        System.arraycopy(body, 0, all, 0, body.length);
        return all;
    }

    public byte[] tarGz() {
        return gzip(tar());
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void header(String name, char type, long size, String link) {
        byte[] h = new byte[512];
        put(h, 0, 100, name);
        put(h, 100, 8, "0000644");
        put(h, 108, 8, "0001750");
        put(h, 116, 8, "0001750");
        put(h, 124, 12, String.format("%011o", size));
        put(h, 136, 12, String.format("%011o", 1_700_000_000L));
        h[156] = (byte) type;
        put(h, 157, 100, link);
        put(h, 257, 6, "ustar");
        put(h, 263, 2, "00");
        put(h, 265, 32, "tester");
        put(h, 297, 32, "tester");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 8, String.format("%06o", sum) + "\0 ");
        out.write(h, 0, 512);
    }

    private void data(byte[] content) {
        out.write(content, 0, content.length);
        int pad = (512 - content.length % 512) % 512;
        out.write(new byte[pad], 0, pad);
    }

    private static byte[] paxRecord(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        int digits = String.valueOf(length).length();
        int total = length + digits;
        if (String.valueOf(total).length() != digits) {
            total++;
        }
        return (total + body).getBytes(StandardCharsets.UTF_8);
    }

    private static void put(byte[] header, int offset, int length, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, offset, Math.min(length, bytes.length));
    }
}
