package org.ivit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the project's folders are, for notebooks, the CLI and tests alike. The root comes from
 * {@code -Divit.project.root} or {@code IVIT_PROJECT_ROOT}, else it is found by walking up from the
 * working directory (notebooks run in {@code notebooks/}), so notebooks also work on IJava or JJava.
 */
public final class Project {
    private Project() {}

    public static Path root() {
        String configured = System.getProperty("ivit.project.root", System.getenv("IVIT_PROJECT_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("notebooks")) && Files.isDirectory(p.resolve("lib"))
                    && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the project root from " + Path.of("").toAbsolutePath()
                + "; set IVIT_PROJECT_ROOT");
    }

    /** {@code IVIT_DATA_DIR}, else {@code <root>/data}. */
    public static Path dataDir() {
        return fromEnv("IVIT_DATA_DIR", "data");
    }

    /** {@code IVIT_WEIGHTS_DIR}, else {@code <root>/weights}. */
    public static Path weightsDir() {
        return fromEnv("IVIT_WEIGHTS_DIR", "weights");
    }

    /** {@code IVIT_RESULTS_DIR}, else {@code <root>/results}. */
    public static Path resultsDir() {
        return fromEnv("IVIT_RESULTS_DIR", "results");
    }

    /**
     * The reference vectors: {@code IVIT_REFERENCE_DIR}, else the copy vendored in the checkout,
     * {@code <root>/lib/src/test/resources/reference} (its README says what it holds; the ViT files are
     * there as they were made, the CLIP checkpoints in a reduced form that the tests expand).
     */
    public static Path referenceDir() {
        String env = System.getenv("IVIT_REFERENCE_DIR");
        return env != null && !env.isBlank() ? Path.of(env).toAbsolutePath()
                : root().resolve("lib/src/test/resources/reference");
    }

    private static Path fromEnv(String variable, String defaultFolder) {
        String env = System.getenv(variable);
        return env != null && !env.isBlank() ? Path.of(env).toAbsolutePath() : root().resolve(defaultFolder);
    }
}
