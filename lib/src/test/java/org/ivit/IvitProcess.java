package org.ivit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts a JVM the way the project does, through {@code environment/ivit} with its JVM options and
 * environment, given a manifest-only jar of this test's classpath (plus any extra folders, e.g. a
 * user's registrations) and data, results and weights folders inside {@code dir}.
 */
public final class IvitProcess {
    public record Result(int exit, String out, String err) {}

    private final Path dir;
    private final List<Path> extraClassPath;

    private IvitProcess(Path dir, List<Path> extraClassPath) {
        this.dir = dir;
        this.extraClassPath = List.copyOf(extraClassPath);
    }

    public static IvitProcess in(Path dir) {
        return new IvitProcess(dir, List.of());
    }

    /** The same, with folders or jars added after the test classpath. */
    public IvitProcess withClassPath(Path... extra) {
        List<Path> all = new ArrayList<>(extraClassPath);
        all.addAll(List.of(extra));
        return new IvitProcess(dir, all);
    }

    /** Runs {@code environment/ivit args} with {@code main} as the jar's Main-Class. */
    public Result run(String main, String... args) throws IOException, InterruptedException {
        Path jar = dir.resolve(main.replace('.', '_') + ".jar");
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.put(Attributes.Name.MAIN_CLASS, main);
        a.put(
                Attributes.Name.CLASS_PATH,
                Stream.concat(
                                Stream.of(
                                                System.getProperty("java.class.path")
                                                        .split(File.pathSeparator))
                                        .map(Path::of),
                                extraClassPath.stream())
                        .map(p -> p.toAbsolutePath().toUri().toString())
                        .collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out, manifest)) {
            // the manifest is the whole jar
        }
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "bash",
                                ReferenceFiles.projectRoot()
                                        .resolve("environment/ivit")
                                        .toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("IVIT_JAR", jar.toString());
        pb.environment()
                .put(
                        "IVIT_JAVA",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("IVIT_JAVA_OPTS", "-Xmx1g -Dai.djl.pytorch.num_threads=1");
        pb.environment()
                .put("IVIT_DATA_DIR", Files.createDirectories(dir.resolve("data")).toString());
        pb.environment()
                .put(
                        "IVIT_RESULTS_DIR",
                        Files.createDirectories(dir.resolve("results")).toString());
        pb.environment()
                .put(
                        "IVIT_WEIGHTS_DIR",
                        Files.createDirectories(dir.resolve("weights")).toString());
        pb.environment().remove("IVIT_ALLOW_ONLINE");
        pb.redirectOutput(dir.resolve("out.txt").toFile());
        pb.redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        assertTrue(
                p.waitFor(300, TimeUnit.SECONDS),
                "child JVM timed out: environment/ivit " + String.join(" ", args));
        return new Result(
                p.exitValue(),
                Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }
}
