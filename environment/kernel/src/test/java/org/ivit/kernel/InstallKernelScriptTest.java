package org.ivit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs environment/install-kernel against a stand-in for jupyter that keeps what it is given. */
class InstallKernelScriptTest {

    @TempDir Path dir;

    private Path fakeJupyter;
    private Path installed;
    private Path kernelJar;
    private Path libJar;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs python3");
        installed = dir.resolve("installed");
        fakeJupyter = dir.resolve("jupyter");
        // The last argument is the kernelspec folder; keep a copy of it.
        Files.writeString(
                fakeJupyter,
                "#!/bin/bash\n[[ \"$2\" == --help ]] && exit 0\n"
                        + "echo \"$@\" > '"
                        + dir.resolve("args")
                        + "'\n"
                        + "cp -r \"${@: -1}\" '"
                        + installed
                        + "'\n");
        Files.setPosixFilePermissions(fakeJupyter, PosixFilePermissions.fromString("rwxr-xr-x"));
        kernelJar = Files.createFile(dir.resolve("kernel-all.jar"));
        libJar = Files.createFile(dir.resolve("lib-all.jar"));
    }

    private Run install(Map<String, String> extraEnv, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command().add(ProjectFiles.root().resolve("environment/install-kernel").toString());
        builder.command().addAll(List.of(args));
        builder.environment().put("JUPYTER", fakeJupyter.toString());
        builder.environment().remove("JJAVA_CLASSPATH");
        builder.environment().remove("IVIT_ALLOW_ONLINE");
        builder.environment().remove("IVIT_KERNEL_NAME");
        builder.environment().putAll(extraEnv);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "install-kernel hung");
        return new Run(process.exitValue(), output);
    }

    private JsonObject installedSpec() throws IOException {
        return JsonParser.parseString(Files.readString(installed.resolve("kernel.json")))
                .getAsJsonObject();
    }

    @Test
    void writesAbsolutePathsAndKeepsDjlOffline() throws Exception {
        Run run = install(Map.of(), kernelJar.toString(), libJar.toString());
        assertEquals(0, run.exit, run.output);
        String args = Files.readString(dir.resolve("args")).trim();
        assertTrue(args.startsWith("kernelspec install --user --replace --name java "), args);

        JsonObject spec = installedSpec();
        List<String> argv = KernelSpecTemplateTest.argv(spec);
        assertTrue(argv.contains(kernelJar.toString()), argv::toString);
        assertTrue(argv.contains("-Dai.djl.offline=true"), argv::toString);
        JsonObject env = spec.getAsJsonObject("env");
        assertEquals(libJar.toString(), env.get("JJAVA_CLASSPATH").getAsString());
        assertEquals("true", env.get("OPT_OUT_TRACKING").getAsString());
        assertEquals("true", env.get("DJL_OFFLINE").getAsString());
    }

    @Test
    void takesTheClasspathFromJjavaClasspathWhenNoneIsGiven() throws Exception {
        Run run = install(Map.of("JJAVA_CLASSPATH", libJar.toString()), kernelJar.toString());
        assertEquals(0, run.exit, run.output);
        assertEquals(
                libJar.toString(),
                installedSpec().getAsJsonObject("env").get("JJAVA_CLASSPATH").getAsString());
    }

    @Test
    void allowOnlineDropsOnlyTheOfflineSettings() throws Exception {
        Run run =
                install(Map.of("IVIT_ALLOW_ONLINE", "1"), kernelJar.toString(), libJar.toString());
        assertEquals(0, run.exit, run.output);
        JsonObject spec = installedSpec();
        assertFalse(KernelSpecTemplateTest.argv(spec).contains("-Dai.djl.offline=true"));
        assertFalse(spec.getAsJsonObject("env").has("DJL_OFFLINE"));
        assertEquals("true", spec.getAsJsonObject("env").get("OPT_OUT_TRACKING").getAsString());
    }

    @Test
    void anotherNameInstallsBesideTheMainKernel() throws Exception {
        Run run =
                install(
                        Map.of("IVIT_KERNEL_NAME", "java-try"),
                        kernelJar.toString(),
                        libJar.toString());
        assertEquals(0, run.exit, run.output);
        String args = Files.readString(dir.resolve("args")).strip();
        assertTrue(args.startsWith("kernelspec install --user --replace --name java-try "), args);
        Run bad =
                install(
                        Map.of("IVIT_KERNEL_NAME", "../java"),
                        kernelJar.toString(),
                        libJar.toString());
        assertNotEquals(0, bad.exit);
        assertTrue(bad.output.contains("IVIT_KERNEL_NAME"), bad.output);
    }

    @Test
    void aMissingJarFailsWithItsName() throws Exception {
        Path missing = dir.resolve("not-built.jar");
        Run run = install(Map.of(), kernelJar.toString(), missing.toString());
        assertNotEquals(0, run.exit);
        assertTrue(run.output.contains(missing.toString()), run.output);
        assertFalse(Files.exists(installed), "nothing may be installed");
    }

    private record Run(int exit, String output) {}
}
