package org.ivit.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ivit.ReferenceFiles;
import org.ivit.io.FileDigest;
import org.ivit.io.SafetensorsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The vendored reference folder is what its README says: the original files, the CLIP tables
 * reduced and re-expanded.
 */
class VendoredReferenceTest {

    private static Map<String, String> originalSums() throws Exception {
        Map<String, String> sums = new HashMap<>();
        for (String line :
                Files.readAllLines(ReferenceFiles.vendored().resolve("SHA256SUMS.original"))) {
            String[] parts = line.strip().split("\\s+");
            sums.put(parts[1], parts[0]);
        }
        return sums;
    }

    @Test
    void theCopiedFilesAndTheBundledTokenizerAreTheOriginals() throws Exception {
        Map<String, String> sums = originalSums();
        for (String name : VendorReference.COPIED) {
            assertEquals(
                    sums.get(name),
                    FileDigest.sha256(ReferenceFiles.vendored().resolve(name)),
                    name);
            assertEquals(
                    sums.get(name),
                    FileDigest.sha256(ReferenceFiles.file(name)),
                    "expanded copy of " + name);
        }
        assertEquals(
                sums.get("tokenizer.json"),
                FileDigest.sha256(ReferenceFiles.file("tokenizer.json")));
    }

    @ParameterizedTest
    @CsvSource({
        "clip-tiny-hf, text_model.embeddings.token_embedding.weight",
        "clip-tiny-openai, token_embedding.weight"
    })
    void theExpandedClipCheckpointHasTheKeptRowsAndZerosElsewhere(String stem, String table)
            throws Exception {
        Path reducedFile = ReferenceFiles.vendored().resolve(stem + ReducedEmbedding.SUFFIX);
        try (SafetensorsReader reduced = SafetensorsReader.open(reducedFile);
                SafetensorsReader full =
                        SafetensorsReader.open(ReferenceFiles.file(stem + ".safetensors"));
                SafetensorsReader io =
                        SafetensorsReader.open(ReferenceFiles.file("clip-tiny-io.safetensors"))) {
            assertEquals(
                    originalSums().get(stem + ".safetensors"),
                    reduced.metadata().get("original_sha256"));
            long[] kept = reduced.longs(table + ".row_ids");
            Set<Long> used = new TreeSet<>(Arrays.stream(io.longs("input_ids")).boxed().toList());
            assertEquals(
                    used,
                    new TreeSet<>(Arrays.stream(kept).boxed().toList()),
                    "kept rows = the ids the inputs use");
            assertArrayEquals(new long[] {49408, 64}, full.info(table).shape());
            float[] all = full.floats(table);
            float[] rows = reduced.floats(table + ".rows");
            Set<Long> keptSet = new TreeSet<>(Arrays.stream(kept).boxed().toList());
            for (int r = 0; r < kept.length; r++) {
                assertArrayEquals(
                        Arrays.copyOfRange(rows, r * 64, r * 64 + 64),
                        Arrays.copyOfRange(all, (int) kept[r] * 64, (int) kept[r] * 64 + 64),
                        "row " + kept[r]);
            }
            for (int id = 0; id < 49408; id++) {
                if (!keptSet.contains((long) id)) {
                    for (int j = 0; j < 64; j++) {
                        if (all[id * 64 + j] != 0f) {
                            throw new AssertionError("row " + id + " is not kept and must be zero");
                        }
                    }
                }
            }
            Set<String> names = new TreeSet<>(full.names());
            names.remove(table);
            Set<String> reducedNames = new TreeSet<>(reduced.names());
            reducedNames.removeAll(Set.of(table + ".rows", table + ".row_ids"));
            assertEquals(reducedNames, names);
            for (String name : names) {
                assertArrayEquals(reduced.info(name).shape(), full.info(name).shape(), name);
                assertArrayEquals(reduced.floats(name), full.floats(name), name);
            }
        }
    }

    @Test
    void theReferenceFolderIsInsideTheCheckout() {
        Path root = ReferenceFiles.projectRoot();
        assertTrue(
                ReferenceFiles.dir().toAbsolutePath().normalize().startsWith(root),
                ReferenceFiles.dir().toString());
        assertTrue(ReferenceFiles.vendored().toAbsolutePath().normalize().startsWith(root));
        assertTrue(
                org.ivit.Project.referenceDir().toAbsolutePath().normalize().startsWith(root)
                        || System.getenv("IVIT_REFERENCE_DIR") != null,
                org.ivit.Project.referenceDir().toString());
    }
}
