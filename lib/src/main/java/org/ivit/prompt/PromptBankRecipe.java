package org.ivit.prompt;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a prompt bank's values depend on. Two banks with equal recipes are equal, so a cached
 * bank is reused exactly when its recipe matches; it is also what the bank file records. Settings a
 * kind does not use are left out (a text bank has no seed), so changing them never forces a
 * rebuild.
 *
 * @param imagePaths per class, the chosen training images, relative to the dataset folder
 */
public record PromptBankRecipe(
        String dataset,
        List<String> classes,
        String clipModel,
        String clipWeightsSha256,
        String clipLabel,
        PromptKind kind,
        String templateSet,
        List<String> templates,
        Long seed,
        int imagesPerClass,
        List<List<String>> imagePaths) {
    /** Bumped when the way values are computed changes, so old caches are rebuilt. */
    static final String FORMAT = "ivit-prompt-bank/1";

    private static final Gson GSON = new Gson();

    public PromptBankRecipe {
        classes = List.copyOf(classes);
        templates = List.copyOf(templates);
        imagePaths = imagePaths.stream().map(List::copyOf).toList();
    }

    Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("dataset", dataset);
        m.put("classes", GSON.toJson(classes));
        m.put("clip_model", clipModel);
        m.put("clip_weights_sha256", clipWeightsSha256);
        m.put("clip_label", clipLabel);
        m.put("kind", kind.id());
        m.put("template_set", templateSet);
        m.put("templates", GSON.toJson(templates));
        m.put("seed", seed == null ? "none" : seed.toString());
        m.put("images_per_class", Integer.toString(imagesPerClass));
        m.put("image_paths", GSON.toJson(imagePaths));
        m.put(
                "normalisation",
                "each template / image embedding L2-normalised, averaged per class, the mean L2-normalised;"
                        + " mix = normalised average of the text and image prompts");
        return m;
    }

    /** The recipe a bank file records; null if the file is not a prompt bank of this format. */
    static PromptBankRecipe fromMetadata(Map<String, String> m) {
        if (!FORMAT.equals(m.get("format"))) {
            return null;
        }
        String seed = m.get("seed");
        return new PromptBankRecipe(
                m.get("dataset"),
                GSON.fromJson(m.get("classes"), new TypeToken<List<String>>() {}.getType()),
                m.get("clip_model"),
                m.get("clip_weights_sha256"),
                m.get("clip_label"),
                PromptKind.parse(m.get("kind")),
                m.get("template_set"),
                GSON.fromJson(m.get("templates"), new TypeToken<List<String>>() {}.getType()),
                seed == null || seed.equals("none") ? null : Long.valueOf(seed),
                Integer.parseInt(m.get("images_per_class")),
                GSON.fromJson(
                        m.get("image_paths"), new TypeToken<List<List<String>>>() {}.getType()));
    }
}
