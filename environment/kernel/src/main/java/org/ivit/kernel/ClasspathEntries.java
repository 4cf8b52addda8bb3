package org.ivit.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The extra classpath for cells, read from JJAVA_CLASSPATH and IJAVA_CLASSPATH (the variables JJava
 * and IJava read, so one setting serves all three kernels). Entries are separated by {@link
 * File#pathSeparator}; an entry ending in "/*" means every jar in that folder. Entries that do not
 * exist are reported and skipped: a typo must not kill the kernel.
 */
public final class ClasspathEntries {

    public static final List<String> VARIABLES = List.of("JJAVA_CLASSPATH", "IJAVA_CLASSPATH");

    private ClasspathEntries() {}

    public static List<Path> fromEnvironment(
            Map<String, String> environment, Consumer<String> warnings) {
        Set<Path> paths = new LinkedHashSet<>();
        for (String variable : VARIABLES) {
            String value = environment.get(variable);
            if (value != null) {
                paths.addAll(parse(value, variable, warnings));
            }
        }
        return List.copyOf(paths);
    }

    static List<Path> parse(String value, String source, Consumer<String> warnings) {
        List<Path> paths = new ArrayList<>();
        for (String raw : value.split(File.pathSeparator)) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.endsWith("/*") || entry.endsWith(File.separator + "*")) {
                paths.addAll(
                        jarsIn(Path.of(entry.substring(0, entry.length() - 2)), source, warnings));
            } else {
                Path path = Path.of(entry).toAbsolutePath().normalize();
                if (Files.exists(path)) {
                    paths.add(path);
                } else {
                    warnings.accept(
                            "warning: " + source + " entry does not exist, skipped: " + path);
                }
            }
        }
        return paths;
    }

    private static List<Path> jarsIn(Path folder, String source, Consumer<String> warnings) {
        Path absolute = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            warnings.accept("warning: " + source + " folder does not exist, skipped: " + absolute);
            return List.of();
        }
        try (Stream<Path> files = Files.list(absolute)) {
            List<Path> jars =
                    files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                            .sorted()
                            .toList();
            if (jars.isEmpty()) {
                warnings.accept("warning: " + source + " folder holds no jar: " + absolute);
            }
            return jars;
        } catch (IOException e) {
            warnings.accept(
                    "warning: "
                            + source
                            + " folder cannot be read, skipped: "
                            + absolute
                            + " ("
                            + e.getMessage()
                            + ")");
            return List.of();
        }
    }
}
