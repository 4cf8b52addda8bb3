package org.ivit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ivit.Project;
import org.ivit.platform.ComputeDevice;
import org.junit.jupiter.api.Test;

/**
 * The typed provenance writes config.json's "provenance" section with the keys, in the order and
 * with the nulls that the committed records have, so new records read like the old ones.
 */
class RunOriginTest {
    private static final RunOrigin.Machine MACHINE =
            new RunOrigin.Machine(
                    "17.0.17",
                    "AMD EPYC (AVX-512)",
                    "default",
                    new LinkedHashMap<>(Map.of("host", "node1")),
                    "AuthenticAMD",
                    true,
                    2,
                    new ComputeDevice("cpu", 0, null, null, null, false));

    @Test
    void aFewShotPromptRunWritesTheCommittedRecordsKeysInTheirOrder() throws IOException {
        RunOrigin origin =
                new RunOrigin(
                                "abc",
                                new RunOrigin.Inputs(
                                        "d1", "fashion_mnist", "results:pretraining/x", "w1"),
                                MACHINE,
                                null,
                                null)
                        .withFewShot(new FewShotSubset(1, 1234, "t.txt", "s1", "v.txt", "s2"))
                        .withPrompts(new RunOrigin.Prompts("clip", "c1", "bank"));
        JsonObject committed =
                committedProvenance("quick-fashion_mnist-instruction-vit-text-prompt-k1-4178fde7");
        assertEquals(keys(committed), keys(origin.toJson()));
        assertEquals(
                keys(committed.getAsJsonObject("few_shot")),
                keys(origin.toJson().getAsJsonObject("few_shot")));
        assertEquals("bank", origin.toJson().get("prompt_bank").getAsString());
        assertEquals(
                "node1", origin.toJson().getAsJsonObject("scheduler").get("host").getAsString());
    }

    @Test
    void aFreshBackboneIsWrittenAsNullAndAMethodWithoutPromptsHasNoClipKeys() throws IOException {
        JsonObject json =
                new RunOrigin(
                                "abc",
                                new RunOrigin.Inputs("d1", "p", null, null),
                                MACHINE,
                                null,
                                null)
                        .toJson();
        assertEquals(
                keys(committedProvenance("quick-fashion_mnist-vit-full-72655244")), keys(json));
        assertTrue(json.get("backbone_weights").isJsonNull());
        assertTrue(json.get("backbone_weights_sha256").isJsonNull());
    }

    @Test
    void aSyntheticRunRecordsOnlyItsCommit() {
        assertEquals(List.of("commit"), keys(RunOrigin.ofCommit("test").toJson()));
    }

    private static JsonObject committedProvenance(String runId) throws IOException {
        Path config = Project.root().resolve("results/runs").resolve(runId).resolve("config.json");
        return JsonParser.parseString(Files.readString(config))
                .getAsJsonObject()
                .getAsJsonObject("provenance");
    }

    private static List<String> keys(JsonObject o) {
        return new ArrayList<>(o.keySet());
    }
}
