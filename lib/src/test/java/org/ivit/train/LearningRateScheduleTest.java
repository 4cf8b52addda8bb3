package org.ivit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The two schedules at hand-computed points: the paper's per-step one and timm 0.4.12's as the
 * authors' script steps it.
 */
class LearningRateScheduleTest {
    @Test
    void perStepWarmsUpLinearlyThenFollowsTheCosine() {
        LearningRateSchedule s = new LearningRateSchedule(1e-4, 1e-5, 5, 20, false, 10, 10);
        assertEquals(2e-6, s.at(0), 1e-12); // end of step 1 = 0.1 epochs
        assertEquals(1e-4, s.at(49), 1e-12); // end of warm-up
        assertEquals(5.5e-5, s.at(124), 1e-12); // half-way through the cosine
        assertEquals(1e-5, s.at(199), 1e-12); // last step
    }

    /**
     * FACTS §2: the lr each of the authors' 20 epochs trains with (timm 0.4.12, stepped after the
     * epoch, cycle_limit 0).
     */
    static final double[] AUTHORS_EPOCHS = {
        0, 0, 2e-5, 4e-5, 6e-5, 8e-5, 5.50e-5, 4.11e-5, 2.85e-5, 1.86e-5, 1.22e-5, 1e-4, 9.78e-5,
        9.14e-5, 8.15e-5, 6.89e-5, 5.50e-5, 4.11e-5, 2.85e-5, 1.86e-5
    };

    @Test
    void authorsScheduleMatchesTheFactsTableEpochByEpoch() {
        int stepsPerEpoch = 7;
        LearningRateSchedule s =
                new LearningRateSchedule(1e-4, 1e-5, 5, 20, true, 10, stepsPerEpoch);
        for (int epoch = 0; epoch < 20; epoch++) {
            for (int step = 0; step < stepsPerEpoch; step++) { // constant within an epoch
                assertEquals(
                        AUTHORS_EPOCHS[epoch],
                        s.at((long) epoch * stepsPerEpoch + step),
                        0.005e-5,
                        "epoch " + epoch);
            }
        }
    }

    @Test
    void authorsScheduleLagsOneEpochAndRestartsAtEpochEleven() {
        LearningRateSchedule s = new LearningRateSchedule(1e-4, 1e-5, 5, 20, true, 10, 1);
        assertEquals(0.0, s.at(0)); // construction sets warmup_lr_init = 0
        assertEquals(0.0, s.at(1)); // step(0) sets f(0) = 0
        assertEquals(8e-5, s.at(5), 1e-18); // f(4), the warm-up's peak, not 1e-4
        assertEquals(
                1e-5 + 4.5e-5 * (1 + Math.cos(Math.PI * 0.5)),
                s.at(6),
                1e-18); // f(5): the cosine counts from epoch 0
        assertEquals(1e-4, s.at(11), 0.0); // f(10): the warm restart at the full rate
        assertEquals(1e-5 + 4.5e-5 * (1 + Math.cos(Math.PI * 0.8)), s.at(19), 1e-18);
    }

    @Test
    void theReferencesTimmScheduleIsReproducedExactly() {
        // reference/training/README.md: t_initial 3, warmup_t 1, lr 1e-3 -> 1e-4; epochs 0..5
        LearningRateSchedule s = new LearningRateSchedule(1e-3, 1e-4, 1, 6, true, 3, 2);
        double[] expected = {
            0.0, 0.0, 0.0007750000000000001, 0.0003250000000000001, 0.001, 0.0007750000000000001
        };
        for (int epoch = 0; epoch < 6; epoch++) {
            assertEquals(expected[epoch], s.at(2L * epoch), 0.0, "epoch " + epoch);
            assertEquals(expected[epoch], s.at(2L * epoch + 1), 0.0, "epoch " + epoch);
        }
    }

    /** The quick profile's scaling: 10 timm units per epoch keep the 20-epoch shape in 2 epochs. */
    @Test
    void steppedTenTimesPerEpochTheShapeFitsTwoEpochs() {
        int stepsPerEpoch = 15;
        LearningRateSchedule scaled =
                new LearningRateSchedule(1e-4, 1e-5, 0.5, 2, true, 1, stepsPerEpoch, 10);
        LearningRateSchedule authors = new LearningRateSchedule(1e-4, 1e-5, 5, 20, true, 10, 1);
        for (int step = 0; step < 2 * stepsPerEpoch; step++) {
            long unit = (long) step * 10 / stepsPerEpoch;
            assertEquals(authors.at(unit), scaled.at(step), 1e-18, "step " + step);
        }
        assertEquals(0.0, scaled.at(2)); // units 0 and 1: the lag at lr 0
        assertEquals(1e-4, scaled.at(17)); // unit 11: the restart
    }
}
