package org.ivit.model.deit;

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
 * timm's {@code deit} family ({@link Deit}): DeiT-B of Table 1, and the distilled DeiT-B as an
 * extra checkpoint for runs that compare the two DeiT variants.
 */
public final class DeitFamily implements ModelFamily {
    public static final DeitFamily INSTANCE = new DeitFamily();

    public static final TimmCheckpoint DEIT_BASE_FB_IN1K =
            new TimmCheckpoint(
                    "deit_base_patch16_224",
                    "fb_in1k",
                    "deit-b",
                    "DeiT-B",
                    rgb(224, 0.9, "bicubic", IMAGENET_MEAN, IMAGENET_STD),
                    "timm 0.4.12 deit_base_patch16_224 loaded Facebook's deit_base_patch16_224-b5f2ef4d.pth, now fb_in1k (its only tag)");

    /** Not a Table 1 row: the distilled DeiT-B (its second head). */
    public static final TimmCheckpoint DEIT_BASE_DISTILLED_FB_IN1K =
            new TimmCheckpoint(
                    "deit_base_distilled_patch16_224",
                    "fb_in1k",
                    "deit-b-distilled",
                    "none (DeiT-B's distilled variant)",
                    rgb(224, 0.9, "bicubic", IMAGENET_MEAN, IMAGENET_STD),
                    "timm 0.4.12 deit_base_distilled_patch16_224 loaded Facebook's deit_base_distilled_patch16_224-df68dfff.pth, now"
                            + " fb_in1k (its only tag). Table 1's DeiT-B is taken to be the plain deit_base_patch16_224");

    public static final ModelVariant DEIT_BASE_PATCH16_224 =
            ModelVariant.pretrained(
                    DEIT_BASE_FB_IN1K,
                    86_567_656L,
                    (classes, size) ->
                            new Deit(
                                    DeitConfig.deitBasePatch16_224()
                                            .withImgSize(size)
                                            .withNumClasses(classes)));

    private DeitFamily() {}

    @Override
    public String name() {
        return "deit";
    }

    @Override
    public List<ModelVariant> variants() {
        return List.of(DEIT_BASE_PATCH16_224);
    }

    @Override
    public List<TimmCheckpoint> extraCheckpoints() {
        return List.of(DEIT_BASE_DISTILLED_FB_IN1K);
    }

    /**
     * {@code deit} and {@code deit-distilled}: timm's {@code VisionTransformer} / {@code
     * VisionTransformerDistilled}.
     */
    @Override
    public List<String> referenceArchitectures() {
        return List.of("deit", "deit-distilled");
    }

    @Override
    public TimmClassifier fromTimmArgs(String architecture, JsonObject args) {
        return new Deit(DeitConfig.fromTimmArgs(args, architecture.equals("deit-distilled")));
    }
}
