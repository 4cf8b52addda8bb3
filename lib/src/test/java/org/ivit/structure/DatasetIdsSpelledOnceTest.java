package org.ivit.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ivit.ReferenceFiles;
import org.ivit.data.Datasets;
import org.junit.jupiter.api.Test;

/**
 * Each registered dataset id is spelled as a string literal in exactly one main source file (its
 * recipe); everything else reads the registry ({@link Datasets}). Comments may name them. The
 * template-key bug of issue 11 came from ids copied into several files.
 */
class DatasetIdsSpelledOnceTest {
    @Test
    void eachDatasetIdIsSpelledInOneMainSourceFile() throws IOException {
        assertTrue(Datasets.ids().size() >= 5, Datasets.ids().toString());
        Map<String, List<String>> spelled = literalsIn(mainSources(), Datasets.ids());
        spelled.forEach(
                (id, files) ->
                        assertEquals(
                                1,
                                files.size(),
                                "dataset id \"" + id + "\" is spelled in " + files));
    }

    /** The check itself: a second spelling of an id in another file is found, comments are not. */
    @Test
    void theScanFindsASecondSpellingAndIgnoresComments() {
        String code =
                "class A { String a = \"caltech101\"; // \"oxford_pets\"\n /* \"flowers102\" */ String u = \"x://y\"; }";
        assertEquals(List.of("\"caltech101\"", "\"x://y\""), stringLiterals(code));
    }

    private static List<Path> mainSources() throws IOException {
        Path root = ReferenceFiles.projectRoot();
        List<Path> files = new ArrayList<>();
        for (Path dir :
                List.of(
                        root.resolve("lib/src/main/java"),
                        root.resolve("environment/kernel/src/main/java"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
                }
            }
        }
        assertTrue(files.size() > 100, "main sources not found under " + root);
        return files;
    }

    private static Map<String, List<String>> literalsIn(List<Path> files, List<String> ids)
            throws IOException {
        Map<String, List<String>> spelled = new TreeMap<>();
        ids.forEach(id -> spelled.put(id, new ArrayList<>()));
        for (Path file : files) {
            List<String> literals = stringLiterals(Files.readString(file));
            for (String id : ids) {
                if (literals.contains("\"" + id + "\"")) {
                    spelled.get(id).add(file.getFileName().toString());
                }
            }
        }
        return spelled;
    }

    /** The string literals of Java source, quotes included, outside comments. */
    static List<String> stringLiterals(String code) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (code.startsWith("//", i)) {
                i = code.indexOf('\n', i) < 0 ? code.length() : code.indexOf('\n', i);
            } else if (code.startsWith("/*", i)) {
                i = code.indexOf("*/", i + 2) < 0 ? code.length() : code.indexOf("*/", i + 2) + 2;
            } else if (c == '\'') {
                i = code.charAt(i + 1) == '\\' ? code.indexOf('\'', i + 3) + 1 : i + 3;
            } else if (c == '"') {
                int end = i + 1;
                while (end < code.length() && code.charAt(end) != '"') {
                    end += code.charAt(end) == '\\' ? 2 : 1;
                }
                out.add(code.substring(i, Math.min(end + 1, code.length())));
                i = end + 1;
            } else {
                i++;
            }
        }
        return out;
    }
}
