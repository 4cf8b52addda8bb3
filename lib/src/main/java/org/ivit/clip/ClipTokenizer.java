package org.ivit.clip;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * CLIP's BPE tokenizer through DJL's Hugging Face binding. Ids carry the start and end tokens. A
 * text longer than the context is cut as {@code clip.tokenize(truncate=True)} does: its first
 * {@code context - 1} tokens are kept and the last slot gets the end token, so pooling still finds
 * an end token. Padding (to the context length) uses the config's pad token, 49407 for CLIP.
 */
public final class ClipTokenizer implements AutoCloseable {
    /** OpenAI CLIP's context length; also the cap for configs saying "no limit". */
    public static final int CONTEXT_LENGTH = 77;

    private static final String BUNDLED = "/org/ivit/clip/";

    /**
     * Special tokens and padding are handled here, not by the binding, so any tokenizer_config
     * behaves alike.
     */
    private static final Map<String, String> OPTIONS =
            Map.of("addSpecialTokens", "true", "padding", "false", "truncation", "false");

    private final HuggingFaceTokenizer tokenizer;
    private final String source;
    private final int contextLength;
    private final long startId;
    private final long endId;
    private final long padId;

    private ClipTokenizer(HuggingFaceTokenizer tokenizer, String source, JsonObject config) {
        this.tokenizer = tokenizer;
        this.source = source;
        long[] specials = tokenizer.encode("", true, false).getIds();
        if (specials.length != 2) {
            tokenizer.close();
            throw new IllegalArgumentException(
                    source + " does not add one start and one end token as CLIP's tokenizer does");
        }
        startId = specials[0];
        endId = specials[1];
        contextLength = contextLength(config);
        String pad = tokenText(config.get("pad_token"));
        padId = pad == null ? endId : idOf(pad);
    }

    /** The CLIP tokenizer bundled with this library (OpenAI's vocabulary), for offline use. */
    public static ClipTokenizer bundled() throws IOException {
        try (InputStream json = resource("tokenizer.json");
                InputStream config = resource("tokenizer_config.json")) {
            JsonObject cfg =
                    JsonParser.parseString(
                                    new String(config.readAllBytes(), StandardCharsets.UTF_8))
                            .getAsJsonObject();
            return new ClipTokenizer(
                    HuggingFaceTokenizer.newInstance(json, OPTIONS),
                    "the bundled CLIP tokenizer",
                    cfg);
        }
    }

    /**
     * A {@code tokenizer.json}, or a folder holding one; a {@code tokenizer_config.json} beside it
     * is read.
     */
    public static ClipTokenizer load(Path fileOrFolder) throws IOException {
        Path file =
                Files.isDirectory(fileOrFolder)
                        ? fileOrFolder.resolve("tokenizer.json")
                        : fileOrFolder;
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("no tokenizer.json at " + file);
        }
        Path configFile = file.resolveSibling("tokenizer_config.json");
        JsonObject config = new JsonObject();
        if (Files.isRegularFile(configFile)) {
            config = JsonParser.parseString(Files.readString(configFile)).getAsJsonObject();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new ClipTokenizer(
                    HuggingFaceTokenizer.newInstance(in, OPTIONS), file.toString(), config);
        } catch (RuntimeException e) {
            throw new IOException("cannot read tokenizer " + file + ": " + e.getMessage(), e);
        }
    }

    /** The folder's own tokenizer.json if it has one, else the bundled tokenizer. */
    public static ClipTokenizer forModelFolder(Path folder) throws IOException {
        return Files.isRegularFile(folder.resolve("tokenizer.json")) ? load(folder) : bundled();
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ClipTokenizer.class.getResourceAsStream(BUNDLED + name);
        if (in == null) {
            throw new FileNotFoundException(
                    "resource " + BUNDLED + name + " is missing from the library jar");
        }
        return in;
    }

    private static int contextLength(JsonObject config) {
        JsonElement e = config.get("model_max_length");
        if (e == null || !e.isJsonPrimitive()) {
            return CONTEXT_LENGTH;
        }
        double value = e.getAsDouble(); // Hugging Face writes 1e30 for "unlimited"
        return value >= 2 && value <= CONTEXT_LENGTH ? (int) value : CONTEXT_LENGTH;
    }

    /** A special token is written as a string or as an AddedToken object with "content". */
    private static String tokenText(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            JsonElement content = e.getAsJsonObject().get("content");
            return content == null ? null : content.getAsString();
        }
        return e.getAsString();
    }

    private long idOf(String token) {
        long[] ids = tokenizer.encode(token, false, false).getIds();
        if (ids.length != 1) {
            throw new IllegalArgumentException(
                    source + ": pad token '" + token + "' is not a single token");
        }
        return ids[0];
    }

    public String source() {
        return source;
    }

    public int contextLength() {
        return contextLength;
    }

    public long startId() {
        return startId;
    }

    public long endId() {
        return endId;
    }

    public long padId() {
        return padId;
    }

    /**
     * The ids of one text: start token, BPE ids, end token; at most the context length, no padding.
     */
    public long[] ids(String text) {
        return truncated(tokenizer.encode(text, true, false).getIds());
    }

    /** The ids of many texts (encoded in parallel by the native tokenizer), unpadded. */
    public long[][] ids(List<String> texts) {
        Encoding[] encodings = tokenizer.batchEncode(texts, true, false);
        long[][] out = new long[encodings.length][];
        for (int i = 0; i < encodings.length; i++) {
            out[i] = truncated(encodings[i].getIds());
        }
        return out;
    }

    /**
     * Each text's ids padded with the pad id to the context length, as CLIP's text tower takes
     * them.
     */
    public long[][] paddedIds(List<String> texts) {
        long[][] ids = ids(texts);
        for (int i = 0; i < ids.length; i++) {
            ids[i] = padded(ids[i]);
        }
        return ids;
    }

    /** {@link #paddedIds} as an I64 (B, context) array. */
    public NDArray inputIds(NDManager manager, List<String> texts) {
        long[][] ids = paddedIds(texts);
        long[] flat = new long[ids.length * contextLength];
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(ids[i], 0, flat, i * contextLength, contextLength);
        }
        return manager.create(flat, new Shape(ids.length, contextLength));
    }

    /** Tokens up to and including the end token (the first largest id), i.e. without padding. */
    public static int realLength(long[] ids) {
        int at = 0;
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] > ids[at]) {
                at = i;
            }
        }
        return at + 1;
    }

    long[] padded(long[] ids) {
        long[] out = Arrays.copyOf(ids, contextLength);
        Arrays.fill(out, ids.length, contextLength, padId);
        return out;
    }

    private long[] truncated(long[] ids) {
        if (ids.length <= contextLength) {
            return ids;
        }
        long[] cut = Arrays.copyOf(ids, contextLength);
        cut[contextLength - 1] = endId;
        return cut;
    }

    /**
     * Text of ids without special tokens; word ends ({@code </w>}) become spaces, as CLIP's
     * decoders do.
     */
    public String decode(long[] ids) {
        return tokenizer.decode(ids, true).replace("</w>", " ").replaceAll("\\s+", " ").trim();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
