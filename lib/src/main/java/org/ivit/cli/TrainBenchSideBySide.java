package org.ivit.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.ivit.Project;
import org.ivit.platform.MklPath;

/**
 * {@code ivit bench train --side-by-side}: each configuration timed in three child processes, one
 * after the other on the same machine: DJL without the MKL vendor shim, DJL with it (LD_PRELOAD),
 * and PyTorch (environment/bench-pytorch, OpenBLAS choosing its own kernels). The children's JSON
 * lines become one table; each training speed is also given as a share of the best SGEMM speed any
 * child measured (the machine's float32 matmul peak as far as these libraries reach it).
 */
final class TrainBenchSideBySide {
    private final List<String> configs;
    private final int steps;
    private final int warmup;
    private final Integer threads;
    private final int sgemmSize;

    TrainBenchSideBySide(
            List<String> configs, int steps, int warmup, Integer threads, int sgemmSize) {
        this.configs = configs;
        this.steps = steps;
        this.warmup = warmup;
        this.threads = threads;
        this.sgemmSize = sgemmSize;
    }

    /** One measured child: its label and JSON line, or the reason it gave none. */
    private record Result(String config, String label, JsonObject line, String failure) {}

    int run(PrintStream out) throws IOException, InterruptedException {
        Path root = Project.root();
        Path shim = root.resolve("environment/mkl-shim/target/" + MklPath.SHIM_LIBRARY);
        out.println(
                "machine: "
                        + modelName()
                        + ", "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores; load average before: "
                        + loadAverage());
        if (!Files.isRegularFile(shim)) {
            out.println(
                    "note: "
                            + shim
                            + " is not built (environment/mkl-shim/build); the 'shim' rows run without it");
        }
        List<Result> results = new ArrayList<>();
        for (String entry : configs) {
            String[] parts = entry.split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException(
                        "--configs entry '" + entry + "' is not MODEL:BATCH");
            }
            List<String> args =
                    new ArrayList<>(
                            List.of(
                                    "--model",
                                    parts[0],
                                    "--batch",
                                    parts[1],
                                    "--steps",
                                    String.valueOf(steps),
                                    "--warmup",
                                    String.valueOf(warmup)));
            // the same intra-op threads for every engine (PyTorch would count physical cores, DJL
            // logical ones)
            args.addAll(
                    List.of(
                            "--threads",
                            String.valueOf(
                                    threads != null
                                            ? threads
                                            : Runtime.getRuntime().availableProcessors())));
            results.add(child(entry, "djl, no shim", djl(args), env -> withoutShim(env)));
            results.add(
                    child(
                            entry,
                            "djl, MKL shim",
                            djl(args),
                            env -> {
                                withoutShim(env);
                                env.put(
                                        "LD_PRELOAD",
                                        shim
                                                + (env.containsKey("LD_PRELOAD")
                                                        ? ":" + env.get("LD_PRELOAD")
                                                        : ""));
                            }));
            List<String> python =
                    new ArrayList<>(
                            List.of(
                                    "/usr/bin/python3",
                                    root.resolve("environment/bench-pytorch").toString()));
            python.addAll(args);
            python.addAll(List.of("--sgemm-size", String.valueOf(sgemmSize)));
            results.add(child(entry, "pytorch", python, env -> withoutShim(env)));
        }
        double peak =
                results.stream()
                        .filter(r -> r.line() != null && r.line().has("sgemm_gflops"))
                        .mapToDouble(r -> r.line().get("sgemm_gflops").getAsDouble())
                        .max()
                        .orElse(Double.NaN);
        out.println(
                "load average after: "
                        + loadAverage()
                        + " (other processes share these cores; compare rows of this table only)");
        out.printf(
                Locale.ROOT,
                "SGEMM peak (best %dx%d float32 matmul of any row): %.1f GFLOP/s%n",
                sgemmSize,
                sgemmSize,
                peak);
        out.println(
                "| model:batch | engine | img/s | ms/step | model GFLOP/s | % of SGEMM peak | own SGEMM GFLOP/s | MKL / BLAS |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            if (r.line() == null) {
                out.println(
                        "| "
                                + r.config()
                                + " | "
                                + r.label()
                                + " | failed: "
                                + r.failure()
                                + " | | | | | |");
                continue;
            }
            JsonObject l = r.line();
            String preset = r.config().split(":")[0];
            double model =
                    new VitTrainingFlops(org.ivit.model.VitFamily.config(preset)).trainingPerImage()
                            * l.get("img_per_s").getAsDouble()
                            / 1e9;
            out.printf(
                    Locale.ROOT,
                    "| %s | %s | %.2f | %.0f | %.1f | %.0f%% | %.1f | %s |%n",
                    r.config(),
                    r.label(),
                    l.get("img_per_s").getAsDouble(),
                    l.get("ms_per_step_median").getAsDouble(),
                    model,
                    100 * model / peak,
                    l.has("sgemm_gflops") ? l.get("sgemm_gflops").getAsDouble() : Double.NaN,
                    blas(l));
        }
        return results.stream().anyMatch(r -> r.line() == null) ? 1 : 0;
    }

    private static String blas(JsonObject line) {
        if (line.has("mkl")) {
            return line.get("mkl").getAsString();
        }
        return line.has("openblas") ? "OpenBLAS " + line.get("openblas").getAsString() : "";
    }

    /** This JVM's java and class path, with the launcher's offline settings. */
    private static List<String> djl(List<String> args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command =
                new ArrayList<>(
                        List.of(
                                java,
                                "-Dai.djl.offline=true",
                                "-Djava.awt.headless=true",
                                "-Divit.project.root=" + Project.root(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                Main.class.getName(),
                                "bench",
                                "train"));
        command.addAll(args);
        return command;
    }

    private static void withoutShim(Map<String, String> env) {
        String preload = env.get("LD_PRELOAD");
        if (preload == null) {
            return;
        }
        String kept =
                Arrays.stream(preload.split(":"))
                        .filter(p -> !p.endsWith("/" + MklPath.SHIM_LIBRARY))
                        .collect(Collectors.joining(":"));
        if (kept.isEmpty()) {
            env.remove("LD_PRELOAD");
        } else {
            env.put("LD_PRELOAD", kept);
        }
    }

    private Result child(
            String config,
            String label,
            List<String> command,
            java.util.function.Consumer<Map<String, String>> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OPT_OUT_TRACKING", "true");
        builder.environment().put("DJL_OFFLINE", "true");
        env.accept(builder.environment());
        System.err.println("bench: " + config + " " + label + " ...");
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
            String[] lines = output.strip().split("\n");
            return new Result(
                    config, label, null, "exit " + p.exitValue() + ": " + lines[lines.length - 1]);
        }
        String last =
                output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse(null);
        if (last == null) {
            return new Result(config, label, null, "no JSON line in its output");
        }
        JsonObject line = JsonParser.parseString(last).getAsJsonObject();
        System.err.println("bench: " + line);
        return new Result(config, label, line, null);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String modelName() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
