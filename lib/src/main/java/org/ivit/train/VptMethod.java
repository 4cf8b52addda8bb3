package org.ivit.train;

import java.util.Set;
import java.util.function.Predicate;
import org.ivit.loss.SoftTargetCrossEntropy;
import org.ivit.model.TimmClassifier;
import org.ivit.model.VisualPromptTuning;
import org.ivit.spec.ExperimentConfig;

/**
 * Visual Prompt Tuning: learned prompt tokens and the head train, the backbone stays frozen (Table
 * 2).
 */
final class VptMethod implements MethodStrategy {
    static final VptMethod INSTANCE = new VptMethod();

    private VptMethod() {}

    private static final Set<String> PROMPTS =
            Set.of("prompt_embeddings", "deep_prompt_embeddings");

    @Override
    public Blocks blocks(ExperimentConfig cfg, org.ivit.model.VitConfig vit, int promptDim) {
        VisualPromptTuning vpt = new VisualPromptTuning(vit, cfg.vptTokens(), cfg.vptDeep());
        return new Blocks(vpt, vpt.backbone());
    }

    @Override
    public Predicate<String> trainable(ExperimentConfig cfg, TimmClassifier backbone) {
        return name -> name.startsWith("head.") || PROMPTS.contains(name);
    }

    @Override
    public LossTerms lossTerms(ExperimentConfig cfg) {
        return (outputs, targets) ->
                new ai.djl.ndarray.NDList(SoftTargetCrossEntropy.of(outputs.get(0), targets));
    }
}
