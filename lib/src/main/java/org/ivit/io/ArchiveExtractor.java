package org.ivit.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Extracts tar and tar.gz archives without trusting them: an entry whose path is absolute or climbs
 * out with "..", and every link or device entry, stops the extraction with an error. Files are
 * opened without following links, so nothing outside the target can be written.
 */
public final class ArchiveExtractor {
    private ArchiveExtractor() {}

    /** Extracts a .tar, .tar.gz or .tgz file into {@code target}; returns the files written. */
    public static List<Path> extract(Path archive, Path target) throws IOException {
        return extract(archive, target, name -> true);
    }

    /**
     * As {@link #extract(Path, Path)}, writing only the entries whose safe relative name passes
     * {@code wanted}.
     */
    public static List<Path> extract(Path archive, Path target, Predicate<String> wanted)
            throws IOException {
        String name = archive.getFileName().toString();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
            InputStream tar = isGzip(name) ? new GZIPInputStream(raw, 1 << 16) : raw;
            return extractTar(tar, name, target, wanted);
        }
    }

    /** Extracts an uncompressed tar stream, e.g. one nested in another archive. */
    public static List<Path> extractTar(
            InputStream tar, String archiveName, Path target, Predicate<String> wanted)
            throws IOException {
        Files.createDirectories(target);
        Path root = target.toRealPath();
        List<Path> written = new ArrayList<>();
        TarReader reader = new TarReader(tar, archiveName);
        for (TarEntry entry; (entry = reader.next()) != null; ) {
            String relative = safeRelativeName(entry.name(), archiveName);
            if (entry.type() == TarEntry.Type.SYMLINK || entry.type() == TarEntry.Type.HARDLINK) {
                throw new UnsafeArchiveException(
                        archiveName
                                + " holds a link '"
                                + entry.name()
                                + "' -> '"
                                + entry.linkTarget()
                                + "'; links are refused, so this archive is not extracted");
            }
            if (entry.type() == TarEntry.Type.OTHER) {
                throw new UnsafeArchiveException(
                        archiveName
                                + " holds '"
                                + entry.name()
                                + "', which is neither a file nor a folder; refused");
            }
            if (relative.isEmpty() || !wanted.test(relative)) {
                continue;
            }
            Path destination = resolveInside(root, relative, archiveName);
            if (entry.type() == TarEntry.Type.DIRECTORY) {
                Files.createDirectories(destination);
                continue;
            }
            Files.createDirectories(destination.getParent());
            if (Files.isSymbolicLink(destination)
                    || Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
                throw new UnsafeArchiveException(
                        archiveName + ": '" + entry.name() + "' would overwrite a link or folder");
            }
            try (OutputStream out =
                    Files.newOutputStream(
                            destination,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS)) {
                reader.content().transferTo(out);
            }
            written.add(destination);
        }
        return written;
    }

    /**
     * The entry name as a clean relative path with '/' separators ("" for the archive's root
     * folder); throws when the name is absolute or contains "..".
     */
    public static String safeRelativeName(String entryName, String archiveName)
            throws UnsafeArchiveException {
        String name = entryName.replace('\\', '/');
        if (name.indexOf('\0') >= 0 || name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new UnsafeArchiveException(
                    archiveName
                            + " holds an absolute path '"
                            + entryName
                            + "'; refused, so nothing outside the target folder is written");
        }
        StringBuilder clean = new StringBuilder();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new UnsafeArchiveException(
                        archiveName
                                + " holds a path that climbs out of its folder: '"
                                + entryName
                                + "'; refused");
            }
            if (clean.length() > 0) {
                clean.append('/');
            }
            clean.append(part);
        }
        return clean.toString();
    }

    private static Path resolveInside(Path root, String relative, String archiveName)
            throws UnsafeArchiveException {
        Path destination = root.resolve(relative).normalize();
        if (!destination.startsWith(root) || destination.equals(root)) {
            throw new UnsafeArchiveException(
                    archiveName + ": '" + relative + "' resolves outside the target folder");
        }
        return destination;
    }

    private static boolean isGzip(String name) {
        String lower = name.toLowerCase();
        return lower.endsWith(".gz") || lower.endsWith(".tgz");
    }
}
