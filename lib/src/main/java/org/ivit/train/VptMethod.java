package org.ivit.train;

import ai.djl.training.loss.Loss;
import java.util.Set;
import java.util.function.Predicate;
import org.ivit.loss.SoftTargetCrossEntropy;
import org.ivit.model.TimmClassifier;
import org.ivit.model.VisualPromptTuning;

/** Visual Prompt Tuning: learned prompt tokens and the head train, the backbone stays frozen (Table 2). */
final class VptMethod implements MethodStrategy {
    private static final Set<String> PROMPTS = Set.of("prompt_embeddings", "deep_prompt_embeddings");

    @Override
    public int table(TuningMode mode) {
        return 2;
    }

    @Override
    public TuningMode mode(TuningMode requested) {
        return TuningMode.PROMPT;
    }

    @Override
    public Blocks blocks(ExperimentConfig cfg, int classes, int promptDim) {
        VisualPromptTuning vpt = new VisualPromptTuning(MethodStrategy.vitConfig(cfg, classes), cfg.vptTokens(), cfg.vptDeep());
        return new Blocks(vpt, vpt.backbone());
    }

    @Override
    public Predicate<String> trainable(ExperimentConfig cfg, TimmClassifier backbone) {
        return name -> name.startsWith("head.") || PROMPTS.contains(name)
                || (cfg.prompt().trainPromptProj() && name.startsWith("prompt_proj."));
    }

    @Override
    public Loss loss(ExperimentConfig cfg) {
        return new MethodLoss("soft_target_ce", (outputs, targets) -> SoftTargetCrossEntropy.of(outputs.get(0), targets));
    }
}
