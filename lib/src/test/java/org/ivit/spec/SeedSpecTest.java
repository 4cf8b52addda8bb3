package org.ivit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ivit.CliRun;
import org.junit.jupiter.api.Test;

/**
 * Seeds in the spec: each profile's list, --seeds, and one run (and run id) per seed that differs
 * only in its seed.
 */
class SeedSpecTest {
    @Test
    void bothProfilesTrainThreeSeedsTheFirstBeingTheRecordedOne() {
        for (String profile : Profiles.NAMES) {
            assertEquals(List.of(1234, 1235, 1236), Profiles.seeds(profile).values(), profile);
            assertEquals(
                    1234,
                    Profiles.of(
                                    profile,
                                    Profiles.defaultDatasets(profile).get(0),
                                    Method.VIT,
                                    null,
                                    TuningMode.FULL)
                            .seed());
        }
    }

    @Test
    void eachSeedIsItsOwnRunAndTheFirstSeedKeepsThePinnedIds() {
        List<ExperimentConfig> runs =
                Profiles.reproduce(
                        Profiles.QUICK,
                        List.of(1, 2),
                        Profiles.defaultDatasets(Profiles.QUICK),
                        Profiles.seeds(Profiles.QUICK));
        assertEquals(30, runs.size(), "3 seeds x (6 cells + 4 authors rows)");
        org.ivit.train.RunIds committed =
                org.ivit.train.RunIds.in(org.ivit.Project.root().resolve("results/runs"));
        assertEquals(
                PinnedRunIdsTest.QUICK,
                runs.subList(0, 10).stream().map(committed::idFor).toList());
        assertEquals(30, runs.stream().map(committed::idFor).distinct().count());
        assertEquals(30, runs.stream().map(ExperimentConfig::newRunId).distinct().count());
        for (int i = 0; i < 10; i++) {
            ExperimentConfig first = runs.get(i);
            ExperimentConfig third = runs.get(20 + i);
            assertEquals(1236, third.seed());
            assertEquals(
                    first.newRunId().substring(0, first.newRunId().lastIndexOf('-')),
                    third.newRunId().substring(0, third.newRunId().lastIndexOf('-')));
            // the same cell: nothing but the seed differs
            assertEquals(
                    first.toJson().replace("\"seed\": 1234", "\"seed\": 1236"), third.toJson());
        }
    }

    @Test
    void seedsAreACountOrAListWithCommas() {
        SeedList profile = Profiles.seeds(Profiles.QUICK);
        assertEquals(List.of(1234), SeedList.parse("1", profile).values());
        assertEquals(List.of(1234, 1235, 1236, 1237, 1238), SeedList.parse("5", profile).values());
        assertEquals(List.of(7), SeedList.parse("7,", profile).values());
        assertEquals(List.of(1234, 7, 99), SeedList.parse(" 1234, 7,99 ", profile).values());
        IllegalArgumentException zero =
                assertThrows(IllegalArgumentException.class, () -> SeedList.parse("0", profile));
        assertTrue(zero.getMessage().contains("at least 1"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SeedList.parse("1,1", profile));
        assertThrows(IllegalArgumentException.class, () -> SeedList.parse("a,b", profile));
        assertNotEquals(
                SeedList.parse("2", profile),
                SeedList.parse("1235,1234", profile),
                "order matters");
    }

    @Test
    void trainRefusesTwoWaysOfChoosingTheSeedAndABadCount() {
        CliRun both = CliRun.of("train", "--seeds", "2", "--set", "seed=5", "--dry-run");
        assertEquals(2, both.exitCode(), both::out);
        assertTrue(
                both.err().contains("--seeds and --set seed=... both choose the seed"), both.err());
        CliRun bad = CliRun.of("train", "--seeds", "-1", "--dry-run");
        assertEquals(2, bad.exitCode(), bad::out);
        assertTrue(
                bad.err().contains("--seeds '-1': the number of seeds must be at least 1"),
                bad.err());
    }
}
