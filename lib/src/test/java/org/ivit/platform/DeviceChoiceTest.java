package org.ivit.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which runs need a GPU, the overrides, and the refusal's message. */
class DeviceChoiceTest {
    private static DeviceChoice choice(
            String profile, Map<String, String> properties, Map<String, String> env) {
        return DeviceChoice.forProfile(profile, properties::get, env::get);
    }

    @Test
    void thePaperProfileNeedsAGpuAndTheQuickOneTakesWhatItFinds() {
        assertEquals(DeviceChoice.GPU, choice("paper", Map.of(), Map.of()));
        assertEquals(DeviceChoice.AUTO, choice("quick", Map.of(), Map.of()));
    }

    @Test
    void deviceOptionThenIvitDeviceThenIvitAllowCpuOverride() {
        assertEquals(DeviceChoice.CPU, choice("paper", Map.of(), Map.of("IVIT_ALLOW_CPU", "1")));
        assertEquals(DeviceChoice.GPU, choice("paper", Map.of(), Map.of("IVIT_ALLOW_CPU", "0")));
        assertEquals(DeviceChoice.GPU, choice("quick", Map.of(), Map.of("IVIT_DEVICE", "gpu")));
        assertEquals(
                DeviceChoice.CPU,
                choice(
                        "paper",
                        Map.of(DeviceChoice.PROPERTY, "cpu"),
                        Map.of("IVIT_DEVICE", "gpu")));
        IllegalArgumentException bad =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> choice("paper", Map.of(), Map.of("IVIT_DEVICE", "tpu")));
        assertTrue(
                bad.getMessage().contains("IVIT_DEVICE") && bad.getMessage().contains("tpu"),
                bad.getMessage());
    }

    @Test
    void theRefusalNamesTheLibraryPathTheFlavourTheDriverAndTheOverride() {
        String message =
                ComputeDevice.noGpuMessage(
                        "paper",
                        Map.of("PYTORCH_FLAVOR", "cu124")::get,
                        "/root/.djl.ai/pytorch/2.7.1-cpu-linux-x86_64 (a CPU-only build: no libtorch_cuda.so)",
                        false);
        for (String part :
                new String[] {
                    "the paper profile trains on a GPU",
                    "PYTORCH_LIBRARY_PATH=(unset)",
                    "PYTORCH_FLAVOR=cu124",
                    "pytorch-native-cu* is NOT on Maven Central",
                    "IVIT_ALLOW_ONLINE=1",
                    "nvidia-smi is missing",
                    "libcuda.so.1",
                    "--device cpu or IVIT_ALLOW_CPU=1",
                    "CPU-only build"
                }) {
            assertTrue(message.contains(part), "missing '" + part + "' in: " + message);
        }
    }

    @Test
    void onThisMachineWithoutAGpuAGpuRunIsRefusedAndTheOthersPass() {
        assumeTrue(Engine.getInstance().getGpuCount() == 0, "a GPU is visible here");
        GpuRequiredException refused =
                assertThrows(
                        GpuRequiredException.class,
                        () -> ComputeDevice.require(DeviceChoice.GPU, "paper"));
        assertTrue(
                refused.getMessage().contains("libtorch_cpu")
                        || refused.getMessage().contains("CPU-only build"),
                refused.getMessage());
        ComputeDevice.require(DeviceChoice.CPU, "paper");
        ComputeDevice.require(DeviceChoice.AUTO, "quick");
        assertEquals("cpu", ComputeDevice.current().toJson().get("type").getAsString());
    }
}
