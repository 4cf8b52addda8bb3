package org.ivit.cli;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.ivit.clip.Clip;
import org.ivit.clip.ClipConfig;
import org.ivit.clip.ClipTokenizer;
import org.ivit.data.prepare.Caltech101Recipe;
import org.ivit.prompt.TemplateSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench prompts}: time a text prompt bank (196 Stanford Cars classes x 34 Caltech templates
 * by default) encoded at full length (77 tokens) and trimmed to each batch's longest text, with
 * random-weight CLIPs of the reference's tiny size and of ViT-B/32's text tower. Prints one JSON
 * line per model, including the largest difference between the two encodings.
 */
@Command(
        name = "prompts",
        description = "Time prompt-bank text encoding, trimmed vs full length; prints JSON lines.")
final class BenchPromptsCommand implements Callable<Integer> {
    @Option(
            names = "--models",
            split = ",",
            defaultValue = "tiny,vit-b32",
            description = "CLIP presets (tiny, small, vit-b32, vit-b16)")
    List<String> models;

    @Option(
            names = "--templates",
            description = "template set (default: Caltech-101's, 34 templates)")
    String templates;

    @Option(
            names = "--classes",
            defaultValue = "196",
            description = "how many of the 196 car classes to use")
    int classes;

    @Override
    public Integer call() throws Exception {
        TemplateSet set =
                TemplateSet.named(
                        templates != null ? templates : Caltech101Recipe.DATASET.templateSet());
        List<String> names = carClasses().subList(0, Math.min(classes, 196));
        List<String> texts = new ArrayList<>();
        names.forEach(n -> texts.addAll(set.prompts(n)));
        for (String preset : models) {
            try (Clip clip = Clip.random(ClipConfig.preset(preset), 0)) {
                long t0 = System.nanoTime();
                long[][] ids = clip.tokenizer().paddedIds(texts);
                long tokenizeMs = (System.nanoTime() - t0) / 1_000_000;
                clip.embedTokenIds(Arrays.copyOf(ids, Math.min(64, ids.length)), false); // warm-up
                long t1 = System.nanoTime();
                float[][] full = clip.embedTokenIds(ids, false);
                long t2 = System.nanoTime();
                float[][] trimmed = clip.embedTokenIds(ids, true);
                long t3 = System.nanoTime();
                double worst = 0;
                for (int i = 0; i < full.length; i++) {
                    for (int d = 0; d < full[i].length; d++) {
                        worst = Math.max(worst, Math.abs(full[i][d] - trimmed[i][d]));
                    }
                }
                long realTokens = 0;
                int longest = 0;
                for (long[] row : ids) {
                    int n = ClipTokenizer.realLength(row);
                    realTokens += n;
                    longest = Math.max(longest, n);
                }
                JsonObject line = new JsonObject();
                line.addProperty("model", preset);
                line.addProperty("text_width", clip.config().text().width());
                line.addProperty("text_layers", clip.config().text().layers());
                line.addProperty("texts", texts.size());
                line.addProperty("templates", set.name());
                line.addProperty(
                        "mean_real_tokens", Math.round(10.0 * realTokens / ids.length) / 10.0);
                line.addProperty("longest_tokens", longest);
                line.addProperty("ms_tokenize", tokenizeMs);
                line.addProperty("ms_full_77", (t2 - t1) / 1_000_000);
                line.addProperty("ms_trimmed", (t3 - t2) / 1_000_000);
                line.addProperty("speedup", Math.round(100.0 * (t2 - t1) / (t3 - t2)) / 100.0);
                line.addProperty("max_abs_diff", worst);
                line.addProperty("weights", clip.label());
                System.out.println(line);
            }
        }
        return 0;
    }

    private static List<String> carClasses() throws IOException {
        try (InputStream in = TemplateSet.class.getResourceAsStream("stanford-cars-classes.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        }
    }
}
