package org.ivit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ivit.train.RunDirectory.EpochMetrics;
import org.junit.jupiter.api.Test;

/**
 * The engine keeps each epoch's row as metrics.csv records it, because a resumed run reads the
 * earlier rows back from the file: found by environment/slurm/selftest, where a run killed after
 * epoch 1 and resumed reported val_top1 86.6667 and the uninterrupted one 86.66666666666667.
 */
class RecordedMetricsTest {
    @Test
    void aRowIsKeptAsTheFileKeepsIt() {
        EpochMetrics row =
                new EpochMetrics(
                        0,
                        1.0 / 3,
                        7.53e-4 + 1e-12,
                        260.0 / 3,
                        99.0,
                        Double.NaN,
                        Double.NaN,
                        14.26);
        EpochMetrics recorded = row.asRecorded();
        assertEquals(86.6667, recorded.valTop1());
        assertEquals(0.333333, recorded.trainLoss());
        assertEquals(7.53e-4, recorded.lr());
        assertEquals(14.3, recorded.seconds());
        assertEquals(Double.NaN, recorded.testTop1());
        assertEquals(recorded, recorded.asRecorded(), "recording twice changes nothing");
        EpochMetrics exact =
                new EpochMetrics(1, 0.25, 1e-4, 87.86, 99.8, Double.NaN, Double.NaN, 10.0);
        assertEquals(
                exact.valTop1(),
                exact.asRecorded().valTop1(),
                "a k/5000 accuracy (the quick profile's) is unchanged");
    }
}
