package org.ivit.platform;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The device DJL trains on, as the run record keeps it (type, name, memory, TF32), and the check
 * that a run which needs a GPU has one. DJL finds CUDA through JNA and quietly falls back to the
 * CPU when that fails, so a GPU run checks before it starts instead of training for weeks on the
 * CPU.
 */
public record ComputeDevice(
        String type,
        int gpus,
        String name,
        Long memoryMb,
        String computeCapability,
        boolean tf32Matmul) {

    /** What DJL sees in this process. */
    public static ComputeDevice current() {
        int gpus = Engine.getInstance().getGpuCount();
        if (gpus == 0) {
            return new ComputeDevice("cpu", 0, null, null, null, false);
        }
        String capability = null;
        Long memory = null;
        try {
            capability = CudaUtils.getComputeCapability(0);
            memory = CudaUtils.getGpuMemory(Device.gpu(0)).getMax() >> 20;
        } catch (RuntimeException e) {
            // the name from nvidia-smi below still identifies the card
        }
        boolean tf32 = "1".equals(System.getenv("TORCH_ALLOW_TF32_CUBLAS_OVERRIDE"));
        return new ComputeDevice("gpu", gpus, nvidiaSmiName(), memory, capability, tf32);
    }

    /** Throws when {@code choice} is GPU and DJL sees none, naming what to check. */
    public static void require(DeviceChoice choice, String profile) {
        if (choice != DeviceChoice.GPU) {
            return;
        }
        int gpus = Engine.getInstance().getGpuCount();
        if (gpus == 0) {
            throw new GpuRequiredException(
                    noGpuMessage(
                            profile, System::getenv, loadedLibtorch(), nvidiaSmiName() != null));
        }
    }

    /**
     * The refusal: what was asked, what DJL loaded, and the three things that make a GPU visible to
     * it.
     */
    static String noGpuMessage(
            String profile, UnaryOperator<String> env, String libtorch, boolean driverAnswers) {
        List<String> parts = new ArrayList<>();
        parts.add(
                ("paper".equals(profile)
                                ? "the paper profile trains on a GPU"
                                : "--device gpu was asked for")
                        + ", but DJL sees no GPU (it would train on the CPU without a word). libtorch loaded: "
                        + libtorch
                        + ".");
        parts.add(
                "(1) PYTORCH_LIBRARY_PATH="
                        + shown(env.apply("PYTORCH_LIBRARY_PATH"))
                        + ": the CUDA libtorch folder; the CPU build from Maven Central (pytorch-native-cpu) has no CUDA, and"
                        + " ai.djl.pytorch:pytorch-native-cu* is NOT on Maven Central: either DJL downloads CUDA libtorch itself"
                        + " when online (IVIT_ALLOW_ONLINE=1, once, with PYTORCH_FLAVOR), or PYTORCH_LIBRARY_PATH names a local"
                        + " CUDA libtorch offline.");
        parts.add(
                "(2) PYTORCH_FLAVOR="
                        + shown(env.apply("PYTORCH_FLAVOR"))
                        + ": the CUDA flavour of that libtorch (e.g. cu124), matching PYTORCH_VERSION="
                        + shown(env.apply("PYTORCH_VERSION"))
                        + ".");
        parts.add(
                "(3) the NVIDIA driver: nvidia-smi "
                        + (driverAnswers ? "lists a GPU" : "is missing or lists no GPU")
                        + "; libcuda.so.1 must be loadable (DJL finds CUDA through JNA); CUDA_VISIBLE_DEVICES="
                        + shown(env.apply("CUDA_VISIBLE_DEVICES"))
                        + ".");
        parts.add("To run on the CPU anyway (a dry run): --device cpu or IVIT_ALLOW_CPU=1.");
        return String.join(" ", parts);
    }

    private static String shown(String value) {
        return value == null ? "(unset)" : value;
    }

    /**
     * The libtorch libraries mapped into this process: whether a CUDA one (libtorch_cuda.so) is
     * among them.
     */
    static String loadedLibtorch() {
        try {
            List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
            String cpu =
                    maps.stream()
                            .filter(l -> l.endsWith("/libtorch_cpu.so"))
                            .map(l -> l.substring(l.indexOf('/')))
                            .findFirst()
                            .orElse(null);
            boolean cuda = maps.stream().anyMatch(l -> l.endsWith("/libtorch_cuda.so"));
            if (cpu == null) {
                return "none found in /proc/self/maps";
            }
            return Path.of(cpu).getParent()
                    + (cuda ? " (a CUDA build)" : " (a CPU-only build: no libtorch_cuda.so)");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** GPU 0's name from nvidia-smi, or null where it does not answer. */
    static String nvidiaSmiName() {
        try {
            Process p =
                    new ProcessBuilder(
                                    "nvidia-smi",
                                    "--query-gpu=name",
                                    "--format=csv,noheader",
                                    "-i",
                                    "0")
                            .redirectErrorStream(true)
                            .start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()
                    ? out
                    : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The run record's "device" object. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("type", type);
        if (gpus > 0) {
            o.addProperty("gpus", gpus);
            o.addProperty("name", name);
            o.addProperty("memory_mb", memoryMb);
            o.addProperty("compute_capability", computeCapability);
            o.addProperty("tf32_matmul", tf32Matmul);
        }
        return o;
    }
}
