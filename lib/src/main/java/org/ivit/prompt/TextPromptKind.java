package org.ivit.prompt;

/** The paper's text prompts: each class's template embeddings, averaged on the unit sphere. */
public record TextPromptKind() implements PromptKind {
    /** Its id, a constant so that CLI defaults can name it. */
    public static final String ID = "text";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean usesText() {
        return true;
    }

    @Override
    public boolean usesImages() {
        return false;
    }

    @Override
    public float[][] combine(float[][] text, float[][] image) {
        return text;
    }
}
