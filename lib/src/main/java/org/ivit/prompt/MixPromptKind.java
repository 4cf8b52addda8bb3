package org.ivit.prompt;

/** The paper's mix prompts: the normalised average of the text and the image prompt. */
public record MixPromptKind() implements PromptKind {
    @Override
    public String id() {
        return "mix";
    }

    @Override
    public boolean usesText() {
        return true;
    }

    @Override
    public boolean usesImages() {
        return true;
    }

    @Override
    public float[][] combine(float[][] text, float[][] image) {
        return PromptBanks.mixed(text, image);
    }
}
