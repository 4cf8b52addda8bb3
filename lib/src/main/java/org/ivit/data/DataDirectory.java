package org.ivit.data;

import java.nio.file.Path;

/**
 * Where prepared datasets live: the --data-dir option if given, else the environment variable
 * {@code IVIT_DATA_DIR}, else {@code <repo>/data} (the launcher passes the repository root as the
 * system property {@code ivit.project.root}), else {@code ./data}.
 */
public final class DataDirectory {
    public static final String ENV = "IVIT_DATA_DIR";

    private DataDirectory() {
    }

    public static Path resolve(Path explicit) {
        if (explicit != null) {
            return explicit.toAbsolutePath().normalize();
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        String root = System.getProperty("ivit.project.root");
        Path base = root != null && !root.isBlank() ? Path.of(root) : Path.of("");
        return base.resolve("data").toAbsolutePath().normalize();
    }
}
