package org.ivit.kernel;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the repository from a test, whichever folder Maven runs it in. */
final class ProjectFiles {

    private ProjectFiles() {}

    static Path root() {
        String configured = System.getProperty("ivit.project.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "environment"))) {
            return Path.of(configured).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("environment/kernelspec"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "cannot find the repository root from " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
