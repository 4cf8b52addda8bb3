package org.ivit.prompt;

import java.util.Locale;

/** Where a class's prompt token comes from (the paper's three variants). */
public enum PromptKind {
    /** Mean of the class's template embeddings from CLIP's text encoder. */
    TEXT,
    /** CLIP image embedding of training images of the class, chosen with a recorded seed. */
    IMAGE,
    /** The average of the text and the image prompt. */
    MIX;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PromptKind parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown prompt kind '" + s + "' (text, image or mix)");
        }
    }

    public boolean usesText() {
        return this != IMAGE;
    }

    public boolean usesImages() {
        return this != TEXT;
    }
}
