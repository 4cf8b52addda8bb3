package org.ivit.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ivit.Project;
import org.ivit.data.ImageDecoder;
import org.ivit.data.augment.ImagePipeline;
import org.ivit.data.augment.Normalization;
import org.ivit.data.augment.RgbImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ivit bench loader}: the training loader's per-image work (JPEG decode, RandomResizedCrop,
 * flip, RandAugment(2, 9), normalise to CHW floats) on JPEGs this command writes (the paper's
 * datasets' typical 500x375, some portrait, one in ten greyscale, one in twenty-five CMYK), timed
 * for 1..N threads; then torchvision's DataLoader on the same files with the same transforms
 * (environment/bench-loader-pytorch, Debian's python3-torchvision) with 1..N workers, side by side.
 */
@Command(
        name = "loader",
        description = {
            "Time the training loader (decode, RandomResizedCrop, flip, RandAugment, normalise)"
                    + " at 224 on JPEGs it writes, for 1..N threads, beside torchvision's DataLoader on the same files; prints a table."
        })
final class BenchLoaderCommand implements Callable<Integer> {
    @Option(
            names = "--images",
            defaultValue = "200",
            description =
                    "JPEG files to write and load per thread count (default: ${DEFAULT-VALUE})")
    int images;

    @Option(names = "--threads", description = "the largest thread count (default: the cores)")
    Integer maxThreads;

    @Option(names = "--size", defaultValue = "224")
    int size;

    @Option(names = "--no-pytorch", description = "skip torchvision's side")
    boolean noPytorch;

    @Option(
            names = "--folder",
            description = "where to write the JPEGs (default: a temporary folder, removed after)")
    Path folder;

    @Override
    public Integer call() throws Exception {
        int threadsUpTo =
                maxThreads != null ? maxThreads : Runtime.getRuntime().availableProcessors();
        boolean temporary = folder == null;
        Path dir =
                temporary
                        ? Files.createTempDirectory("ivit-bench-loader")
                        : Files.createDirectories(folder);
        try {
            List<Path> files = BenchJpegs.write(dir, images);
            System.out.println(
                    "loader bench: "
                            + files.size()
                            + " JPEGs in "
                            + dir
                            + " ("
                            + BenchJpegs.describe(files)
                            + "), output "
                            + size
                            + "x"
                            + size
                            + "; load average "
                            + Files.readString(Path.of("/proc/loadavg")).trim());
            ImagePipeline pipeline = ImagePipeline.train(size, true);
            run(
                    files,
                    pipeline,
                    1,
                    Math.min(files.size(), 40)); // warm-up: the JIT compiles the hot loops
            Map<Integer, Double> java = new LinkedHashMap<>();
            for (int t = 1; t <= threadsUpTo; t++) {
                java.put(t, run(files, pipeline, t, files.size()));
            }
            double decodeShare = decodeShare(files, pipeline);
            Map<Integer, JsonObject> torch = noPytorch ? Map.of() : torchvision(dir, threadsUpTo);
            System.out.printf(
                    Locale.ROOT,
                    "single thread: JPEG decoding is %.0f%% of the per-image time (ImageIO)%n",
                    100 * decodeShare);
            System.out.println(
                    "| threads / workers | ivit img/s | ivit img/s per thread | torchvision img/s | torchvision img/s per worker |");
            System.out.println("|---|---|---|---|---|");
            for (Map.Entry<Integer, Double> e : java.entrySet()) {
                JsonObject t = torch.get(e.getKey());
                String tv =
                        t == null
                                ? "n/a | n/a"
                                : String.format(
                                        Locale.ROOT,
                                        "%.1f | %.1f",
                                        t.get("img_per_s").getAsDouble(),
                                        t.get("img_per_s").getAsDouble() / e.getKey());
                System.out.printf(
                        Locale.ROOT,
                        "| %d | %.1f | %.1f | %s |%n",
                        e.getKey(),
                        e.getValue(),
                        e.getValue() / e.getKey(),
                        tv);
            }
            System.out.println(
                    "load average after: "
                            + Files.readString(Path.of("/proc/loadavg")).trim()
                            + " (other processes share these cores; compare within this table only)");
        } finally {
            if (temporary) {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
        return 0;
    }

    /**
     * Images per second of the whole per-image work over {@code count} files on {@code threads}
     * threads.
     */
    private double run(List<Path> files, ImagePipeline pipeline, int threads, int count)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<Float>> work = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Path file = files.get(i);
                long seed = i;
                work.add(
                        pool.submit(
                                () -> {
                                    RgbImage out =
                                            pipeline.apply(
                                                    ImageDecoder.decode(file), new Random(seed));
                                    return out.toChw(Normalization.IMAGENET)[0];
                                }));
            }
            for (Future<Float> f : work) {
                f.get();
            }
            return count / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** On one thread: decoding's share of decode + transforms + normalise. */
    private double decodeShare(List<Path> files, ImagePipeline pipeline) throws IOException {
        long decode = 0;
        long rest = 0;
        for (int i = 0; i < files.size(); i++) {
            long t0 = System.nanoTime();
            RgbImage image = ImageDecoder.decode(files.get(i));
            long t1 = System.nanoTime();
            pipeline.apply(image, new Random(i)).toChw(Normalization.IMAGENET);
            long t2 = System.nanoTime();
            decode += t1 - t0;
            rest += t2 - t1;
        }
        return decode / (double) (decode + rest);
    }

    /**
     * environment/bench-loader-pytorch's JSON lines by worker count; empty (with a note) where it
     * cannot run.
     */
    private Map<Integer, JsonObject> torchvision(Path dir, int threadsUpTo)
            throws IOException, InterruptedException {
        Path script = Project.root().resolve("environment/bench-loader-pytorch");
        ProcessBuilder builder =
                new ProcessBuilder(
                                "/usr/bin/python3",
                                script.toString(),
                                "--folder",
                                dir.toString(),
                                "--workers",
                                String.valueOf(threadsUpTo),
                                "--size",
                                String.valueOf(size))
                        .redirectErrorStream(true);
        builder.environment().remove("LD_PRELOAD");
        System.err.println("bench: torchvision DataLoader ...");
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Map<Integer, JsonObject> byWorkers = new LinkedHashMap<>();
        if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
            System.out.println(
                    "torchvision side failed ("
                            + script
                            + "): "
                            + output.strip().lines().reduce((a, b) -> b).orElse(""));
            return byWorkers;
        }
        output.lines()
                .filter(l -> l.startsWith("{"))
                .map(l -> JsonParser.parseString(l).getAsJsonObject())
                .forEach(o -> byWorkers.put(o.get("workers").getAsInt(), o));
        output.lines()
                .filter(l -> !l.startsWith("{"))
                .forEach(l -> System.out.println("torchvision: " + l));
        return byWorkers;
    }
}
