package org.ivit.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ivit.Project;
import org.junit.jupiter.api.Test;

/**
 * Run records name their inputs relative to the results, weights or data folder, never by a
 * machine's path.
 */
class InputFoldersTest {
    private final InputFolders folders =
            new InputFolders(
                    Path.of("/srv/me/results"),
                    Path.of("/srv/weights"),
                    Path.of("/srv/data"),
                    Path.of("/home/me/ivit"));

    @Test
    void aFileIsNamedRelativeToTheFirstFolderThatHoldsIt() {
        assertEquals(
                "results:pretraining/quick-x/backbone.safetensors",
                folders.name(Path.of("/srv/me/results/pretraining/quick-x/backbone.safetensors")));
        assertEquals(
                "weights:timm/vit_base_patch16_224/model.safetensors",
                folders.name(
                        Path.of(
                                "/srv/weights/timm/vit_base_patch16_224/../vit_base_patch16_224/model.safetensors")));
        assertEquals(
                "checkout:results/pretraining/b.safetensors",
                folders.name(Path.of("/home/me/ivit/results/pretraining/b.safetensors")));
        // a file of the user's own elsewhere: its name only; its SHA-256 beside it says which file
        // it was
        assertEquals(
                "elsewhere:mine.safetensors", folders.name(Path.of("/tmp/x/mine.safetensors")));
    }

    @Test
    void noCommittedRecordNamesAnAbsolutePath() throws Exception {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Project.root().resolve("results"))) {
            for (Path f :
                    files.filter(
                                    p ->
                                            p.toString().endsWith(".json")
                                                    && !p.toString().contains("/notebooks/"))
                            .toList()) {
                collect(JsonParser.parseString(Files.readString(f)), f, found);
            }
        }
        assertTrue(found.isEmpty(), "machine paths in committed records: " + found);
    }

    private static void collect(JsonElement e, Path file, List<String> found) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> entry : e.getAsJsonObject().entrySet()) {
                collect(entry.getValue(), file, found);
            }
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> collect(x, file, found));
        } else if (e.isJsonPrimitive()
                && e.getAsJsonPrimitive().isString()
                && e.getAsString()
                        .matches(
                                "(/(tmp|home|work|root|srv|scratch|Users|mnt|var)/.*|[A-Za-z]:\\\\.*)")) {
            found.add(file + ": " + e.getAsString());
        }
    }
}
