package org.ivit.stderr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ivit.IvitProcess;
import org.ivit.model.StrictWeightLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libtorch printed "AutoNonVariableTypeMode is deprecated" to the stderr of every JVM that loaded
 * weights or a prompt bank: DJL's NDArray.copyTo (its JNI torchSet) runs under that deprecated
 * guard, and libtorch's once-per-process warning goes straight to file descriptor 2, past any Java
 * stream. The project no longer calls that path ({@code StrictWeightLoader.copyInto}). These tests
 * start JVMs the way the project does, through {@code environment/ivit} with its JVM options and
 * environment (given a jar of the classes under test), and read their real stderr: clean for a dry
 * run that builds a model and sets its prompt bank, but a failing libtorch op still reports
 * libtorch's own message there.
 */
class CleanStderrTest {
    static final String DEPRECATION = "AutoNonVariableTypeMode";

    @TempDir Path dir;

    @Test
    void aDryRunPrintsNoLibtorchDeprecationWarning() throws Exception {
        IvitProcess.Result r = launch("org.ivit.cli.Main", "train", "--dry-run");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("dry run quick-fashion_mnist"), r.out());
        assertFalse(
                r.err().contains(DEPRECATION),
                "libtorch's deprecation warning is back on stderr:\n" + r.err());
        assertFalse(r.err().contains("Warning:"), r.err());
    }

    @Test
    void aFailingLibtorchOpStillReportsOnStderr() throws Exception {
        IvitProcess.Result r = launch(LibtorchErrorMain.class.getName());
        assertTrue(r.out().contains("copied: [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]"), r.out() + r.err());
        assertEquals(1, r.exit(), r.err());
        assertTrue(
                r.err().contains("EngineException")
                        && r.err().contains("mat1 and mat2 shapes cannot be multiplied"),
                r.err());
        assertFalse(r.err().contains(DEPRECATION), r.err());
    }

    /**
     * The child JVMs cover the paths that load weights and prompt banks; this covers the rest of
     * the library: no compiled class calls an NDArray method that DJL's PyTorch engine runs through
     * torchSet.
     */
    @Test
    void noLibraryClassCallsTheDeprecatedCopyPath() throws Exception {
        Path classes =
                Path.of(
                        StrictWeightLoader.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI());
        List<String> offenders;
        try (var files = Files.walk(classes)) {
            offenders =
                    files.filter(f -> f.toString().endsWith(".class"))
                            .flatMap(
                                    f -> {
                                        try {
                                            return ConstantPool.methodRefs(Files.readAllBytes(f))
                                                    .stream()
                                                    .filter(CleanStderrTest::goesThroughTorchSet)
                                                    .map(
                                                            m ->
                                                                    classes.relativize(f)
                                                                            + " calls "
                                                                            + m);
                                        } catch (IOException e) {
                                            throw new java.io.UncheckedIOException(e);
                                        }
                                    })
                            .toList();
        }
        assertTrue(
                offenders.isEmpty(),
                "use StrictWeightLoader.copyInto or NDManager.create instead: " + offenders);
        assertTrue(goesThroughTorchSet("ai/djl/ndarray/NDArray.copyTo(Lai/djl/ndarray/NDArray;)V"));
        // the reader sees the calls that are there: copyInto's indexed set
        assertTrue(
                ConstantPool.methodRefs(
                                Files.readAllBytes(
                                        classes.resolve("org/ivit/model/StrictWeightLoader.class")))
                        .contains(
                                "ai/djl/ndarray/NDArray.set(Lai/djl/ndarray/index/NDIndex;Lai/djl/ndarray/NDArray;)V"));
    }

    /**
     * NDArray.copyTo and NDArray.set(Buffer or a Java array) end in PtNDArray.set(Buffer), i.e. the
     * JNI torchSet.
     */
    static boolean goesThroughTorchSet(String ref) {
        boolean owner =
                ref.startsWith("ai/djl/ndarray/NDArray.")
                        || ref.startsWith("ai/djl/pytorch/engine/PtNDArray.");
        String member = ref.substring(ref.indexOf('.') + 1);
        return owner
                && (member.equals("copyTo(Lai/djl/ndarray/NDArray;)V")
                        || member.matches("set\\((Ljava/nio/\\w*Buffer;|\\[[FDIJB])\\)V"));
    }

    private IvitProcess.Result launch(String main, String... args)
            throws IOException, InterruptedException {
        return IvitProcess.in(dir).run(main, args);
    }
}
