package org.ivit.prompt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ivit.clip.Clip;
import org.ivit.data.LabeledImage;
import org.ivit.data.PreparedDataset;
import org.ivit.data.Split;
import org.ivit.model.UnitVectors;

/**
 * Building prompt banks, the notebook-sized way:
 *
 * <pre>{@code
 * PromptBank text = PromptBanks.text(clip, "oxford_pets", classes, TemplateSet.named("pets"));
 * PromptBank bank = PromptBanks.cached(Path.of("prompts/pets-mix.safetensors"), clip, dataset,
 *         PromptKind.MIX, TemplateSet.forDataset("oxford_pets"), 0, 1);
 * }</pre>
 *
 * <p>Normalisation. A text prompt is CLIP's zero-shot class embedding: each template's embedding
 * L2-normalised, averaged over templates, the mean L2-normalised again. Normalising first gives
 * every template an equal vote (raw norms differ by template); normalising the mean puts every
 * class on the unit sphere, where CLIP compares by cosine. An image prompt is made the same way
 * from the chosen images' embeddings (one image: its unit embedding). A mix prompt is the average
 * of the two unit vectors, normalised again: the bisector of text and image, on the same unit
 * scale.
 */
public final class PromptBanks {
    private PromptBanks() {}

    /** Text prompts: one unit vector per class from its template embeddings. */
    public static PromptBank text(
            Clip clip, String dataset, List<String> classes, TemplateSet templates)
            throws IOException {
        PromptBankRecipe recipe =
                new PromptBankRecipe(
                        dataset,
                        classes,
                        clip.modelId(),
                        clip.weightsSha256(),
                        clip.label(),
                        PromptKind.TEXT,
                        templates.name(),
                        templates.templates(),
                        null,
                        0,
                        List.of());
        return new PromptBank(recipe, textPrompts(clip, classes, templates));
    }

    /**
     * Text prompts for a list of classes that is not a prepared dataset (recorded as dataset
     * "custom").
     */
    public static PromptBank text(Clip clip, List<String> classes, TemplateSet templates)
            throws IOException {
        return text(clip, "custom", classes, templates);
    }

    /** Image prompts from {@code perClass} training images per class, chosen with {@code seed}. */
    public static PromptBank image(Clip clip, PreparedDataset data, int perClass, long seed)
            throws IOException {
        return build(clip, recipe(clip, data, PromptKind.IMAGE, null, seed, perClass), data);
    }

    /**
     * The recipe of a bank, image choice included; cheap (no CLIP forward pass, but the weights
     * hash).
     */
    public static PromptBankRecipe recipe(
            Clip clip,
            PreparedDataset data,
            PromptKind kind,
            TemplateSet templates,
            long seed,
            int perClass)
            throws IOException {
        return recipe(clip, data, kind, templates, seed, perClass, data.split(Split.TRAIN));
    }

    /**
     * The recipe of a bank whose images are chosen from {@code pool}, rows of the training split (a
     * few-shot run's k images per class: its prompts may see no other labelled image).
     */
    public static PromptBankRecipe recipe(
            Clip clip,
            PreparedDataset data,
            PromptKind kind,
            TemplateSet templates,
            long seed,
            int perClass,
            List<LabeledImage> pool)
            throws IOException {
        List<List<String>> paths = List.of();
        if (kind.usesImages()) {
            paths = new ArrayList<>();
            for (List<LabeledImage> chosen :
                    TrainingImageChoice.choose(pool, data.classNames(), perClass, seed)) {
                paths.add(chosen.stream().map(LabeledImage::path).toList());
            }
        }
        boolean text = kind.usesText();
        if (text && templates == null) {
            throw new IllegalArgumentException(kind.id() + " prompts need a template set");
        }
        return new PromptBankRecipe(
                data.name(),
                data.classNames(),
                clip.modelId(),
                clip.weightsSha256(),
                clip.label(),
                kind,
                text ? templates.name() : "none",
                text ? templates.templates() : List.of(),
                kind.usesImages() ? Long.valueOf(seed) : null,
                kind.usesImages() ? perClass : 0,
                paths);
    }

    /** Computes the bank a recipe describes. */
    public static PromptBank build(Clip clip, PromptBankRecipe recipe, PreparedDataset data)
            throws IOException {
        float[][] text =
                recipe.kind().usesText()
                        ? textPrompts(
                                clip,
                                recipe.classes(),
                                new TemplateSet(recipe.templateSet(), recipe.templates()))
                        : null;
        float[][] image =
                recipe.kind().usesImages() ? imagePrompts(clip, data, recipe.imagePaths()) : null;
        return new PromptBank(recipe, recipe.kind().combine(text, image));
    }

    /** The bank in {@code file} if its recipe is this one, else built afresh and saved there. */
    public static PromptBank cached(
            Path file,
            Clip clip,
            PreparedDataset data,
            PromptKind kind,
            TemplateSet templates,
            long seed,
            int perClass)
            throws IOException {
        return cached(file, clip, data, kind, templates, seed, perClass, data.split(Split.TRAIN));
    }

    /**
     * As {@link #cached(Path, Clip, PreparedDataset, PromptKind, TemplateSet, long, int)}, its
     * images chosen from {@code pool}.
     */
    public static PromptBank cached(
            Path file,
            Clip clip,
            PreparedDataset data,
            PromptKind kind,
            TemplateSet templates,
            long seed,
            int perClass,
            List<LabeledImage> pool)
            throws IOException {
        PromptBankRecipe recipe = recipe(clip, data, kind, templates, seed, perClass, pool);
        if (upToDate(file, recipe)) {
            return PromptBank.load(file);
        }
        PromptBank bank = build(clip, recipe, data);
        bank.save(file);
        return bank;
    }

    /** Whether {@code file} holds a bank made by exactly this recipe. */
    public static boolean upToDate(Path file, PromptBankRecipe recipe) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            return PromptBank.load(file).recipe().equals(recipe);
        } catch (IOException | RuntimeException e) {
            return false; // unreadable or foreign: rebuilt and overwritten
        }
    }

    /** The average of two banks' unit prompts, normalised (same classes required). */
    public static PromptBank mix(PromptBank text, PromptBank image) {
        if (!text.classes().equals(image.classes())) {
            throw new IllegalArgumentException("cannot mix banks of different classes");
        }
        PromptBankRecipe t = text.recipe();
        PromptBankRecipe i = image.recipe();
        PromptBankRecipe recipe =
                new PromptBankRecipe(
                        t.dataset(),
                        t.classes(),
                        t.clipModel(),
                        t.clipWeightsSha256(),
                        t.clipLabel(),
                        PromptKind.MIX,
                        t.templateSet(),
                        t.templates(),
                        i.seed(),
                        i.imagesPerClass(),
                        i.imagePaths());
        return new PromptBank(recipe, mixed(text.toArray(), image.toArray()));
    }

    static float[][] textPrompts(Clip clip, List<String> classes, TemplateSet templates) {
        List<String> texts = new ArrayList<>();
        for (String c : classes) {
            texts.addAll(templates.prompts(c));
        }
        return meanOfUnitVectors(clip.embedTexts(texts), templates.size());
    }

    private static float[][] imagePrompts(Clip clip, PreparedDataset data, List<List<String>> paths)
            throws IOException {
        List<Path> files = new ArrayList<>();
        for (List<String> perClass : paths) {
            perClass.forEach(p -> files.add(data.layout().root().resolve(p)));
        }
        return meanOfUnitVectors(clip.embedImageFiles(files), paths.get(0).size());
    }

    /** Per class: the average of a text and an image unit prompt, normalised. */
    static float[][] mixed(float[][] text, float[][] image) {
        float[][] out = new float[text.length][];
        for (int c = 0; c < text.length; c++) {
            float[] m = new float[text[c].length];
            for (int d = 0; d < m.length; d++) {
                m[d] = (text[c][d] + image[c][d]) / 2;
            }
            out[c] = UnitVectors.of(m);
        }
        return out;
    }

    /**
     * Consecutive groups of {@code group} rows: each row normalised, averaged, the mean normalised.
     */
    static float[][] meanOfUnitVectors(float[][] rows, int group) {
        float[][] out = new float[rows.length / group][];
        for (int c = 0; c < out.length; c++) {
            double[] sum = new double[rows[0].length];
            for (int g = 0; g < group; g++) {
                float[] unit = UnitVectors.of(rows[c * group + g]);
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += unit[d];
                }
            }
            float[] mean = new float[sum.length];
            for (int d = 0; d < sum.length; d++) {
                mean[d] = (float) (sum[d] / group);
            }
            out[c] = UnitVectors.of(mean);
        }
        return out;
    }
}
