package org.ivit.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ivit.Project;
import org.junit.jupiter.api.Test;

/** The Binder-style configuration: .binder links resolve into environment/binder, scripts parse. */
class BinderConfigTest {
    private final Path root = Project.root();

    @Test
    void dotBinderLinksPointAtTheRealFiles() throws IOException {
        for (String name : List.of("apt.txt", "requirements.txt", "postBuild", "start")) {
            Path link = root.resolve(".binder").resolve(name);
            assertTrue(Files.isSymbolicLink(link), link + " should be a link");
            assertEquals(Path.of("../environment/binder", name), Files.readSymbolicLink(link));
            assertTrue(Files.isRegularFile(link), link + " does not resolve");
        }
        assertTrue(Files.isExecutable(root.resolve("environment/binder/postBuild")));
        assertTrue(Files.isExecutable(root.resolve("environment/binder/start")));
    }

    @Test
    void aptInstallsJava17AndMavenAndRequirementsJupyterLab() throws IOException {
        List<String> packages =
                Files.readAllLines(root.resolve("environment/binder/apt.txt")).stream()
                        .map(l -> l.replaceAll("#.*", "").strip())
                        .filter(l -> !l.isEmpty())
                        .toList();
        assertTrue(
                packages.containsAll(List.of("openjdk-17-jdk-headless", "maven")),
                packages.toString());
        assertTrue(
                Files.readString(root.resolve("environment/binder/requirements.txt"))
                        .contains("jupyterlab"));
    }

    @Test
    void scriptsAreValidBash() throws IOException, InterruptedException {
        for (String script : List.of("postBuild", "start")) {
            Process p =
                    new ProcessBuilder(
                                    "bash",
                                    "-n",
                                    root.resolve("environment/binder").resolve(script).toString())
                            .redirectErrorStream(true)
                            .start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), script + ": " + out);
        }
    }

    @Test
    void launchersSizeTheHeapByTheMemoryTheContainerHas() throws IOException {
        // Binder gives about 2 GB: a fixed -Xmx8g or -Xmx12g heap could outgrow the container.
        for (String launcher :
                List.of("environment/ivit", "environment/kernelspec/kernel.json.template")) {
            String text = Files.readString(root.resolve(launcher));
            assertTrue(!text.matches("(?s).*-Xmx\\d.*"), launcher + " hard-codes a heap size");
            assertTrue(
                    text.contains("-XX:MaxRAMPercentage=50"),
                    launcher + " should use -XX:MaxRAMPercentage=50");
        }
    }

    @Test
    void postBuildPreparesFashionMnistAfterRegisteringTheKernel() throws IOException {
        List<String> lines =
                Files.readAllLines(root.resolve("environment/binder/postBuild")).stream()
                        .map(String::strip)
                        .filter(l -> !l.startsWith("#"))
                        .toList();
        int kernel = indexOf(lines, "environment/install-kernel");
        int prepare = indexOf(lines, "data-scripts/prepare\" fashion_mnist");
        assertTrue(
                kernel >= 0 && prepare > kernel,
                "postBuild must run data-scripts/prepare fashion_mnist after the kernel: " + lines);
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
