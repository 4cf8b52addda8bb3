package org.ivit.train;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Batches of sample indices whose order is a function of (seed, epoch) only, so a run resumed from
 * a checkpoint sees exactly the batches the uninterrupted run saw.
 */
public final class EpochSampler implements Sampler {
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final long limit;

    /**
     * @param limit how many samples an epoch uses at most (whole batches only when shuffling)
     */
    public EpochSampler(int batchSize, boolean shuffle, long seed, long limit) {
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.limit = limit;
    }

    /** A shuffled epoch of {@code limit} samples in batches of {@code batchSize}. */
    public static EpochSampler training(int batchSize, long seed, int epoch, long batches) {
        return new EpochSampler(batchSize, true, seed * 1_000_003L + epoch, batches * batchSize);
    }

    public static EpochSampler inOrder(int batchSize) {
        return new EpochSampler(batchSize, false, 0, Long.MAX_VALUE);
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
        int usable = (int) Math.min(order.size(), limit);
        for (int start = 0; start < usable; start += batchSize) {
            batches.add(order.subList(start, Math.min(usable, start + batchSize)));
        }
        return batches.iterator();
    }

    @Override
    public int getBatchSize() {
        return batchSize;
    }
}
