package org.ivit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * What a run trains and evaluates on. The splits yield (image (3, H, W) float32, label int64);
 * {@code promptSelection}, when present, gives the zero-shot top-K classes of evaluation samples.
 */
public record RunData(RandomAccessDataset train, RandomAccessDataset val, RandomAccessDataset test,
                      List<String> classes, String datasetHash, IntSupplier badImages,
                      PromptSelection promptSelection) {

    /** The K classes CLIP ranks highest for each sample of an evaluation batch, as INT64 (B, K). */
    public interface PromptSelection {
        NDArray topK(NDManager manager, String split, List<?> sampleIndices, int k);
    }
}
