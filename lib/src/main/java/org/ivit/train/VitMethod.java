package org.ivit.train;

import ai.djl.training.loss.Loss;
import java.util.function.Predicate;
import org.ivit.loss.SoftTargetCrossEntropy;
import org.ivit.model.VisionTransformer;
import org.ivit.model.VitConfig;

/** The plain ViT: fine-tuned whole (Table 1) or its head only. */
final class VitMethod implements MethodStrategy {
    @Override
    public int table(TuningMode mode) {
        return mode == TuningMode.FULL ? 1 : 2;
    }

    @Override
    public Blocks blocks(VitConfig vit, ExperimentConfig cfg, int promptDim) {
        VisionTransformer backbone = new VisionTransformer(vit);
        return new Blocks(backbone, backbone);
    }

    @Override
    public Predicate<String> trainable(ExperimentConfig cfg) {
        return cfg.mode() == TuningMode.FULL ? name -> true : name -> name.startsWith("head.");
    }

    @Override
    public Loss loss(ExperimentConfig cfg) {
        return new MethodLoss("soft_target_ce", (outputs, targets) -> SoftTargetCrossEntropy.of(outputs.get(0), targets));
    }
}
