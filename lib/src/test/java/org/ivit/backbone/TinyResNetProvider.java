package org.ivit.backbone;

import java.util.List;
import org.ivit.model.ModelVariant;
import org.ivit.model.resnet.ResNet;
import org.ivit.model.resnet.ResNetConfig;

/**
 * A backbone registered from outside the library, as a user's would be: a tiny Bottleneck ResNet
 * (BatchNorm, timm names), found through {@code
 * META-INF/services/org.ivit.backbone.BackboneProvider} of the test class path. No checkpoint, no
 * Table 1 row.
 */
public final class TinyResNetProvider implements BackboneProvider {
    public static final String ID = "test_tiny_resnet";

    @Override
    public List<ModelVariant> backbones() {
        return List.of(
                ModelVariant.untrained(
                        ID,
                        (classes, size) ->
                                new ResNet(
                                        new ResNetConfig(
                                                "Bottleneck",
                                                List.of(1, 1, 1, 1),
                                                List.of(4, 4, 4, 4),
                                                classes,
                                                3,
                                                8))));
    }
}
