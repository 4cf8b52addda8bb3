package org.ivit.loss;

import ai.djl.ndarray.NDArray;

/** Instruction-ViT's training loss: CE(head logits) + similarity loss (either variant). */
public record InstructionLoss(SimilarityLoss similarity) {

    public NDArray of(NDArray headLogits, NDArray similarityLogits, NDArray targets) {
        return SoftTargetCrossEntropy.of(headLogits, targets).add(similarity.of(similarityLogits, targets));
    }
}
