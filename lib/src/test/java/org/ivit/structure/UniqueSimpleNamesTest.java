package org.ivit.structure;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ivit.Project;
import org.junit.jupiter.api.Test;

/**
 * One type per concept: no two top-level main classes of the library share a simple name (two
 * {@code LabeledImage}s or {@code RgbImage}s in different packages made call sites guess which one
 * they had), and none shadows a DJL class the library uses under the same name.
 */
class UniqueSimpleNamesTest {
    /** DJL types whose names a library class must not take (it once had its own TopKAccuracy). */
    private static final List<String> DJL_NAMES =
            List.of(
                    "TopKAccuracy",
                    "Accuracy",
                    "Loss",
                    "Evaluator",
                    "Dataset",
                    "Batch",
                    "Trainer",
                    "Model",
                    "Block",
                    "Parameter",
                    "Shape",
                    "NDArray",
                    "NDList",
                    "Image");

    @Test
    void noTwoMainClassesShareASimpleName() throws IOException, URISyntaxException {
        Path classes =
                Path.of(Project.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, List<String>> byName = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace('\\', '/'))
                    .filter(
                            f ->
                                    !f.contains("$")
                                            && !f.endsWith("package-info.class")
                                            && !f.endsWith("module-info.class"))
                    .forEach(
                            f -> {
                                String qualified =
                                        f.substring(0, f.length() - ".class".length())
                                                .replace('/', '.');
                                String simple = qualified.substring(qualified.lastIndexOf('.') + 1);
                                byName.computeIfAbsent(simple, k -> new ArrayList<>())
                                        .add(qualified);
                            });
        }
        assertTrue(byName.size() > 100, "scanned " + classes + ": " + byName.size() + " classes");
        List<String> clashes = new ArrayList<>();
        byName.forEach(
                (simple, qualified) -> {
                    if (qualified.size() > 1) {
                        clashes.add(simple + " " + qualified);
                    }
                    if (DJL_NAMES.contains(simple)) {
                        clashes.add(simple + " shadows DJL's " + simple + ": " + qualified);
                    }
                });
        assertTrue(
                clashes.isEmpty(),
                "main classes sharing a simple name:\n" + String.join("\n", clashes));
    }
}
