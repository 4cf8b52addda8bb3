package org.ivit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the project's folders are, for notebooks, the CLI, the library and tests alike: the one
 * resolver of the project, data, weights and results folders. The root comes from {@code
 * -Divit.project.root} (environment/ivit and Maven set it) or {@code IVIT_PROJECT_ROOT}, else it is
 * found by walking up from the working directory (notebooks run in {@code notebooks/}), so
 * notebooks also work on IJava or JJava. A command's {@code --data-dir} or {@code --weights-dir}
 * goes through {@link #dataDir(Path)} and {@link #weightsDir(Path)}.
 */
public final class Project {
    private Project() {}

    public static Path root() {
        String configured =
                System.getProperty("ivit.project.root", System.getenv("IVIT_PROJECT_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("notebooks"))
                    && Files.isDirectory(p.resolve("lib"))
                    && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "cannot find the project root from "
                        + Path.of("").toAbsolutePath()
                        + "; set IVIT_PROJECT_ROOT");
    }

    /** The environment variable naming the data folder. */
    /**
     * A path as printed to people: relative to the project when inside it, so logs and committed
     * notebooks name no machine's folders; unchanged when outside it or when no root can be found.
     */
    public static Path shown(Path path) {
        try {
            Path root = root();
            Path absolute = path.toAbsolutePath().normalize();
            return absolute.startsWith(root) ? root.relativize(absolute) : path;
        } catch (IllegalStateException e) {
            return path;
        }
    }

    public static final String DATA_DIR_ENV = "IVIT_DATA_DIR";

    /** {@code IVIT_DATA_DIR}, else {@code <root>/data}. */
    public static Path dataDir() {
        return fromEnv(DATA_DIR_ENV, "data");
    }

    /**
     * The folder a command was given ({@code --data-dir}), else {@link #dataDir()}; absolute and
     * normalised.
     */
    public static Path dataDir(Path explicit) {
        return (explicit != null ? explicit : dataDir()).toAbsolutePath().normalize();
    }

    /** {@code IVIT_WEIGHTS_DIR}, else {@code <root>/weights}. */
    public static Path weightsDir() {
        return fromEnv("IVIT_WEIGHTS_DIR", "weights");
    }

    /** The folder a command was given ({@code --weights-dir}), else {@link #weightsDir()}. */
    public static Path weightsDir(Path explicit) {
        return explicit != null ? explicit : weightsDir();
    }

    /** {@code IVIT_RESULTS_DIR}, else {@code <root>/results}. */
    public static Path resultsDir() {
        return fromEnv("IVIT_RESULTS_DIR", "results");
    }

    /**
     * The reference vectors: {@code IVIT_REFERENCE_DIR}, else the copy vendored in the checkout,
     * {@code <root>/lib/src/test/resources/reference} (its README says what it holds; the ViT files
     * are there as they were made, the CLIP checkpoints in a reduced form that the tests expand).
     */
    public static Path referenceDir() {
        String env = System.getenv("IVIT_REFERENCE_DIR");
        return env != null && !env.isBlank()
                ? Path.of(env).toAbsolutePath()
                : root().resolve("lib/src/test/resources/reference");
    }

    private static Path fromEnv(String variable, String defaultFolder) {
        String env = System.getenv(variable);
        return env != null && !env.isBlank()
                ? Path.of(env).toAbsolutePath()
                : root().resolve(defaultFolder);
    }
}
