package org.ivit.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** Instruction-ViT's training loss: CE(head logits) + similarity loss (either variant). */
public record InstructionLoss(SimilarityLoss similarity) {

    public NDArray of(NDArray headLogits, NDArray similarityLogits, NDArray targets) {
        return SoftTargetCrossEntropy.of(headLogits, targets)
                .add(similarity.of(similarityLogits, targets));
    }

    /** The two terms: CE of the head, then the similarity loss; their sum is {@link #of}. */
    public NDList terms(NDArray headLogits, NDArray similarityLogits, NDArray targets) {
        return new NDList(
                SoftTargetCrossEntropy.of(headLogits, targets),
                similarity.of(similarityLogits, targets));
    }
}
