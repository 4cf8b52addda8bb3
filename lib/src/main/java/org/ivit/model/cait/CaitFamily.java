package org.ivit.model.cait;

import static org.ivit.io.PretrainedConfig.IMAGENET_MEAN;
import static org.ivit.io.PretrainedConfig.IMAGENET_STD;
import static org.ivit.io.PretrainedConfig.rgb;

import com.google.gson.JsonObject;
import java.util.List;
import org.ivit.io.TimmCheckpoint;
import org.ivit.model.ModelFamily;
import org.ivit.model.ModelVariant;
import org.ivit.model.TimmClassifier;

/** timm's {@code cait} family ({@link Cait}): CaiT-S-24 of Table 1. */
public final class CaitFamily implements ModelFamily {
    public static final CaitFamily INSTANCE = new CaitFamily();

    public static final TimmCheckpoint CAIT_S24_FB_DIST_IN1K =
            new TimmCheckpoint(
                    "cait_s24_224",
                    "fb_dist_in1k",
                    "cait-s24",
                    "CaiT-S-24",
                    rgb(224, 1.0, "bicubic", IMAGENET_MEAN, IMAGENET_STD),
                    "timm 0.4.12 cait_s24_224 loaded Facebook's S24_224.pth (distilled on in1k), now fb_dist_in1k (its only tag)");

    public static final ModelVariant CAIT_S24_224 =
            ModelVariant.pretrained(
                    CAIT_S24_FB_DIST_IN1K,
                    46_916_200L,
                    (classes, size) ->
                            new Cait(
                                    CaitConfig.caitS24_224()
                                            .withImgSize(size)
                                            .withNumClasses(classes)));

    private CaitFamily() {}

    @Override
    public String name() {
        return "cait";
    }

    @Override
    public List<ModelVariant> variants() {
        return List.of(CAIT_S24_224);
    }

    @Override
    public List<String> referenceArchitectures() {
        return List.of("cait");
    }

    @Override
    public TimmClassifier fromTimmArgs(String architecture, JsonObject args) {
        return new Cait(CaitConfig.fromTimmArgs(args));
    }
}
