package org.ivit.prompt;

import java.util.Locale;

/**
 * Where a class's prompt token comes from. The paper's three are {@link #TEXT}, {@link #IMAGE} and
 * {@link #MIX}; every kind is registered in {@code META-INF/services/org.ivit.prompt.PromptKind}
 * and listed by {@link PromptKinds}. A new kind is one class (a record without components, so that
 * all its instances are equal) plus one line there.
 */
public interface PromptKind {
    /** Mean of the class's template embeddings from CLIP's text encoder. */
    PromptKind TEXT = new TextPromptKind();

    /** CLIP image embedding of training images of the class, chosen with a recorded seed. */
    PromptKind IMAGE = new ImagePromptKind();

    /** The average of the text and the image prompt. */
    PromptKind MIX = new MixPromptKind();

    /** The id in configs, run records, bank files and the CLI, e.g. {@code text}. */
    String id();

    /** Whether the bank needs the class's template embeddings (and so a template set). */
    boolean usesText();

    /** Whether the bank needs CLIP embeddings of chosen training images. */
    boolean usesImages();

    /**
     * One unit vector per class from the unit text and image prompts ({@link PromptBanks} makes
     * those; each is null when the kind does not use it).
     */
    float[][] combine(float[][] text, float[][] image);

    /** The ids of every registered kind. */
    static java.util.List<String> ids() {
        return PromptKinds.ids();
    }

    /** The registered kind with this id (case and surrounding blanks ignored). */
    static PromptKind parse(String s) {
        return PromptKinds.byId(s.strip().toLowerCase(Locale.ROOT));
    }
}
