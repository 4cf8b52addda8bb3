package org.ivit.clip;

import static org.ivit.Tensors.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.ivit.CliRun;
import org.ivit.ReferenceFiles;
import org.ivit.io.SafetensorsReader;
import org.ivit.io.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CLIP verbs of environment/ivit, run in-process against the reference files. */
class ClipCliTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"clip-tiny-hf.safetensors", "clip-tiny-openai.safetensors"})
    void forwardClipWritesTheReferenceOutputs(String weights) throws Exception {
        Path out = dir.resolve("out.safetensors");
        CliRun run =
                CliRun.of(
                        "forward",
                        "clip",
                        "--config",
                        ReferenceFiles.file("clip-tiny.json").toString(),
                        "--weights",
                        ReferenceFiles.file(weights).toString(),
                        "--input",
                        ReferenceFiles.file("clip-tiny-io.safetensors").toString(),
                        "--output",
                        out.toString());
        assertEquals(0, run.exitCode(), run.err());
        try (SafetensorsReader expected =
                        SafetensorsReader.open(ReferenceFiles.file("clip-tiny-io.safetensors"));
                SafetensorsReader actual = SafetensorsReader.open(out)) {
            assertEquals(
                    List.of("text_embeds", "image_embeds", "logits_per_image"), actual.names());
            for (String name : actual.names()) {
                assertArrayEquals(expected.info(name).shape(), actual.info(name).shape(), name);
                assertClose(expected.floats(name), actual.floats(name), 1e-4, 1e-4, name);
            }
        }
    }

    @Test
    void forwardClipSkipsAnAbsentSide() throws Exception {
        Path input = dir.resolve("text-only.safetensors");
        try (SafetensorsReader io =
                SafetensorsReader.open(ReferenceFiles.file("clip-tiny-io.safetensors"))) {
            new SafetensorsWriter()
                    .putLongs("input_ids", io.info("input_ids").shape(), io.longs("input_ids"))
                    .write(input);
        }
        Path out = dir.resolve("out.safetensors");
        CliRun run =
                CliRun.of(
                        "forward",
                        "clip",
                        "--config",
                        ReferenceFiles.file("clip-tiny.json").toString(),
                        "--weights",
                        ReferenceFiles.file("clip-tiny-hf.safetensors").toString(),
                        "--input",
                        input.toString(),
                        "--output",
                        out.toString());
        assertEquals(0, run.exitCode(), run.err());
        try (SafetensorsReader actual = SafetensorsReader.open(out)) {
            assertEquals(List.of("text_embeds"), actual.names());
        }
    }

    @Test
    void forwardClipReportsMismatchedWeightsInOneLine() {
        CliRun run =
                CliRun.of(
                        "forward",
                        "clip",
                        "--config",
                        ReferenceFiles.file("clip-tiny.json").toString(),
                        "--weights",
                        ReferenceFiles.file("vit-tiny.safetensors").toString(),
                        "--input",
                        ReferenceFiles.file("clip-tiny-io.safetensors").toString(),
                        "--output",
                        dir.resolve("o").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("neither Hugging Face CLIP names"), run.err());
    }

    @Test
    void tokenizePrintsOneLineOfIdsPerText() {
        CliRun run = CliRun.of("tokenize", "a photo of a cat.", "itap of a bird of paradise.");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.out());
        assertEquals("49406 320 1125 539 320 2368 269 49407", lines.get(0));
        assertTrue(
                lines.get(1).startsWith("49406 ") && lines.get(1).endsWith(" 49407"), lines.get(1));
        CliRun withFolder =
                CliRun.of(
                        "tokenize",
                        "--tokenizer",
                        ReferenceFiles.dir().toString(),
                        "a photo of a cat.");
        assertEquals(lines.get(0), withFolder.out().strip());
        CliRun missing = CliRun.of("tokenize", "--tokenizer", dir.toString(), "x");
        assertEquals(1, missing.exitCode());
        assertFalse(missing.err().isBlank());
    }
}
