package org.ivit.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.ivit.ReferenceFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled tokenizer against OpenAI's SimpleTokenizer ids
 * (lib/src/test/resources/reference/clip-tokens.json).
 */
class ClipTokenizerTest {
    private static ClipTokenizer tokenizer;
    private static List<String> texts;
    private static List<long[]> expected;

    @BeforeAll
    static void load() throws Exception {
        tokenizer = ClipTokenizer.bundled();
        JsonObject reference =
                JsonParser.parseString(Files.readString(ReferenceFiles.file("clip-tokens.json")))
                        .getAsJsonObject();
        texts = new ArrayList<>();
        expected = new ArrayList<>();
        for (JsonElement e : reference.getAsJsonArray("entries")) {
            texts.add(e.getAsJsonObject().get("text").getAsString());
            expected.add(longs(e.getAsJsonObject().getAsJsonArray("input_ids")));
        }
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static long[] longs(com.google.gson.JsonArray a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsLong();
        }
        return out;
    }

    @Test
    void everyReferenceStringGivesOpenAisIds() {
        assertEquals(63, texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(
                    expected.get(i), tokenizer.ids(texts.get(i)), "text '" + texts.get(i) + "'");
        }
        long[][] batch = tokenizer.ids(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(expected.get(i), batch[i], "batched text '" + texts.get(i) + "'");
        }
    }

    @Test
    void specialTokensAndPaddingAreClips() {
        assertEquals(49406, tokenizer.startId());
        assertEquals(49407, tokenizer.endId());
        assertEquals(49407, tokenizer.padId());
        assertEquals(77, tokenizer.contextLength());
        long[] padded = tokenizer.paddedIds(List.of("a photo of a cat."))[0];
        assertEquals(77, padded.length);
        assertArrayEquals(
                new long[] {49406, 320, 1125, 539, 320, 2368, 269, 49407},
                Arrays.copyOf(padded, 8));
        for (int i = 8; i < 77; i++) {
            assertEquals(49407, padded[i]);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray ids = tokenizer.inputIds(manager, List.of("a", "b c"));
            assertArrayEquals(new long[] {2, 77}, ids.getShape().getShape());
        }
    }

    /**
     * As clip.tokenize(truncate=True): the first 76 tokens, then the end token in the last slot.
     */
    @Test
    void longTextsKeepTheirStartAndGetTheEndTokenLast() {
        String longText = String.join(" ", Collections.nCopies(100, "cat"));
        long[] ids = tokenizer.ids(longText);
        assertEquals(77, ids.length);
        assertEquals(49406, ids[0]);
        for (int i = 1; i < 76; i++) {
            assertEquals(2368, ids[i], "a 'cat' token at " + i);
        }
        assertEquals(49407, ids[76]);
        String exactlyFull = String.join(" ", Collections.nCopies(75, "cat"));
        assertEquals(77, tokenizer.ids(exactlyFull).length);
        assertEquals(2368, tokenizer.ids(exactlyFull)[75], "75 words fit without truncation");
    }

    @Test
    void loadsAFileOrAFolderOffline(@TempDir Path dir) throws Exception {
        try (ClipTokenizer fromFolder = ClipTokenizer.load(ReferenceFiles.dir());
                ClipTokenizer fromFile =
                        ClipTokenizer.load(ReferenceFiles.file("tokenizer.json"))) {
            assertArrayEquals(expected.get(1), fromFolder.ids(texts.get(1)));
            assertArrayEquals(expected.get(1), fromFile.ids(texts.get(1)));
        }
        assertThrows(FileNotFoundException.class, () -> ClipTokenizer.load(dir));
    }

    @Test
    void decodesBackToLowerCaseText() {
        assertEquals("a photo of a cat .", tokenizer.decode(tokenizer.ids("a photo of a Cat.")));
    }
}
