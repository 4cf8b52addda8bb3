package org.ivit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the independent reference vectors live: {@code ../shared/reference} beside the checkout. */
public final class ReferenceFiles {
    private ReferenceFiles() {}

    public static Path projectRoot() {
        String root = System.getProperty("ivit.project.root");
        return root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    }

    public static Path dir() {
        String override = System.getenv("IVIT_REFERENCE_DIR");
        Path dir = override != null ? Path.of(override) : projectRoot().resolve("../shared/reference").normalize();
        assertTrue(Files.isDirectory(dir), "reference vectors not found at " + dir
                + " (set IVIT_REFERENCE_DIR to the folder holding vit-tiny.safetensors)");
        return dir;
    }

    public static Path file(String name) {
        return dir().resolve(name);
    }
}
