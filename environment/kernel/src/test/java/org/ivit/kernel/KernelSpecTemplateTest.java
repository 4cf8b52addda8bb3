package org.ivit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the kernelspec: every JVM this project starts must run DJL offline with tracking off, or
 * DJL contacts the network at start-up.
 */
class KernelSpecTemplateTest {

    static JsonObject template() throws IOException {
        String text =
                Files.readString(
                        ProjectFiles.root().resolve("environment/kernelspec/kernel.json.template"));
        return JsonParser.parseString(text).getAsJsonObject();
    }

    static List<String> argv(JsonObject spec) {
        List<String> argv = new ArrayList<>();
        for (JsonElement element : spec.getAsJsonArray("argv")) {
            argv.add(element.getAsString());
        }
        return argv;
    }

    @Test
    void djlRunsOfflineAndTrackingIsOff() throws IOException {
        JsonObject spec = template();
        assertTrue(
                argv(spec).contains("-Dai.djl.offline=true"),
                "argv lost -Dai.djl.offline=true: " + argv(spec));
        JsonObject env = spec.getAsJsonObject("env");
        assertEquals(
                "true",
                env.get("OPT_OUT_TRACKING").getAsString(),
                "env must set OPT_OUT_TRACKING=true");
        assertEquals("true", env.get("DJL_OFFLINE").getAsString());
    }

    @Test
    void theKernelRunsHeadlessFromTheJarAndTakesInterruptsAsMessages() throws IOException {
        JsonObject spec = template();
        List<String> argv = argv(spec);
        assertEquals("java", argv.get(0));
        assertTrue(argv.contains("-Djava.awt.headless=true"), argv::toString);
        int jar = argv.indexOf("-jar");
        assertEquals("@KERNEL_JAR@", argv.get(jar + 1));
        assertEquals("{connection_file}", argv.get(argv.size() - 1));
        // JVM options must come before -jar, or java hands them to the kernel as arguments.
        assertTrue(argv.indexOf("-Dai.djl.offline=true") < jar, argv::toString);
        assertEquals("message", spec.get("interrupt_mode").getAsString());
        assertEquals("java", spec.get("language").getAsString());
        assertEquals(
                "@CLASSPATH@", spec.getAsJsonObject("env").get("JJAVA_CLASSPATH").getAsString());
    }

    @Test
    void theHeapIsAShareOfTheMemoryTheContainerHasNotAFixedSize() throws IOException {
        List<String> argv = argv(template());
        // A fixed -Xmx12g lets a kernel in a 2 GB Binder container grow until the container is
        // killed.
        assertTrue(argv.stream().noneMatch(a -> a.startsWith("-Xmx")), "no fixed heap: " + argv);
        assertTrue(
                argv.contains("-XX:MaxRAMPercentage=50"),
                "heap = 50 % of the container's memory: " + argv);
        assertTrue(argv.indexOf("-XX:MaxRAMPercentage=50") < argv.indexOf("-jar"), argv::toString);
    }

    @Test
    void anIdleKernelCanGiveItsMemoryBack() throws IOException {
        JsonObject spec = template();
        List<String> argv = argv(spec);
        // G1 shrinks the heap after the kernel's idle-time collection (IdleMemoryRelease) down to
        // MaxHeapFreeRatio free; few malloc arenas keep libtorch's freed pages trimmable.
        for (String flag :
                List.of("-XX:+UseG1GC", "-XX:MaxHeapFreeRatio=30", "-XX:MinHeapFreeRatio=10")) {
            assertTrue(
                    argv.contains(flag) && argv.indexOf(flag) < argv.indexOf("-jar"),
                    flag + " before -jar: " + argv);
        }
        assertEquals("2", spec.getAsJsonObject("env").get("MALLOC_ARENA_MAX").getAsString());
    }
}
