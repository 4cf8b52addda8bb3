package org.ivit.cli;

import static org.ivit.Tensors.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ivit.ReferenceFiles;
import org.ivit.io.SafetensorsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForwardVitCommandTest {
    @TempDir Path dir;

    @Test
    void writesLogitsFeaturesAndTokensMatchingTheReference() throws Exception {
        Path out = dir.resolve("out.safetensors");
        int code =
                Main.run(
                        "forward",
                        "vit",
                        "--config",
                        ReferenceFiles.file("vit-tiny.json").toString(),
                        "--weights",
                        ReferenceFiles.file("vit-tiny.safetensors").toString(),
                        "--input",
                        ReferenceFiles.file("vit-tiny-io.safetensors").toString(),
                        "--output",
                        out.toString());
        assertEquals(0, code);
        try (SafetensorsReader expected =
                        SafetensorsReader.open(ReferenceFiles.file("vit-tiny-io.safetensors"));
                SafetensorsReader actual = SafetensorsReader.open(out)) {
            for (String name : new String[] {"logits", "features", "tokens"}) {
                assertEquals(expected.info(name).dtype(), actual.info(name).dtype());
                assertEquals(
                        java.util.Arrays.toString(expected.info(name).shape()),
                        java.util.Arrays.toString(actual.info(name).shape()),
                        name);
                assertClose(expected.floats(name), actual.floats(name), 1e-4, 1e-4, name);
            }
        }
    }

    @Test
    void missingWeightsFileExitsNonZeroWithOneLine() {
        String err =
                captureErr(
                        () ->
                                assertEquals(
                                        1,
                                        Main.run(
                                                "forward",
                                                "vit",
                                                "--config",
                                                ReferenceFiles.file("vit-tiny.json").toString(),
                                                "--weights",
                                                dir.resolve("absent.safetensors").toString(),
                                                "--input",
                                                ReferenceFiles.file("vit-tiny-io.safetensors")
                                                        .toString(),
                                                "--output",
                                                dir.resolve("o.safetensors").toString())));
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.contains("absent.safetensors"), err);
        assertFalse(Files.exists(dir.resolve("o.safetensors")));
    }

    @Test
    void missingOptionIsAOneLineUsageError() {
        String err =
                captureErr(() -> assertEquals(2, Main.run("forward", "vit", "--config", "x.json")));
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.contains("--weights"), err);
    }

    private static String captureErr(Runnable action) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true));
        try {
            action.run();
        } finally {
            System.setErr(saved);
        }
        return buffer.toString();
    }
}
