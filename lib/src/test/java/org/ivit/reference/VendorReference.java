package org.ivit.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ivit.io.FileDigest;
import org.ivit.io.SafetensorsReader;

/**
 * The one-off step that made {@code lib/src/test/resources/reference/} from the original reference
 * folder (kept here so that it can be checked and repeated): {@code java -cp ...
 * org.ivit.reference.VendorReference FROM TO}. Small files are copied unchanged; the two CLIP
 * checkpoints are reduced to the token-embedding rows that {@code clip-tiny-io}'s {@code input_ids}
 * hold (see {@link ReducedEmbedding}). {@code tokenizer.json} is not copied: it is byte-identical
 * to the bundled {@code org/ivit/clip/tokenizer.json}.
 */
public final class VendorReference {
    static final List<String> COPIED =
            List.of(
                    "vit-tiny.json",
                    "vit-tiny.safetensors",
                    "vit-tiny-io.safetensors",
                    "clip-tiny.json",
                    "clip-tiny-io.safetensors",
                    "clip-tokens.json",
                    "tokenizer_config.json",
                    "special_tokens_map.json");
    static final Map<String, String> REDUCED =
            Map.of(
                    "clip-tiny-hf.safetensors", "text_model.embeddings.token_embedding.weight",
                    "clip-tiny-openai.safetensors", "token_embedding.weight");

    private VendorReference() {}

    public static void main(String[] args) throws IOException {
        Path from = Path.of(args[0]);
        Path to = Files.createDirectories(Path.of(args[1]));
        for (String name : COPIED) {
            Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        long[] ids;
        try (SafetensorsReader io =
                SafetensorsReader.open(from.resolve("clip-tiny-io.safetensors"))) {
            ids =
                    new TreeSet<>(java.util.Arrays.stream(io.longs("input_ids")).boxed().toList())
                            .stream().mapToLong(Long::longValue).toArray();
        }
        for (Map.Entry<String, String> e : REDUCED.entrySet()) {
            Path original = from.resolve(e.getKey());
            Map<String, String> provenance = new LinkedHashMap<>();
            provenance.put("original_file", e.getKey());
            provenance.put("original_sha256", FileDigest.sha256(original));
            provenance.put("kept_rows", "the distinct ids of clip-tiny-io.safetensors input_ids");
            String reduced = e.getKey().replace(".safetensors", ReducedEmbedding.SUFFIX);
            ReducedEmbedding.reduce(original, e.getValue(), ids, to.resolve(reduced), provenance);
            System.out.println(reduced + ": " + ids.length + " of the token-embedding rows kept");
        }
    }
}
