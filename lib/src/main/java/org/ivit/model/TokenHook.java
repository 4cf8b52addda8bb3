package org.ivit.model;

import ai.djl.ndarray.NDArray;

/**
 * Where a variant puts its extra tokens (VPT prompts, instruction prompts) into a transformer's
 * sequence: once after the embedding, and before each layer. Both default to leaving it as it is.
 * {@link TransformerStack#forward} calls it; variants never copy the loop.
 */
public interface TokenHook {
    TokenHook NONE = new TokenHook() {};

    /** The embedded sequence (B, L, D) with the variant's tokens added. */
    default NDArray afterEmbed(NDArray embedded) {
        return embedded;
    }

    /**
     * The sequence that enters layer {@code layer} (0 first), from the one the previous layer gave.
     */
    default NDArray beforeLayer(int layer, NDArray x) {
        return x;
    }
}
