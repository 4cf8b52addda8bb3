package org.ivit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathEntriesTest {

    @TempDir Path dir;

    @Test
    void readsBothVariablesInOrderWithoutDuplicates() throws IOException {
        Path a = Files.createFile(dir.resolve("a.jar"));
        Path b = Files.createFile(dir.resolve("b.jar"));
        List<String> warnings = new ArrayList<>();
        List<Path> paths =
                ClasspathEntries.fromEnvironment(
                        Map.of(
                                "JJAVA_CLASSPATH",
                                a + File.pathSeparator + b,
                                "IJAVA_CLASSPATH",
                                b.toString()),
                        warnings::add);
        assertEquals(List.of(a, b), paths);
        assertEquals(List.of(), warnings);
    }

    @Test
    void aFolderStarMeansEveryJarInIt() throws IOException {
        Path libs = Files.createDirectory(dir.resolve("libs"));
        Path z = Files.createFile(libs.resolve("z.jar"));
        Path a = Files.createFile(libs.resolve("a.jar"));
        Files.createFile(libs.resolve("notes.txt"));
        List<Path> paths =
                ClasspathEntries.fromEnvironment(Map.of("IJAVA_CLASSPATH", libs + "/*"), w -> {});
        assertEquals(List.of(a, z), paths);
    }

    @Test
    void missingEntriesAreWarnedAboutByPathAndSkipped() throws IOException {
        Path real = Files.createFile(dir.resolve("real.jar"));
        Path missing = dir.resolve("missing.jar");
        Path missingFolder = dir.resolve("nowhere");
        List<String> warnings = new ArrayList<>();
        List<Path> paths =
                ClasspathEntries.fromEnvironment(
                        Map.of(
                                "JJAVA_CLASSPATH",
                                missing
                                        + File.pathSeparator
                                        + real
                                        + File.pathSeparator
                                        + missingFolder
                                        + "/*"),
                        warnings::add);
        assertEquals(List.of(real), paths);
        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(
                warnings.get(0).contains(missing.toString())
                        && warnings.get(0).contains("JJAVA_CLASSPATH"),
                warnings.get(0));
        assertTrue(warnings.get(1).contains(missingFolder.toString()), warnings.get(1));
    }

    @Test
    void noVariablesMeansNoExtraClasspath() {
        assertEquals(List.of(), ClasspathEntries.fromEnvironment(Map.of(), w -> {}));
    }

    @Test
    void classesFromTheClasspathAreUsableInCells() throws Exception {
        Path classes = Files.createDirectory(dir.resolve("classes"));
        Path source = Files.createDirectories(dir.resolve("src/demo")).resolve("Greeter.java");
        Files.writeString(
                source,
                "package demo; public class Greeter { public static String hello() { return \"hello from jar\"; } }");
        int exit =
                javax.tools.ToolProvider.getSystemJavaCompiler()
                        .run(null, null, null, "-d", classes.toString(), source.toString());
        assertEquals(0, exit);

        try (CellEvaluator evaluator = new CellEvaluator(List.of(classes))) {
            CellResult result = evaluator.evaluate("demo.Greeter.hello()", new RecordingOutput());
            assertTrue(result.succeeded(), result::toString);
            assertEquals("hello from jar", result.value());
        }
    }
}
