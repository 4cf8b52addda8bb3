package org.ivit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.ivit.reference.ReducedEmbedding;

/**
 * The independent reference vectors, vendored in {@code lib/src/test/resources/reference/} (see its
 * README). Tests read them through {@link #dir()}: a copy under {@code lib/target/} in which the
 * two reduced CLIP checkpoints are expanded to their full-vocabulary form and the bundled {@code
 * tokenizer.json} sits beside the tokenizer configs, so that the folder has the original layout.
 * Nothing outside the checkout is read, and no environment variable redirects it.
 */
public final class ReferenceFiles {
    /** Bumped when the expansion changes, so that an older copy is not reused. */
    private static final String LAYOUT = "expanded-1";

    private static Path expanded;

    private ReferenceFiles() {}

    /**
     * The checkout: the first folder holding {@code pom.xml}, {@code lib/} and {@code notebooks/},
     * from {@code -Divit.project.root} (which Maven sets to the folder it was started in, the root
     * or {@code lib/}) or else the working directory, upwards.
     */
    public static Path projectRoot() {
        String configured = System.getProperty("ivit.project.root");
        Path start =
                (configured != null ? Path.of(configured) : Path.of(""))
                        .toAbsolutePath()
                        .normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml"))
                    && Files.isDirectory(p.resolve("lib"))
                    && Files.isDirectory(p.resolve("notebooks"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "no project root (pom.xml, lib/, notebooks/) at or above " + start);
    }

    /** The vendored folder as committed (the CLIP checkpoints in their reduced form). */
    public static Path vendored() {
        Path dir = projectRoot().resolve("lib/src/test/resources/reference");
        assertTrue(
                Files.isRegularFile(dir.resolve("vit-tiny.json")),
                "vendored reference vectors not found at " + dir);
        return dir;
    }

    /**
     * The reference folder in the original layout, made once per content from {@link #vendored()}.
     */
    public static synchronized Path dir() {
        if (expanded == null) {
            try {
                expanded = expand(vendored(), projectRoot().resolve("lib/target/reference"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return expanded;
    }

    public static Path file(String name) {
        return dir().resolve(name);
    }

    private static Path expand(Path from, Path cache) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(from)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        Path target = cache.resolve(fingerprint(from, files));
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(cache);
        Path tmp = Files.createTempDirectory(cache, "partial-");
        try {
            for (Path f : files) {
                String relative = from.relativize(f).toString();
                Path out = tmp.resolve(relative);
                Files.createDirectories(out.getParent());
                if (relative.endsWith(ReducedEmbedding.SUFFIX)) {
                    ReducedEmbedding.expand(
                            f,
                            tmp.resolve(relative.replace(ReducedEmbedding.SUFFIX, ".safetensors")));
                } else {
                    Files.copy(f, out);
                }
            }
            try (InputStream tokenizer =
                    ReferenceFiles.class.getResourceAsStream("/org/ivit/clip/tokenizer.json")) {
                assertTrue(
                        tokenizer != null,
                        "the bundled org/ivit/clip/tokenizer.json is not on the class path");
                Files.copy(tokenizer, tmp.resolve("tokenizer.json"));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                // another test JVM made the same copy first; it is identical
            }
        } finally {
            if (Files.exists(tmp)) {
                try (Stream<Path> s = Files.walk(tmp)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
        return target;
    }

    private static String fingerprint(Path from, List<Path> files) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(LAYOUT.getBytes());
            for (Path f : files) {
                sha.update(from.relativize(f).toString().getBytes());
                sha.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
