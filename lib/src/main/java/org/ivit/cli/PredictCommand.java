package org.ivit.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.ivit.Project;
import org.ivit.results.image.AttentionOverlay;
import org.ivit.runs.RunPredictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ivit predict}: the top-5 classes of images by a trained Instruction-ViT run, and its
 * attention.
 */
@Command(
        name = "predict",
        description = {
            "Classify images with a finished Instruction-ViT run: per image the top-5 classes with the head's softmax"
                    + " probability, and each class's prompt similarity (100 x cosine of the output class token with the class's"
                    + " output prompt token), softmaxed over the classes, with the raw value in brackets.",
            "Loads <results>/runs/RUN_ID/config.json and checkpoints/best.safetensors (checkpoints are not committed: train the"
                    + " run first) and the class names from the prepared dataset."
        },
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {
            "0:every image was classified",
            "1:a file is missing or unreadable, or the run is not an Instruction-ViT run (named)",
            "2:usage error"
        })
final class PredictCommand implements Callable<Integer> {
    static final int TOP = 5;

    @Option(
            names = "--run",
            required = true,
            paramLabel = "RUN_ID",
            description = "a run id under <results>/runs/")
    String run;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "image files (PNG, JPEG)")
    List<Path> images;

    @Option(
            names = "--attention",
            paramLabel = "OUT.png",
            description =
                    "write the class token's last-layer attention over"
                            + " the first image (and its attention to each prompt) to this PNG")
    Path attention;

    @Option(
            names = "--results-dir",
            paramLabel = "DIR",
            description = "the results folder (default: $IVIT_RESULTS_DIR, else <repo>/results)")
    Path resultsDir;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "prepared data, for the class names (default: $IVIT_DATA_DIR, else <repo>/data)")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        Path runDir =
                (resultsDir != null ? resultsDir : Project.resultsDir())
                        .resolve("runs")
                        .resolve(run);
        for (Path image : images) {
            if (!Files.isRegularFile(image)) {
                System.err.println("predict: no image file " + image);
                return 1;
            }
        }
        try (RunPredictor predictor = RunPredictor.open(runDir, Project.dataDir(dataDir))) {
            List<String> classes = predictor.classNames();
            for (int i = 0; i < images.size(); i++) {
                RunPredictor.Prediction p = predictor.predict(images.get(i));
                System.out.println(images.get(i) + " (run " + predictor.runId() + "):");
                System.out.println(
                        String.format(
                                Locale.ROOT,
                                "  %-4s %-24s %8s  %s",
                                "rank",
                                "class",
                                "head",
                                "prompt similarity: softmax (100 x cosine)"));
                int rank = 1;
                for (int c : p.top(TOP)) {
                    System.out.println(
                            String.format(
                                    Locale.ROOT,
                                    "  %-4d %-24s %7.2f%%  %7.2f%% (%.2f)",
                                    rank++,
                                    classes.get(c),
                                    100 * p.headProbabilities()[c],
                                    100 * p.similarityProbabilities()[c],
                                    p.similarities()[c]));
                }
                if (i == 0 && attention != null) {
                    BufferedImage overlay =
                            AttentionOverlay.render(
                                    ImageIO.read(images.get(i).toFile()),
                                    p.patchAttention(),
                                    p.grid(),
                                    p.promptAttention(),
                                    classes);
                    Path parent = attention.toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    ImageIO.write(overlay, "png", attention.toFile());
                    System.out.println("  attention overlay: " + attention);
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            System.err.println(
                    "predict: "
                            + e.getFile()
                            + " is missing"
                            + (e.getReason() == null ? "" : ": " + e.getReason()));
            return 1;
        } catch (java.io.IOException | IllegalArgumentException e) {
            // an image that does not decode, or a run of another method: the message names the file
            // or run
            System.err.println("predict: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
