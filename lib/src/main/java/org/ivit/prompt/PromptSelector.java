package org.ivit.prompt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import org.ivit.model.ManagedArrays;

/**
 * The paper's top-K+1 prompt selection: per image, keep the prompt tokens of the K classes that
 * zero-shot CLIP scores highest, plus one token standing for all other classes (their mean).
 * Gathering and averaging are differentiable, so prompts that train receive gradients.
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
        long d = prompts.getShape().get(1);
        if (s.dimension() != 2 || s.get(1) != n) {
            throw new IllegalArgumentException("scores have shape " + s + " but there are " + n + " prompts: expected (B, " + n + ")");
        }
        if (k < 1) {
            throw new IllegalArgumentException("K must be at least 1, not " + k);
        }
        long b = s.get(0);
        if (k >= n) {
            NDArray all = ManagedArrays.onBatchOf(scores, prompts.expandDims(0).broadcast(new Shape(b, n, d)));
            NDArray labels = scores.getManager().arange(0, (int) n, 1, DataType.INT64).expandDims(0).broadcast(new Shape(b, n));
            return new PromptSelection(all, labels);
        }
        NDArray top = scores.topK(k, 1, true, true).get(1).toType(DataType.INT64, false); // (B, K), best first
        NDArray kept = ManagedArrays.onBatchOf(scores, Embedding.embedding(top, prompts, SparseFormat.DENSE).head());
        NDArray total = ManagedArrays.onBatchOf(scores, prompts.sum(new int[] {0}));      // (D)
        NDArray rest = total.sub(kept.sum(new int[] {1})).div(n - k).expandDims(1);        // (B, 1, D)
        return new PromptSelection(NDArrays.concat(new NDList(kept, rest), 1), top);
    }
}
