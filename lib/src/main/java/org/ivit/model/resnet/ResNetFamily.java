package org.ivit.model.resnet;

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
 * timm's {@code resnet} family ({@link ResNet}): ResNet-50, -101 and -152 of Table 1.
 *
 * <p>timm 0.4.12 had no weights for {@code resnet101} and {@code resnet152} ({@code url=''}; with
 * {@code pretrained=True} it only logs "No pretrained weights exist for this model. Using random
 * initialization."). Random initialisation cannot give the paper's 96.7-97.1 % on Caltech-101 after
 * 20 epochs, above its ResNet-50, so the authors must have loaded weights from elsewhere; the
 * standard ones in mid-2021 were torchvision's ImageNet weights (timm 0.4.12 also offered them as
 * {@code tv_resnet101} / {@code tv_resnet152}), which current timm holds as {@code tv_in1k}.
 */
public final class ResNetFamily implements ModelFamily {
    public static final ResNetFamily INSTANCE = new ResNetFamily();

    public static final TimmCheckpoint RESNET50_RAM_IN1K =
            new TimmCheckpoint(
                    "resnet50",
                    "ram_in1k",
                    "resnet-50",
                    "ResNet-50",
                    rgb(224, 0.875, "bicubic", IMAGENET_MEAN, IMAGENET_STD).withTest(288, 0.95),
                    "timm 0.4.12 resnet50 loaded Ross Wightman's resnet50_ram-a26f946b.pth (AugMix + RandAugment), now ram_in1k."
                            + " timm's current default a1_in1k (ResNet Strikes Back) was added in Oct 2021 (commit cc9bedf3), after 0.4.12");
    public static final TimmCheckpoint RESNET101_TV_IN1K =
            new TimmCheckpoint(
                    "resnet101",
                    "tv_in1k",
                    "resnet-101",
                    "ResNet-101",
                    rgb(224, 0.875, "bilinear", IMAGENET_MEAN, IMAGENET_STD),
                    "timm 0.4.12 had no resnet101 weights (url '': pretrained=True silently stays random), which cannot give the"
                            + " paper's numbers; most likely torchvision's ImageNet weights (0.4.12's tv_resnet101), now tv_in1k");
    public static final TimmCheckpoint RESNET152_TV_IN1K =
            new TimmCheckpoint(
                    "resnet152",
                    "tv_in1k",
                    "resnet-152",
                    "ResNet-152",
                    rgb(224, 0.875, "bilinear", IMAGENET_MEAN, IMAGENET_STD),
                    "timm 0.4.12 had no resnet152 weights (url '': pretrained=True silently stays random), which cannot give the"
                            + " paper's numbers; most likely torchvision's ImageNet weights (0.4.12's tv_resnet152), now tv_in1k");

    public static final ModelVariant RESNET50 =
            ModelVariant.pretrained(
                    RESNET50_RAM_IN1K,
                    25_557_032L,
                    (classes, size) -> new ResNet(ResNetConfig.resnet50().withClasses(classes)));
    public static final ModelVariant RESNET101 =
            ModelVariant.pretrained(
                    RESNET101_TV_IN1K,
                    44_549_160L,
                    (classes, size) -> new ResNet(ResNetConfig.resnet101().withClasses(classes)));
    public static final ModelVariant RESNET152 =
            ModelVariant.pretrained(
                    RESNET152_TV_IN1K,
                    60_192_808L,
                    (classes, size) -> new ResNet(ResNetConfig.resnet152().withClasses(classes)));

    private ResNetFamily() {}

    @Override
    public String name() {
        return "resnet";
    }

    @Override
    public List<ModelVariant> variants() {
        return List.of(RESNET50, RESNET101, RESNET152);
    }

    @Override
    public List<String> referenceArchitectures() {
        return List.of("resnet");
    }

    @Override
    public TimmClassifier fromTimmArgs(String architecture, JsonObject args) {
        return new ResNet(ResNetConfig.fromArgs(args));
    }
}
