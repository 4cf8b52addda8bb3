package org.ivit.cli;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.ivit.model.VitConfig;
import org.ivit.model.VitFamily;
import org.ivit.model.Vits;
import org.ivit.platform.MklPath;
import org.ivit.runs.ProcessMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Benchmarks; figures are printed, never asserted. */
@Command(
        name = "bench",
        description = "Benchmarks that print figures.",
        subcommands = {
            BenchCommand.Train.class,
            BenchPromptsCommand.class,
            BenchLoaderCommand.class
        })
final class BenchCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        CommandGroup.requireSubcommand(spec);
    }

    /** One training step = forward, backward and an Adam update, on random data after a warm-up. */
    @Command(
            name = "train",
            description = {
                "Time training steps of a ViT on random data; prints one JSON line, with the"
                        + " MKL path that ran (CPU vendor, vendor shim loaded or not) and this process's float32 matmul speed (sgemm_gflops).",
                "--side-by-side: the same steps in child processes without and with the MKL vendor shim, and in PyTorch"
                        + " (environment/bench-pytorch), for each --configs entry; prints a table with each one's share of the best SGEMM speed."
            })
    static final class Train implements Callable<Integer> {
        @Option(
                names = "--model",
                defaultValue = "tiny",
                description = "vit_base_patch16_224 or tiny")
        String modelName;

        @Option(names = "--batch", defaultValue = "8")
        int batch;

        @Option(names = "--steps", defaultValue = "5")
        int steps;

        @Option(names = "--warmup", defaultValue = "2")
        int warmup;

        @Option(names = "--threads", description = "intra-op threads (default: the cores)")
        Integer threads;

        @Option(
                names = "--side-by-side",
                description =
                        "run without and with the MKL vendor shim (child JVMs) and PyTorch, per --configs")
        boolean sideBySide;

        @Option(
                names = "--configs",
                split = ",",
                defaultValue = "vit_base_patch16_224:8,tiny:64",
                paramLabel = "MODEL:BATCH",
                description =
                        "with --side-by-side: the models and batches (default: ${DEFAULT-VALUE})")
        List<String> configs;

        @Option(
                names = "--sgemm-size",
                defaultValue = "1024",
                description = "n of the n x n float32 matmul timed for sgemm_gflops")
        int sgemmSize;

        @Override
        public Integer call() throws Exception {
            if (sideBySide) {
                return new TrainBenchSideBySide(configs, steps, warmup, threads, sgemmSize)
                        .run(System.out);
            }
            if (threads != null) {
                // read once by DJL when the engine starts, so it must be set before any NDArray
                // exists
                System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
            }
            VitConfig config = VitFamily.config(modelName);
            long[] millis = new long[steps];
            long[][] phases = new long[steps][];
            try (Model model = Vits.create(config, 0)) {
                DefaultTrainingConfig training =
                        new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                                .optOptimizer(
                                        Optimizer.adam()
                                                .optLearningRateTracker(Tracker.fixed(1e-4f))
                                                .build());
                try (Trainer trainer = model.newTrainer(training)) {
                    Shape input =
                            new Shape(
                                    batch,
                                    config.channels(),
                                    config.imageSize(),
                                    config.imageSize());
                    for (int i = 0; i < warmup + steps; i++) {
                        long start = System.nanoTime();
                        long[] phase = step(trainer, input, config.classes());
                        if (i >= warmup) {
                            millis[i - warmup] = (System.nanoTime() - start) / 1_000_000;
                            phases[i - warmup] = phase;
                        }
                    }
                }
            }
            Arrays.sort(millis);
            double median =
                    steps % 2 == 1
                            ? millis[steps / 2]
                            : (millis[steps / 2 - 1] + millis[steps / 2]) / 2.0;
            JsonObject line = new JsonObject();
            line.addProperty("model", modelName);
            line.addProperty("batch", batch);
            line.addProperty("ms_per_step_median", median);
            line.addProperty("img_per_s", Math.round(batch * 1000.0 / median * 100) / 100.0);
            line.addProperty("peak_rss_mb", ProcessMemory.peakResidentMb());
            line.addProperty("ms_forward_median", medianOf(phases, 0));
            line.addProperty("ms_backward_median", medianOf(phases, 1));
            line.addProperty("ms_optimizer_median", medianOf(phases, 2));
            MklPath mkl = MklPath.current();
            line.addProperty(
                    "engine",
                    "djl "
                            + ai.djl.engine.Engine.getDjlVersion()
                            + " libtorch "
                            + ai.djl.engine.Engine.getInstance().getVersion());
            line.addProperty("cpu_vendor", mkl.vendor().id());
            line.addProperty("mkl_vendor_shim", mkl.shimLoaded());
            line.addProperty("mkl", mkl.describe());
            line.addProperty("sgemm_gflops", SgemmProbe.gflops(sgemmSize, 5));
            line.addProperty(
                    "model_gflops_per_s",
                    Math.round(
                                    new VitTrainingFlops(config).trainingPerImage()
                                            * batch
                                            * 1000.0
                                            / median
                                            / 1e9
                                            * 10)
                            / 10.0);
            System.out.println(line);
            return 0;
        }

        private static long medianOf(long[][] phases, int which) {
            long[] values = Arrays.stream(phases).mapToLong(p -> p[which]).sorted().toArray();
            return values[values.length / 2];
        }

        /** One step; returns the milliseconds of forward, backward and the optimizer update. */
        private static long[] step(Trainer trainer, Shape input, int classes) {
            try (NDManager batch = trainer.getManager().newSubManager()) {
                NDArray images = batch.randomNormal(input);
                NDArray labels =
                        batch.randomInteger(
                                0,
                                classes,
                                new Shape(input.get(0)),
                                ai.djl.ndarray.types.DataType.INT64);
                long t0 = System.nanoTime();
                long t1;
                long t2;
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList out = trainer.forward(new NDList(images));
                    NDArray loss =
                            trainer.getLoss().evaluate(new NDList(labels), new NDList(out.head()));
                    loss.getFloat(); // forces the lazy work to finish before timing the next phase
                    t1 = System.nanoTime();
                    collector.backward(loss);
                    t2 = System.nanoTime();
                }
                trainer.step();
                long t3 = System.nanoTime();
                return new long[] {
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000
                };
            }
        }
    }
}
