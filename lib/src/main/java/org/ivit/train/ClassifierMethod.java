package org.ivit.train;

import java.util.function.Predicate;
import org.ivit.backbone.Backbones;
import org.ivit.loss.SoftTargetCrossEntropy;
import org.ivit.model.TimmClassifier;

/**
 * Fine-tuning a timm classifier: the whole network (Table 1) or its classifier only. The plain ViT
 * ({@link Method#VIT}, the paper's ViT-B row) and the Table 1 baselines ({@link Method#CLASSIFIER}:
 * DeiT-B, CaiT-S-24, PiT-B, the ResNets and EfficientNets) are this one method on different
 * backbones; {@code classifierRun} says whether runs are named after their backbone (the baselines)
 * or after the method (the ViT, whose run ids predate the baselines).
 */
final class ClassifierMethod implements MethodStrategy {
    private final boolean namedAfterBackbone;
    private final int headOnlyTable;

    /**
     * @param namedAfterBackbone the run id's name part is the backbone's id instead of the method's
     * @param headOnlyTable the table a head-only run fills (the ViT's linear probe sits beside Table 2; a baseline's in none)
     */
    ClassifierMethod(boolean namedAfterBackbone, int headOnlyTable) {
        this.namedAfterBackbone = namedAfterBackbone;
        this.headOnlyTable = headOnlyTable;
    }

    @Override
    public int table(TuningMode mode) {
        return mode == TuningMode.FULL ? 1 : headOnlyTable;
    }

    @Override
    public String runName(String methodId, String backbone) {
        return namedAfterBackbone ? backbone : methodId;
    }

    /** The baselines take any registered backbone; the ViT row keeps to the ViT presets its run ids were made with. */
    @Override
    public void checkBackbone(String backbone) {
        if (namedAfterBackbone) {
            Backbones.get(backbone);
        } else {
            MethodStrategy.super.checkBackbone(backbone);
        }
    }

    /** The ViT row on the given ViT; a baseline has no ViT to swap. */
    @Override
    public Blocks blocks(ExperimentConfig cfg, org.ivit.model.VitConfig vit, int promptDim) {
        if (namedAfterBackbone) {
            throw new IllegalArgumentException("a Table 1 baseline (" + cfg.backbone() + ") is built from its registered backbone, not a ViT config");
        }
        org.ivit.model.VisionTransformer model = new org.ivit.model.VisionTransformer(vit);
        return new Blocks(model, model);
    }

    @Override
    public Blocks blocks(ExperimentConfig cfg, int classes, int promptDim) {
        TimmClassifier model = Backbones.get(cfg.backbone()).build(classes, cfg.data().imageSize());
        return new Blocks((ai.djl.nn.AbstractBlock) model, model);
    }

    /** Everything in full fine-tuning; else only the classifier (timm's {@code head.}, {@code fc.} or {@code classifier.}). */
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
        return (outputs, targets) -> new ai.djl.ndarray.NDList(SoftTargetCrossEntropy.of(outputs.get(0), targets));
    }
}
