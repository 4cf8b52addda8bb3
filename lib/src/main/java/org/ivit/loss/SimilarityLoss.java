package org.ivit.loss;

import ai.djl.ndarray.NDArray;

/**
 * The two readings of Instruction-ViT's similarity loss. Both take the scaled similarity logits (B,
 * N) and the (soft) targets.
 */
public enum SimilarityLoss {
    /** The paper's formula: cross-entropy over the scaled similarity logits. */
    PAPER("paper"),
    /**
     * The authors' code: the logits are softmaxed first and then given to PyTorch's
     * CrossEntropyLoss, which applies log-softmax again: CE(softmax(s)).
     */
    AUTHORS("authors");

    private final String id;

    SimilarityLoss(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public NDArray of(NDArray similarityLogits, NDArray targets) {
        NDArray input = this == PAPER ? similarityLogits : similarityLogits.softmax(-1);
        return SoftTargetCrossEntropy.of(input, targets);
    }

    public static SimilarityLoss fromId(String id) {
        for (SimilarityLoss l : values()) {
            if (l.id.equals(id)) {
                return l;
            }
        }
        throw new IllegalArgumentException(
                "unknown similarity loss '" + id + "' (paper or authors)");
    }
}
