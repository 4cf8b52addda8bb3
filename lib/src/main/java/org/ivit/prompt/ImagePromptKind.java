package org.ivit.prompt;

/** The paper's image prompts: the unit CLIP embedding of each class's chosen training images. */
public record ImagePromptKind() implements PromptKind {
    @Override
    public String id() {
        return "image";
    }

    @Override
    public boolean usesText() {
        return false;
    }

    @Override
    public boolean usesImages() {
        return true;
    }

    @Override
    public float[][] combine(float[][] text, float[][] image) {
        return image;
    }
}
