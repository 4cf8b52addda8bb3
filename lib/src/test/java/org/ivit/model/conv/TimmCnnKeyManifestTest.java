package org.ivit.model.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ivit.io.DType;
import org.ivit.model.TimmClassifier;
import org.ivit.model.efficientnet.EfficientNet;
import org.ivit.model.efficientnet.EfficientNetConfig;
import org.ivit.model.resnet.ResNet;
import org.ivit.model.resnet.ResNetConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The full-size models against timm's key manifests (vendored reference/timm/keys): the strict
 * loader's expected tensors (names, shapes, dtypes; num_batches_tracked I64 []) are exactly the
 * manifest's {@code state_dict}, and the parameter count is timm's. No weight is allocated: the
 * blocks' parameter shapes are fixed at construction.
 */
class TimmCnnKeyManifestTest {

    private static TimmClassifier fullSize(String name) {
        return name.startsWith("resnet")
                ? new ResNet(ResNetConfig.preset(name))
                : new EfficientNet(EfficientNetConfig.preset(name));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "resnet50",
                "resnet101",
                "resnet152",
                "efficientnet_b0",
                "efficientnet_b1",
                "efficientnet_b2",
                "efficientnet_b3"
            })
    void strictLoaderExpectsExactlyTimmsStateDict(String name) throws Exception {
        JsonObject manifest =
                JsonParser.parseString(
                                Files.readString(VendoredTimm.file("keys/" + name + ".json")))
                        .getAsJsonObject();
        Map<String, TensorSpec> timm = new LinkedHashMap<>();
        for (Map.Entry<String, com.google.gson.JsonElement> e :
                manifest.getAsJsonObject("state_dict").entrySet()) {
            JsonObject t = e.getValue().getAsJsonObject();
            List<Long> shape = new ArrayList<>();
            t.getAsJsonArray("shape").forEach(d -> shape.add(d.getAsLong()));
            DType dtype =
                    switch (t.get("dtype").getAsString()) {
                        case "float32" -> DType.F32;
                        case "int64" -> DType.I64;
                        default ->
                                throw new AssertionError(
                                        "dtype " + t.get("dtype") + " of " + e.getKey());
                    };
            timm.put(e.getKey(), new TensorSpec(dtype, shape));
        }
        TimmClassifier model = fullSize(name);
        Map<String, TensorSpec> ours = TimmCheckpoints.expectedTensors(model);

        Set<String> onlyTimm = new TreeSet<>(timm.keySet());
        onlyTimm.removeAll(ours.keySet());
        Set<String> onlyOurs = new TreeSet<>(ours.keySet());
        onlyOurs.removeAll(timm.keySet());
        assertEquals(
                Set.of(), onlyTimm, name + ": in timm's state_dict, not expected by the loader");
        assertEquals(
                Set.of(), onlyOurs, name + ": expected by the loader, not in timm's state_dict");
        List<String> differ = new ArrayList<>();
        timm.forEach(
                (k, v) -> {
                    if (!v.equals(ours.get(k))) {
                        differ.add(k + ": timm " + v + ", ours " + ours.get(k));
                    }
                });
        assertEquals(List.of(), differ, name + ": shapes or dtypes");
        assertEquals(manifest.get("num_classes").getAsInt(), 1000);

        if (model instanceof EfficientNet net) {
            int timmSize =
                    manifest.getAsJsonObject("default_pretrained_cfg")
                            .getAsJsonArray("input_size")
                            .get(1)
                            .getAsInt();
            assertEquals(
                    timmSize,
                    net.config().pretrainedImageSize(),
                    name + ": resolution of the default pretrained config");
        }
        long parameters = TimmCheckpoints.parameterCount(model);
        System.out.printf(
                "%s: %d tensors, %d parameters (%.2f M); timm %d%n",
                name,
                ours.size(),
                parameters,
                parameters / 1e6,
                manifest.get("parameters").getAsLong());
        assertEquals(
                manifest.get("parameters").getAsLong(), parameters, name + ": parameter count");
    }
}
