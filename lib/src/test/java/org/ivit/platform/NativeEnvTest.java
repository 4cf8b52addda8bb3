package org.ivit.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ivit.Project;
import org.junit.jupiter.api.Test;

/** environment/native-env, the one script that decides the preload for every JVM of the project. */
class NativeEnvTest {
    private static final Path SHIM =
            Project.root().resolve("environment/mkl-shim/target/" + MklPath.SHIM_LIBRARY);

    /**
     * LD_PRELOAD as a command started through native-env sees it, and what native-env printed to
     * stderr.
     */
    private static List<String> preloadSeen(Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder pb =
                new ProcessBuilder(
                        Project.root().resolve("environment/native-env").toString(),
                        "sh",
                        "-c",
                        "echo \"PRELOAD=$LD_PRELOAD\"");
        pb.environment().remove("LD_PRELOAD");
        pb.environment().remove("IVIT_MKL_VENDOR_SHIM");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    @Test
    void preloadsTheShimOnAmdWhenBuiltAndOnlyThere() throws Exception {
        List<String> seen = preloadSeen(Map.of());
        boolean expected = CpuVendor.current().amd() && Files.isRegularFile(SHIM);
        assertEquals(expected, seen.contains("PRELOAD=" + SHIM), seen.toString());
        if (CpuVendor.current().amd() && !Files.isRegularFile(SHIM)) {
            assertTrue(
                    seen.stream().anyMatch(l -> l.contains("not built")),
                    "an AMD machine without the shim is told: " + seen);
        }
    }

    @Test
    void ivitMklVendorShimZeroTurnsItOff() throws Exception {
        assertTrue(preloadSeen(Map.of("IVIT_MKL_VENDOR_SHIM", "0")).contains("PRELOAD="));
    }

    @Test
    void anotherPreloadIsKeptAndTheShimIsNotAddedTwice() throws Exception {
        List<String> seen = preloadSeen(Map.of("LD_PRELOAD", "/opt/other.so"));
        boolean shim = CpuVendor.current().amd() && Files.isRegularFile(SHIM);
        assertEquals(
                shim ? "PRELOAD=" + SHIM + ":/opt/other.so" : "PRELOAD=/opt/other.so",
                seen.get(seen.size() - 1));
        if (shim) {
            assertFalse(
                    preloadSeen(Map.of("LD_PRELOAD", SHIM.toString()))
                            .contains("PRELOAD=" + SHIM + ":" + SHIM));
        }
    }
}
