package org.ivit.train;

import ai.djl.ndarray.NDList;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import java.util.function.Predicate;
import org.ivit.model.TimmClassifier;
import org.ivit.model.VitConfig;
import org.ivit.model.VitFamily;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.Method;

/**
 * Everything that differs between the methods a run can train (ViT, VPT, Instruction-ViT and the
 * Table 1 baselines) in how a run is built, trained, scored and recorded, so that the engine and
 * {@link ModelFactory} never ask which method it is. Each {@link Method} has one ({@link #of}); the
 * facts a spec needs about a method (its table, mode, run name, backbones) are data on {@link
 * Method}.
 */
public interface MethodStrategy {
    /**
     * The block a run trains and the timm backbone inside it (timm weights load into the backbone).
     */
    record Blocks(AbstractBlock block, TimmClassifier backbone) {}

    /** The strategy of {@code method}. */
    static MethodStrategy of(Method method) {
        return switch (method) {
            case VIT, CLASSIFIER -> ClassifierMethod.INSTANCE;
            case VPT -> VptMethod.INSTANCE;
            case INSTRUCTION_VIT -> InstructionVitMethod.INSTANCE;
        };
    }

    /** The untrained block of a run with {@code classes} outputs. */
    default Blocks blocks(ExperimentConfig cfg, int classes, int promptDim) {
        return blocks(cfg, vitConfig(cfg, classes), promptDim);
    }

    /**
     * The untrained block on the ViT {@code vit} instead of the spec's preset (the fidelity checks
     * build their reference's tiny ViT this way); only the ViT-based methods have one.
     */
    Blocks blocks(ExperimentConfig cfg, VitConfig vit, int promptDim);

    /** The ViT of a run of the ViT-based methods: the spec's preset at its image size. */
    static VitConfig vitConfig(ExperimentConfig cfg, int classes) {
        return VitFamily.config(cfg.backbone(), classes, cfg.data().imageSize());
    }

    /** After initialisation and loading the backbone: e.g. the prompt bank goes in. */
    default void prepare(AbstractBlock block, float[] promptBank) {}

    /**
     * The parameter names that train, given the built backbone ({@link Blocks#backbone()}); every
     * other parameter is frozen.
     */
    Predicate<String> trainable(ExperimentConfig cfg, TimmClassifier backbone);

    /**
     * The terms of the training loss over the block's outputs and the (soft) targets, built once
     * per run: the loss is their sum (Instruction-ViT: CE of the head, then the similarity loss).
     */
    LossTerms lossTerms(ExperimentConfig cfg);

    /**
     * The training loss, the sum of {@link #lossTerms}, as the DJL loss the trainer is configured
     * with.
     */
    default Loss loss(ExperimentConfig cfg) {
        LossTerms terms = lossTerms(cfg);
        return new MethodLoss("loss", (outputs, targets) -> terms.total(outputs, targets));
    }

    /** The block's inputs at evaluation (images, and for some methods more). */
    default NDList evaluationInputs(ExperimentConfig cfg, RunData data, Batch batch, String split)
            throws java.io.IOException {
        return new NDList(batch.getData().head());
    }

    /**
     * The summary's prompt fields: CLIP, template set, similarity loss and top-K, or "none" and
     * nulls.
     */
    default PromptFields promptFields(ExperimentConfig cfg) {
        return new PromptFields("none", null, null, null);
    }

    /**
     * What summary.json records about the prompts (the results contract wants clip as a string).
     */
    record PromptFields(String clip, String templateSet, String simLoss, Integer topK) {}
}
