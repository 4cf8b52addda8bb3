package org.ivit.cli;

import java.nio.file.Path;

/** Where data and weights live unless a command is told otherwise. */
final class DefaultDirs {
    private DefaultDirs() {}

    /** The checkout ({@code -Divit.project.root}, set by environment/ivit), else the working directory. */
    static Path projectRoot() {
        String root = System.getProperty("ivit.project.root");
        return Path.of(root != null ? root : "").toAbsolutePath();
    }

    /** {@code $IVIT_DATA_DIR}, else {@code <root>/data}. */
    static Path data() {
        String env = System.getenv("IVIT_DATA_DIR");
        return env != null && !env.isBlank() ? Path.of(env) : projectRoot().resolve("data");
    }

    /** {@code $IVIT_WEIGHTS_DIR}, else {@code <root>/weights}. */
    static Path weights() {
        String env = System.getenv("IVIT_WEIGHTS_DIR");
        return env != null && !env.isBlank() ? Path.of(env) : projectRoot().resolve("weights");
    }
}
