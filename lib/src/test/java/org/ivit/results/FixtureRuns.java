package org.ivit.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * The fixture runs under test resources, copied into a temporary {@code results/runs} with known
 * ages: every summary is a day old, except {@code p-ivit-full-caltech-new}, written an hour later
 * than its rival {@code p-ivit-full-caltech-old} (whose test top-1 is lower).
 */
final class FixtureRuns {
    static final Instant OLD = Instant.parse("2024-03-01T10:00:00Z");
    static final Instant NEW = Instant.parse("2024-03-01T11:00:00Z");

    private FixtureRuns() {}

    /**
     * Returns the results folder; its {@code runs/} holds the fixtures and it has no {@code
     * paper/}.
     */
    static Path resultsDir(Path tmp) {
        Path results = tmp.resolve("results");
        Path runs = results.resolve("runs");
        try (Stream<Path> files = Files.walk(source())) {
            for (Path from : files.toList()) {
                Path to = runs.resolve(source().relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
            try (Stream<Path> dirs = Files.list(runs)) {
                for (Path dir : dirs.toList()) {
                    Instant age =
                            dir.getFileName().toString().equals("p-ivit-full-caltech-new")
                                    ? NEW
                                    : OLD;
                    Files.setLastModifiedTime(dir.resolve("summary.json"), FileTime.from(age));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return results;
    }

    static Path runsDir(Path tmp) {
        return resultsDir(tmp).resolve("runs");
    }

    private static Path source() {
        try {
            return Path.of(FixtureRuns.class.getResource("runs").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
