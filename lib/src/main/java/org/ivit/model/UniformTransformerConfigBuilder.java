package org.ivit.model;

/**
 * The arguments of a transformer whose blocks all have one width and one head count (ViT, DeiT,
 * CaiT), in timm's names: {@code embed_dim}, {@code depth}, {@code num_heads}. PiT's stages differ
 * in width, so its builder takes lists instead.
 *
 * @param <B> the family's builder
 */
public abstract class UniformTransformerConfigBuilder<B extends UniformTransformerConfigBuilder<B>>
        extends TransformerConfigBuilder<B> {
    protected Integer embedDim;
    protected Integer depth;
    protected Integer numHeads;

    protected UniformTransformerConfigBuilder() {}

    public B embedDim(int v) {
        embedDim = v;
        return self();
    }

    /** The number of blocks (in CaiT: of self-attention, LayerScale blocks). */
    public B depth(int v) {
        depth = v;
        return self();
    }

    public B numHeads(int v) {
        numHeads = v;
        return self();
    }

    /** {@link #anyCommonUnset}, or embed_dim, depth or num_heads unset. */
    protected final boolean anyUniformUnset() {
        return anyCommonUnset() || embedDim == null || depth == null || numHeads == null;
    }
}
