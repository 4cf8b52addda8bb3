package org.ivit.spec;

/**
 * Whether Instruction-ViT's prompt tokens (the CLIP features, {@code prompt_token}) are a trained
 * parameter. Both sources keep them fixed: the paper computes prompt_embed(features), and the
 * authors' script creates them after its optimizer. {@link #TRAINED} is what the package did before
 * the two recipes, kept so that comparison can be repeated.
 */
public enum PromptTokens {
    FIXED("fixed"),
    TRAINED("trained");

    private final String id;

    PromptTokens(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    public static PromptTokens fromId(String id) {
        for (PromptTokens p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown promptTokens '" + id + "' (fixed or trained)");
    }
}
