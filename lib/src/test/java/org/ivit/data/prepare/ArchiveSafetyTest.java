package org.ivit.data.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.ivit.data.TarBuilder;
import org.ivit.io.ArchiveExtractor;
import org.ivit.io.TarEntry;
import org.ivit.io.TarReader;
import org.ivit.io.UnsafeArchiveException;
import org.ivit.io.ZipMember;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tar reader and the extractor: formats read correctly, and hostile archives refused. */
class ArchiveSafetyTest {
    @TempDir Path tmp;

    private static final String LONG_NAME =
            "images/" + "a_rather_long_folder_name_".repeat(5) + "/image_0001.jpg";

    @Test
    void readsFilesFoldersPaxAndGnuLongNames() throws IOException {
        byte[] tar =
                new TarBuilder()
                        .directory("jpg")
                        .file("jpg/a.jpg", "AAA")
                        .file(LONG_NAME, "long")
                        .gnuLongNameFile(LONG_NAME + ".gnu", "gnu".getBytes())
                        .file("jpg/empty.txt", new byte[0])
                        .tar();
        TarReader reader = new TarReader(new ByteArrayInputStream(tar), "test.tar");
        assertEntry(reader, "jpg/", TarEntry.Type.DIRECTORY, "");
        assertEntry(reader, "jpg/a.jpg", TarEntry.Type.FILE, "AAA");
        assertEntry(reader, LONG_NAME, TarEntry.Type.FILE, "long");
        assertEntry(reader, LONG_NAME + ".gnu", TarEntry.Type.FILE, "gnu");
        assertEntry(reader, "jpg/empty.txt", TarEntry.Type.FILE, "");
        assertNull(reader.next());
    }

    @Test
    void readsWhatGnuTarWrites() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")), "GNU tar not installed");
        Path source = tmp.resolve("src");
        Path deep = source.resolve("x".repeat(60)).resolve("y".repeat(60));
        Files.createDirectories(deep);
        byte[] content = new byte[1000];
        new java.util.Random(3).nextBytes(content);
        Files.write(deep.resolve("z".repeat(40) + ".bin"), content);
        for (String format : new String[] {"gnu", "pax", "ustar"}) {
            Path archive = tmp.resolve(format + ".tar.gz");
            Process tar =
                    new ProcessBuilder(
                                    "/usr/bin/tar",
                                    "--format=" + format,
                                    "-czf",
                                    archive.toString(),
                                    "-C",
                                    source.toString(),
                                    ".")
                            .redirectErrorStream(true)
                            .start();
            assertEquals(0, tar.waitFor(), new String(tar.getInputStream().readAllBytes()));
            Path out = tmp.resolve("out-" + format);
            ArchiveExtractor.extract(archive, out);
            assertArrayEquals(
                    content,
                    Files.readAllBytes(
                            out.resolve(source.relativize(deep)).resolve("z".repeat(40) + ".bin")));
        }
    }

    @Test
    void refusesParentPathsAbsolutePathsAndLinks() throws IOException {
        assertRefused(
                new TarBuilder().file("ok.txt", "ok").file("a/../../evil.txt", "x"), "climbs out");
        assertRefused(new TarBuilder().file("/etc/evil.txt", "x"), "absolute path");
        assertRefused(new TarBuilder().symlink("images/link.jpg", "/etc/passwd"), "link");
        assertRefused(new TarBuilder().hardlink("images/hard.jpg", "../../secret"), "link");
        assertFalse(Files.exists(tmp.resolve("evil.txt")));
        assertFalse(Files.exists(tmp.resolve("out/images/link.jpg")));
    }

    @Test
    void cleanNamesKeepDotSegmentsOut() throws IOException {
        assertEquals("a/b.jpg", ArchiveExtractor.safeRelativeName("./a//b.jpg", "t"));
        assertEquals("", ArchiveExtractor.safeRelativeName("./", "t"));
        assertThrows(
                UnsafeArchiveException.class,
                () -> ArchiveExtractor.safeRelativeName("..\\x", "t"));
        assertThrows(
                UnsafeArchiveException.class, () -> ArchiveExtractor.safeRelativeName("C:/x", "t"));
    }

    @Test
    void damagedArchivesFailClearly() {
        byte[] tar = new TarBuilder().file("a.txt", "x".repeat(2000)).tar();
        byte[] truncated = java.util.Arrays.copyOf(tar, 1024);
        EOFException eof = assertThrows(EOFException.class, () -> readAll(truncated));
        assertTrue(eof.getMessage().contains("truncated"));
        byte[] garbage =
                "definitely not a tar archive".repeat(40).getBytes(StandardCharsets.US_ASCII);
        IOException bad = assertThrows(IOException.class, () -> readAll(garbage));
        assertTrue(bad.getMessage().contains("checksum"), bad.getMessage());
    }

    @Test
    void zipMemberRefusesSymlinkEntries() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("caltech-101/101_ObjectCategories.tar.gz"));
            zip.write("/etc/passwd".getBytes());
            zip.closeEntry();
        }
        byte[] data = bytes.toByteArray();
        Path plain = tmp.resolve("plain.zip");
        Files.write(plain, data);
        try (ZipMember member = ZipMember.open(plain, n -> n.endsWith(".tar.gz"), "the tar.gz")) {
            assertEquals("caltech-101/101_ObjectCategories.tar.gz", member.name());
        }
        markFirstCentralEntryAsUnixSymlink(data);
        Path linked = tmp.resolve("linked.zip");
        Files.write(linked, data);
        UnsafeArchiveException e =
                assertThrows(
                        UnsafeArchiveException.class,
                        () -> ZipMember.open(linked, n -> n.endsWith(".tar.gz"), "the tar.gz"));
        assertTrue(e.getMessage().contains("symbolic link"));
    }

    /** Sets "made by Unix" and mode 0120777 (symlink) in the first central directory header. */
    private static void markFirstCentralEntryAsUnixSymlink(byte[] zip) {
        for (int i = 0; i + 4 < zip.length; i++) {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 0x01 && zip[i + 3] == 0x02) {
                zip[i + 5] = 3;
                int mode = 0120777 << 16;
                zip[i + 38] = (byte) mode;
                zip[i + 39] = (byte) (mode >>> 8);
                zip[i + 40] = (byte) (mode >>> 16);
                zip[i + 41] = (byte) (mode >>> 24);
                return;
            }
        }
        throw new AssertionError("no central directory header");
    }

    private void assertRefused(TarBuilder archive, String expected) throws IOException {
        Path file = tmp.resolve("hostile.tar.gz");
        Files.write(file, archive.tarGz());
        UnsafeArchiveException e =
                assertThrows(
                        UnsafeArchiveException.class,
                        () -> ArchiveExtractor.extract(file, tmp.resolve("out")));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static void readAll(byte[] tar) throws IOException {
        TarReader reader = new TarReader(new ByteArrayInputStream(tar), "damaged.tar");
        while (reader.next() != null) {
            reader.content().readAllBytes();
        }
    }

    private static void assertEntry(
            TarReader reader, String name, TarEntry.Type type, String content) throws IOException {
        TarEntry entry = reader.next();
        assertEquals(name, entry.name());
        assertEquals(type, entry.type());
        assertEquals(content, new String(reader.content().readAllBytes(), StandardCharsets.UTF_8));
    }
}
