package org.ivit.prompt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.ivit.model.InstructionViT;
import org.ivit.model.ManagedArrays;

/**
 * The paper's top-K+1 prompt selection: per image, keep the prompt tokens of the K classes that
 * zero-shot CLIP scores highest, plus one token standing for all other classes (their mean).
 * Gathering and averaging are differentiable, so prompts that train receive gradients. This picks
 * the top K from scores; the selection itself is {@link InstructionViT#selectedPlusRest}, the same
 * code the model's validation path runs.
 */
public final class PromptSelector {
    private PromptSelector() {}

    /**
     * @param scores (B, N) zero-shot scores of every class (e.g. {@link ZeroShotClassifier#scores})
     * @param prompts (N, D) prompt tokens in label order (a parameter or a bank's array)
     * @param k classes to keep, at least 1
     */
    public static PromptSelection topKPlusOne(NDArray scores, NDArray prompts, int k) {
        Shape s = scores.getShape();
        long n = prompts.getShape().get(0);
        if (s.dimension() != 2 || s.get(1) != n) {
            throw new IllegalArgumentException(
                    "scores have shape "
                            + s
                            + " but there are "
                            + n
                            + " prompts: expected (B, "
                            + n
                            + ")");
        }
        if (k < 1) {
            throw new IllegalArgumentException("K must be at least 1, not " + k);
        }
        long b = s.get(0);
        if (k >= n) {
            NDArray all =
                    ManagedArrays.onBatchOf(scores, InstructionViT.selectPrompts(prompts, null, b));
            NDArray labels =
                    scores.getManager()
                            .arange(0, (int) n, 1, DataType.INT64)
                            .expandDims(0)
                            .broadcast(new Shape(b, n));
            return new PromptSelection(all, labels);
        }
        NDArray top =
                scores.topK(k, 1, true, true)
                        .get(1)
                        .toType(DataType.INT64, false); // (B, K), best first
        return new PromptSelection(
                ManagedArrays.onBatchOf(scores, InstructionViT.selectedPlusRest(prompts, top)),
                top);
    }
}
