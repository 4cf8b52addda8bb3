package org.ivit.model.efficientnet;

import static org.ivit.io.PretrainedConfig.IMAGENET_MEAN;
import static org.ivit.io.PretrainedConfig.IMAGENET_STD;
import static org.ivit.io.PretrainedConfig.rgb;

import com.google.gson.JsonObject;
import java.util.List;
import org.ivit.io.TimmCheckpoint;
import org.ivit.model.ModelFamily;
import org.ivit.model.ModelVariant;
import org.ivit.model.TimmClassifier;

/**
 * timm's {@code efficientnet} family ({@link EfficientNet}): EfficientNet-B0 to B3 of Table 1, each
 * at its checkpoint's resolution (224, 224, 256, 288).
 */
public final class EfficientNetFamily implements ModelFamily {
    public static final EfficientNetFamily INSTANCE = new EfficientNetFamily();

    public static final TimmCheckpoint EFFICIENTNET_B0_RA_IN1K =
            new TimmCheckpoint(
                    "efficientnet_b0",
                    "ra_in1k",
                    "efficientnet-b0",
                    "EfficientNet-B0",
                    rgb(224, 0.875, "bicubic", IMAGENET_MEAN, IMAGENET_STD),
                    "timm 0.4.12 efficientnet_b0 loaded efficientnet_b0_ra-3dd342df.pth (RandAugment), now ra_in1k");
    public static final TimmCheckpoint EFFICIENTNET_B1_FT_IN1K =
            new TimmCheckpoint(
                    "efficientnet_b1",
                    "ft_in1k",
                    "efficientnet-b1",
                    "EfficientNet-B1",
                    rgb(224, 0.875, "bicubic", IMAGENET_MEAN, IMAGENET_STD).withTest(256, 1.0),
                    "timm 0.4.12 efficientnet_b1 loaded efficientnet_b1-533bc792.pth, now ft_in1k (0.4.12's cfg: crop 1.0). The"
                            + " current default ra4_e3600_r240_in1k (240 px, mean/std 0.5) was added in Aug 2024");
    public static final TimmCheckpoint EFFICIENTNET_B2_RA_IN1K =
            new TimmCheckpoint(
                    "efficientnet_b2",
                    "ra_in1k",
                    "efficientnet-b2",
                    "EfficientNet-B2",
                    rgb(256, 0.875, "bicubic", IMAGENET_MEAN, IMAGENET_STD).withTest(288, 1.0),
                    "timm 0.4.12 efficientnet_b2 loaded efficientnet_b2_ra-bcdf34b7.pth (RandAugment, 256 px), now ra_in1k"
                            + " (0.4.12's cfg: crop 1.0)");
    public static final TimmCheckpoint EFFICIENTNET_B3_RA2_IN1K =
            new TimmCheckpoint(
                    "efficientnet_b3",
                    "ra2_in1k",
                    "efficientnet-b3",
                    "EfficientNet-B3",
                    rgb(288, 0.875, "bicubic", IMAGENET_MEAN, IMAGENET_STD).withTest(320, 1.0),
                    "timm 0.4.12 efficientnet_b3 loaded efficientnet_b3_ra2-cf984f9c.pth (RandAugment 2, 288 px), now ra2_in1k"
                            + " (0.4.12's cfg: crop 1.0)");

    public static final ModelVariant EFFICIENTNET_B0 = variant(EFFICIENTNET_B0_RA_IN1K, 5_288_548L);
    public static final ModelVariant EFFICIENTNET_B1 = variant(EFFICIENTNET_B1_FT_IN1K, 7_794_184L);
    public static final ModelVariant EFFICIENTNET_B2 = variant(EFFICIENTNET_B2_RA_IN1K, 9_109_994L);
    public static final ModelVariant EFFICIENTNET_B3 =
            variant(EFFICIENTNET_B3_RA2_IN1K, 12_233_232L);

    private EfficientNetFamily() {}

    /** The variant of the checkpoint's architecture; the network takes any image size. */
    private static ModelVariant variant(TimmCheckpoint weights, long timmParameters) {
        return ModelVariant.pretrained(
                weights,
                timmParameters,
                (classes, size) ->
                        new EfficientNet(
                                EfficientNetConfig.preset(weights.architecture())
                                        .withClasses(classes)));
    }

    @Override
    public String name() {
        return "efficientnet";
    }

    @Override
    public List<ModelVariant> variants() {
        return List.of(EFFICIENTNET_B0, EFFICIENTNET_B1, EFFICIENTNET_B2, EFFICIENTNET_B3);
    }

    @Override
    public List<String> referenceArchitectures() {
        return List.of("efficientnet");
    }

    @Override
    public TimmClassifier fromTimmArgs(String architecture, JsonObject args) {
        return new EfficientNet(EfficientNetConfig.fromArgs(args));
    }
}
