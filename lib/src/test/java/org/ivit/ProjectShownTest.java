package org.ivit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Paths printed into logs and committed notebooks name no machine's folders. */
class ProjectShownTest {
    @Test
    void aPathInsideTheProjectIsShownRelativeToIt() {
        Path inside = Project.root().resolve("results/pretraining/run-1");
        assertEquals(Path.of("results/pretraining/run-1"), Project.shown(inside));
    }

    @Test
    void aPathOutsideTheProjectIsShownAsGiven() {
        Path outside = Path.of("/var/tmp/elsewhere/run-1");
        assertEquals(outside, Project.shown(outside));
    }
}
