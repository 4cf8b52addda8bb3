package org.ivit.train;

import ai.djl.ndarray.NDList;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.dataset.Batch;
import java.io.IOException;
import java.util.function.Predicate;
import org.ivit.loss.InstructionLoss;
import org.ivit.model.InstructionViT;
import org.ivit.model.TimmClassifier;
import org.ivit.spec.ExperimentConfig;
import org.ivit.spec.PromptTokens;
import org.ivit.spec.TuningMode;

/**
 * Instruction-ViT: one CLIP prompt token per class joins the sequence; the loss adds the similarity
 * of the output class token to the prompts; evaluation may restrict the prompts to a zero-shot
 * top-K.
 */
final class InstructionVitMethod implements MethodStrategy {
    static final InstructionVitMethod INSTANCE = new InstructionVitMethod();

    private InstructionVitMethod() {}

    @Override
    public Blocks blocks(ExperimentConfig cfg, org.ivit.model.VitConfig vit, int promptDim) {
        InstructionViT ivit = new InstructionViT(vit, promptDim, cfg.prompt().simScale());
        return new Blocks(ivit, ivit.backbone());
    }

    @Override
    public void prepare(AbstractBlock block, float[] promptBank) {
        if (promptBank == null) {
            throw new IllegalArgumentException("Instruction-ViT needs a prompt bank");
        }
        ((InstructionViT) block).setPrompts(promptBank);
    }

    /**
     * Full mode: everything, the prompt tokens only with {@code promptTokens=trained}. Prompt mode:
     * the head, prompt_proj with {@code trainPromptProj} (the paper), the prompt tokens with {@code
     * promptTokens=trained} (the package before the recipes).
     */
    @Override
    public Predicate<String> trainable(ExperimentConfig cfg, TimmClassifier backbone) {
        boolean tokens = cfg.behaviour().promptTokens() == PromptTokens.TRAINED;
        if (cfg.mode() == TuningMode.FULL) {
            return name -> tokens || !name.equals("prompt_token");
        }
        return name ->
                name.startsWith("head.")
                        || (tokens && name.equals("prompt_token"))
                        || (cfg.prompt().trainPromptProj() && name.startsWith("prompt_proj."));
    }

    /** CE of the head, then the similarity loss of the spec ({@link InstructionLoss}). */
    @Override
    public LossTerms lossTerms(ExperimentConfig cfg) {
        InstructionLoss loss = new InstructionLoss(cfg.prompt().simLoss());
        return (outputs, targets) -> loss.terms(outputs.get(0), outputs.get(1), targets);
    }

    @Override
    public NDList evaluationInputs(ExperimentConfig cfg, RunData data, Batch batch, String split)
            throws IOException {
        NDList input = new NDList(batch.getData().head());
        if (cfg.prompt().valTopK() > 0 && data.promptSelection() != null) {
            input.add(
                    data.promptSelection()
                            .topK(
                                    batch.getManager(),
                                    split,
                                    batch.getIndices(),
                                    cfg.prompt().valTopK()));
        }
        return input;
    }

    @Override
    public PromptFields promptFields(ExperimentConfig cfg) {
        return new PromptFields(
                cfg.prompt().clip(),
                cfg.prompt().templateSet(),
                cfg.prompt().simLoss().id(),
                cfg.prompt().valTopK() > 0 ? cfg.prompt().valTopK() : null);
    }
}
