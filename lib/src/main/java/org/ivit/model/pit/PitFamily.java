package org.ivit.model.pit;

import static org.ivit.io.PretrainedConfig.IMAGENET_MEAN;
import static org.ivit.io.PretrainedConfig.IMAGENET_STD;
import static org.ivit.io.PretrainedConfig.rgb;

import com.google.gson.JsonObject;
import java.util.List;
import org.ivit.io.TimmCheckpoint;
import org.ivit.model.ModelFamily;
import org.ivit.model.ModelVariant;
import org.ivit.model.TimmClassifier;

/** timm's {@code pit} family ({@link Pit}): PiT-B of Table 1. */
public final class PitFamily implements ModelFamily {
    public static final PitFamily INSTANCE = new PitFamily();

    public static final TimmCheckpoint PIT_B_IN1K =
            new TimmCheckpoint(
                    "pit_b_224",
                    "in1k",
                    "pit-b",
                    "PiT-B",
                    rgb(224, 0.9, "bicubic", IMAGENET_MEAN, IMAGENET_STD),
                    "timm 0.4.12 pit_b_224 loaded NAVER's pit_b_820.pth (82.0 % in1k, not distilled), moved to the hub as in1k"
                            + " (its only tag) in timm commit 3386af8c");

    public static final ModelVariant PIT_B_224 =
            ModelVariant.pretrained(
                    PIT_B_IN1K,
                    73_764_840L,
                    (classes, size) ->
                            new Pit(PitConfig.pitB224().withImgSize(size).withNumClasses(classes)));

    private PitFamily() {}

    @Override
    public String name() {
        return "pit";
    }

    @Override
    public List<ModelVariant> variants() {
        return List.of(PIT_B_224);
    }

    @Override
    public List<String> referenceArchitectures() {
        return List.of("pit");
    }

    @Override
    public TimmClassifier fromTimmArgs(String architecture, JsonObject args) {
        return new Pit(PitConfig.fromTimmArgs(args));
    }
}
