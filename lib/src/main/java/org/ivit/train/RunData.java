package org.ivit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * What a run trains and evaluates on. The splits yield (image (3, H, W) float32, label int64);
 * {@code promptSelection}, when present, gives the zero-shot top-K classes of evaluation samples;
 * {@code startEpoch} tells the training split which epoch begins, so its augmentations are a
 * function of (seed, epoch, index) and a resumed run sees the same images. {@code fewShot} names
 * the subset a few-shot run trains on (its summary records it); null for the full splits.
 */
public record RunData(
        RandomAccessDataset train,
        RandomAccessDataset val,
        RandomAccessDataset test,
        List<String> classes,
        String datasetHash,
        IntSupplier badImages,
        ClassRanking promptSelection,
        IntConsumer startEpoch,
        FewShotSubset fewShot) {

    /** The data of a run on the full splits. */
    public RunData(
            RandomAccessDataset train,
            RandomAccessDataset val,
            RandomAccessDataset test,
            List<String> classes,
            String datasetHash,
            IntSupplier badImages,
            ClassRanking promptSelection,
            IntConsumer startEpoch) {
        this(train, val, test, classes, datasetHash, badImages, promptSelection, startEpoch, null);
    }

    /**
     * The K classes CLIP ranks highest for each sample of an evaluation batch, as INT64 (B, K),
     * best first; with K &ge; N all N classes, (B, N), which the model treats as no selection.
     */
    public interface ClassRanking {
        NDArray topK(NDManager manager, String split, List<?> sampleIndices, int k);
    }
}
