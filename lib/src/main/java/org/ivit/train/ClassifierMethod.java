package org.ivit.train;

import java.util.function.Predicate;
import org.ivit.backbone.Backbones;
import org.ivit.loss.SoftTargetCrossEntropy;
import org.ivit.model.TimmClassifier;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;
import org.ivit.spec.TuningMode;

/**
 * Fine-tuning a timm classifier: the whole network (Table 1) or its classifier only. The plain ViT
 * ({@link Method#VIT}, the paper's ViT-B row) and the Table 1 baselines ({@link Method#CLASSIFIER}:
 * DeiT-B, CaiT-S-24, PiT-B, the ResNets and EfficientNets) are this one method on different
 * backbones.
 */
final class ClassifierMethod implements MethodStrategy {
    static final ClassifierMethod INSTANCE = new ClassifierMethod();

    private ClassifierMethod() {}

    /**
     * The ViT row on the given ViT; a baseline ({@link Method#namedAfterBackbone}) is built from
     * its registered backbone only and has no ViT to swap.
     */
    @Override
    public Blocks blocks(ExperimentConfig cfg, org.ivit.model.VitConfig vit, int promptDim) {
        if (cfg.method().namedAfterBackbone()) {
            throw new IllegalArgumentException(
                    "a Table 1 baseline ("
                            + cfg.backbone()
                            + ") is built from its registered backbone, not a ViT config");
        }
        org.ivit.model.VisionTransformer model = new org.ivit.model.VisionTransformer(vit);
        return new Blocks(model, model);
    }

    @Override
    public Blocks blocks(ExperimentConfig cfg, int classes, int promptDim) {
        TimmClassifier model =
                Backbones.get(cfg.backbone()).create(classes, cfg.data().imageSize());
        return new Blocks((ai.djl.nn.AbstractBlock) model, model);
    }

    /**
     * Everything in full fine-tuning; else only the classifier (timm's {@code head.}, {@code fc.}
     * or {@code classifier.}).
     */
    @Override
    public Predicate<String> trainable(ExperimentConfig cfg, TimmClassifier backbone) {
        if (cfg.mode() == TuningMode.FULL) {
            return name -> true;
        }
        String prefix = backbone.classifierPrefix();
        return name -> name.startsWith(prefix);
    }

    @Override
    public LossTerms lossTerms(ExperimentConfig cfg) {
        return (outputs, targets) ->
                new ai.djl.ndarray.NDList(SoftTargetCrossEntropy.of(outputs.get(0), targets));
    }
}
