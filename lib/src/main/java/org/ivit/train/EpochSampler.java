package org.ivit.train;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Batches of sample indices whose order is a function of (seed, epoch) only, so a run resumed
 * from a checkpoint sees exactly the batches the uninterrupted run saw.
 */
public final class EpochSampler implements Sampler {
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;

    public EpochSampler(int batchSize, boolean shuffle, long seed, boolean dropLast) {
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
    }

    public static EpochSampler training(int batchSize, long seed, int epoch) {
        return new EpochSampler(batchSize, true, seed * 1_000_003L + epoch, true);
    }

    public static EpochSampler inOrder(int batchSize) {
        return new EpochSampler(batchSize, false, 0, false);
    }

    @Override
    public Iterator<List<Long>> sample(RandomAccessDataset dataset) {
        List<Long> order = new ArrayList<>();
        for (long i = 0; i < dataset.size(); i++) {
            order.add(i);
        }
        if (shuffle) {
            Collections.shuffle(order, new Random(seed));
        }
        List<List<Long>> batches = new ArrayList<>();
        for (int start = 0; start < order.size(); start += batchSize) {
            int end = Math.min(order.size(), start + batchSize);
            if (dropLast && end - start < batchSize) {
                break;
            }
            batches.add(order.subList(start, end));
        }
        return batches.iterator();
    }

    @Override
    public int getBatchSize() {
        return batchSize;
    }
}
