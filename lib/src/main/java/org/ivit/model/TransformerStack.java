package org.ivit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * The project's one transformer forward loop: a sequence through a list of layers, with a {@link
 * TokenHook} for extra tokens and, on request, the last layer's attention. The ViT ({@link
 * VisionTransformer#forwardFeatures}, and so Instruction-ViT and VPT) and both CLIP towers run
 * their layers through it; what differs between them (the embedding, CLIP's pre-LayerNorm, the text
 * tower's causal mask inside its layers, the final norm and the pooling) stays in each model.
 */
public final class TransformerStack {
    private TransformerStack() {}

    /**
     * The sequence after the last layer, before any final norm; {@code lastAttention} null unless
     * asked for.
     */
    public record Output(NDArray hidden, NDArray lastAttention) {}

    public static Output forward(
            List<TransformerLayer> layers,
            ParameterStore ps,
            NDArray embedded,
            boolean training,
            TokenHook hook,
            boolean keepLastAttention) {
        NDArray x = hook.afterEmbed(embedded);
        NDArray attention = null;
        int depth = layers.size();
        for (int i = 0; i < depth; i++) {
            x = hook.beforeLayer(i, x);
            boolean keep = keepLastAttention && i == depth - 1;
            NDArray[] out = layers.get(i).apply(ps, x, training, keep);
            x = out[0];
            if (keep) {
                attention = out[1];
            }
        }
        return new Output(x, attention);
    }

    /** The plain loop: no extra tokens, no attention kept. */
    public static NDArray forward(
            List<TransformerLayer> layers, ParameterStore ps, NDArray embedded, boolean training) {
        return forward(layers, ps, embedded, training, TokenHook.NONE, false).hidden();
    }
}
