package org.ivit.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The devices and job ids Slurm assigned are recorded in the run's provenance, and only those that
 * are set.
 */
class SchedulerProvenanceTest {
    @Test
    void slurmDevicesAndIdsAreRecorded() {
        Map<String, String> env =
                Map.of(
                        "CUDA_VISIBLE_DEVICES",
                        "0,1",
                        "SLURM_JOB_ID",
                        "4711",
                        "SLURM_ARRAY_JOB_ID",
                        "4700",
                        "SLURM_ARRAY_TASK_ID",
                        "3",
                        "HOME",
                        "/root");
        Map<String, String> o = Provenance.scheduler(env::get);
        assertEquals("0,1", o.get("cuda_visible_devices"));
        assertEquals("4711", o.get("slurm_job_id"));
        assertEquals("4700", o.get("slurm_array_job_id"));
        assertEquals("3", o.get("slurm_array_task_id"));
        assertFalse(o.containsKey("home"));
        assertEquals("host", o.keySet().iterator().next(), "the host comes first");
        assertEquals(5, o.size(), o::toString);
    }

    @Test
    void outsideSlurmOnlyTheHostIsRecorded() {
        Map<String, String> o = Provenance.scheduler(k -> null);
        assertEquals(1, o.size(), o::toString);
    }
}
