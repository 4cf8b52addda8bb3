package org.ivit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DJL contacts a cloud metadata address at start-up unless ai.djl.offline=true and
 * OPT_OUT_TRACKING=true. Every JVM the project starts must carry both: the test forks (this one),
 * the CLI launcher and the kernel's kernel.json.
 */
class OfflineGuardTest {
    @TempDir Path dir;

    @Test
    void testJvmRunsOffline() {
        assertEquals(
                "true",
                System.getProperty("ai.djl.offline"),
                "surefire argLine lost -Dai.djl.offline=true");
        assertEquals(
                "true", System.getenv("OPT_OUT_TRACKING"), "surefire lost OPT_OUT_TRACKING=true");
    }

    @Test
    void launcherStartsJavaOffline() throws Exception {
        List<String> seen = runLauncher(false);
        assertTrue(
                seen.contains("ARG -Dai.djl.offline=true"),
                "environment/ivit dropped -Dai.djl.offline=true: " + seen);
        assertTrue(
                seen.contains("ENV OPT_OUT_TRACKING=true"),
                "environment/ivit dropped OPT_OUT_TRACKING: " + seen);
        assertTrue(seen.contains("ENV DJL_OFFLINE=true"), seen.toString());
    }

    @Test
    void onlineSwitchLiftsOfflineModeButNeverTracking() throws Exception {
        List<String> seen = runLauncher(true);
        assertTrue(seen.stream().noneMatch(s -> s.contains("ai.djl.offline")), seen.toString());
        assertTrue(seen.contains("ENV OPT_OUT_TRACKING=true"), seen.toString());
    }

    /** Runs environment/ivit with a stand-in java that prints its arguments and environment. */
    private List<String> runLauncher(boolean online) throws IOException, InterruptedException {
        Path fakeJava = dir.resolve("java");
        Files.writeString(
                fakeJava,
                "#!/bin/sh\nfor a in \"$@\"; do echo \"ARG $a\"; done\n"
                        + "echo \"ENV OPT_OUT_TRACKING=$OPT_OUT_TRACKING\"\necho \"ENV DJL_OFFLINE=$DJL_OFFLINE\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path fakeJar = Files.writeString(dir.resolve("fake.jar"), "");
        ProcessBuilder pb =
                new ProcessBuilder(
                        "bash",
                        ReferenceFiles.projectRoot().resolve("environment/ivit").toString(),
                        "--version");
        pb.environment().remove("OPT_OUT_TRACKING");
        pb.environment().remove("DJL_OFFLINE");
        pb.environment().put("IVIT_JAVA", fakeJava.toString());
        pb.environment().put("IVIT_JAR", fakeJar.toString());
        pb.environment().put("IVIT_ALLOW_ONLINE", online ? "1" : "0");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    @Test
    void kernelSpecTemplateRunsOffline() throws IOException {
        Path template =
                ReferenceFiles.projectRoot().resolve("environment/kernelspec/kernel.json.template");
        String json = Files.readString(template);
        assertTrue(
                json.contains("\"-Dai.djl.offline=true\""),
                template + " lost -Dai.djl.offline=true");
        assertTrue(
                json.replace(" ", "").contains("\"OPT_OUT_TRACKING\":\"true\""),
                template + " lost OPT_OUT_TRACKING");
    }

    @Test
    void installedKernelSpecRunsOfflineWhenPresent() throws IOException {
        Path installed =
                Path.of(
                        System.getProperty("user.home"),
                        ".local/share/jupyter/kernels/java/kernel.json");
        if (Files.exists(installed)) {
            String json = Files.readString(installed).replace(" ", "");
            assertTrue(
                    json.contains("ai.djl.offline=true")
                            && json.contains("\"OPT_OUT_TRACKING\":\"true\""),
                    installed + " runs the kernel without the offline settings");
        }
    }
}
