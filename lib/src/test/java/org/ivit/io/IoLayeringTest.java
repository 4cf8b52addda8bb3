package org.ivit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code org.ivit.io} sits below {@code org.ivit.model}: the models read safetensors and timm
 * checkpoints through it, so nothing in it may name the model packages (a package cycle). Checked
 * on the sources, with comments and string literals left out, so an import, a fully qualified name
 * or a static import all count.
 */
class IoLayeringTest {
    private static final Path IO_SOURCES = Path.of("src/main/java/org/ivit/io");
    private static final String MODEL_PACKAGE = "org.ivit.model";

    @Test
    void noClassOfTheIoPackageNamesTheModelPackages() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(IO_SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(
                sources.contains(IO_SOURCES.resolve("WeightRepository.java")),
                "no io sources found under " + IO_SOURCES.toAbsolutePath());
        List<String> offenders = new ArrayList<>();
        for (Path source : sources) {
            if (namesModelPackage(Files.readString(source))) {
                offenders.add(source.getFileName().toString());
            }
        }
        assertEquals(List.of(), offenders, "classes of org.ivit.io that use " + MODEL_PACKAGE);
    }

    @Test
    void theCheckSeesCodeAndIgnoresCommentsAndStrings() {
        assertTrue(namesModelPackage("package org.ivit.io;\nimport org.ivit.model.VitFamily;\n"));
        assertTrue(namesModelPackage("import static org.ivit.model.ModelFamilies.checkpoints;"));
        assertTrue(namesModelPackage("var x = org.ivit.model.deit.DeitFamily.BASE;"));
        assertTrue(namesModelPackage("import org.ivit . model.VitFamily;"), "spaces between");
        assertFalse(
                namesModelPackage(
                        "/** see {@code org.ivit.model.ModelFamily} */\n"
                                + "// org.ivit.model.VitFamily\n"
                                + "String s = \"org.ivit.model\"; char c = '\"';\n"
                                + "String t = \"\"\"\n  org.ivit.model.X\n  \"\"\";\n"
                                + "import org.ivit.modelling.Other;"));
    }

    /** True when the code (not its comments or literals) names {@code org.ivit.model} or below. */
    static boolean namesModelPackage(String source) {
        // Java allows blanks around the dots of a qualified name
        String code = withoutCommentsAndLiterals(source).replaceAll("\\s*\\.\\s*", ".");
        int at = code.indexOf(MODEL_PACKAGE);
        while (at >= 0) {
            int end = at + MODEL_PACKAGE.length();
            boolean wholeName =
                    (at == 0 || !Character.isJavaIdentifierPart(code.charAt(at - 1)))
                            && (end == code.length()
                                    || !Character.isJavaIdentifierPart(code.charAt(end)));
            if (wholeName) {
                return true;
            }
            at = code.indexOf(MODEL_PACKAGE, end);
        }
        return false;
    }

    /** The source with comments and string, text-block and char literals replaced by a space. */
    private static String withoutCommentsAndLiterals(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end;
                out.append(' ');
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
                out.append(' ');
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                i = end < 0 ? s.length() : end + 3;
                out.append(' ');
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                char quote = s.charAt(i);
                i++;
                while (i < s.length() && s.charAt(i) != quote) {
                    i += s.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                out.append(' ');
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }
}
