package org.ivit.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
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
        JsonObject o = Provenance.scheduler(env::get);
        assertEquals("0,1", o.get("cuda_visible_devices").getAsString());
        assertEquals("4711", o.get("slurm_job_id").getAsString());
        assertEquals("4700", o.get("slurm_array_job_id").getAsString());
        assertEquals("3", o.get("slurm_array_task_id").getAsString());
        assertFalse(o.has("home"));
        assertTrue(o.has("host"));
        assertEquals(5, o.size(), o::toString);
    }

    @Test
    void outsideSlurmOnlyTheHostIsRecorded() {
        JsonObject o = Provenance.scheduler(k -> null);
        assertEquals(1, o.size(), o::toString);
    }
}
