package org.ivit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The paper's recipe (1e-4, 5 warm-up epochs, cosine to 1e-5 over 20) at hand-computed points. */
class LearningRateScheduleTest {
    @Test
    void perStepWarmsUpLinearlyThenFollowsTheCosine() {
        LearningRateSchedule s = new LearningRateSchedule(1e-4, 1e-5, 5, 20, false, 10, 10);
        assertEquals(2e-6, s.at(0), 1e-12);          // end of step 1 = 0.1 epochs
        assertEquals(1e-4, s.at(49), 1e-12);         // end of warm-up
        assertEquals(5.5e-5, s.at(124), 1e-12);      // half-way through the cosine
        assertEquals(1e-5, s.at(199), 1e-12);        // last step
    }

    @Test
    void authorsVariantIsTimmsPerEpochSchedule() {
        LearningRateSchedule s = new LearningRateSchedule(1e-4, 1e-5, 5, 20, true, 10, 10);
        assertEquals(0, s.at(5), 1e-12);             // epoch 0 starts at warmup_lr_init = 0
        assertEquals(8e-5, s.at(45), 1e-12);         // epoch 4
        assertEquals(5.5e-5, s.at(50), 1e-12);       // epoch 5: the cosine counts from epoch 0
        assertEquals(2.854966e-5, s.at(79), 1e-10);  // epoch 7: 1e-5 + 4.5e-5 (1 + cos(0.7 pi))
        assertEquals(1e-5, s.at(150), 1e-12);        // after t_initial = 10 epochs: lr_min
    }
}
