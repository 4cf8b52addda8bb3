package org.ivit.model;

/**
 * The arguments every timm transformer this project builds takes, in timm's names ({@code
 * img_size}, {@code patch_size}, {@code in_chans}, {@code mlp_ratio}, {@code num_classes}) and the
 * LayerNorm eps; a family's builder (ViT, DeiT, CaiT, PiT) adds its own arguments and builds its
 * own typed config. Every setter returns the family's builder, so a preset chains them in any
 * order.
 *
 * @param <B> the family's builder
 */
public abstract class TransformerConfigBuilder<B extends TransformerConfigBuilder<B>> {
    protected Integer imgSize;
    protected Integer patchSize;
    protected int inChans = 3;
    protected Double mlpRatio;
    protected Integer numClasses;
    protected float eps = 1e-6f;

    protected TransformerConfigBuilder() {}

    /** This builder as the family's type (B is always the class that extends this one). */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    public B imgSize(int v) {
        imgSize = v;
        return self();
    }

    public B patchSize(int v) {
        patchSize = v;
        return self();
    }

    public B inChans(int v) {
        inChans = v;
        return self();
    }

    /** timm's {@code mlp_ratio}: the MLP width is {@code int(width * mlp_ratio)}. */
    public B mlpRatio(double v) {
        mlpRatio = v;
        return self();
    }

    public B numClasses(int v) {
        numClasses = v;
        return self();
    }

    public B eps(float v) {
        eps = v;
        return self();
    }

    /**
     * Whether a field without a default is unset: img_size, patch_size or num_classes ({@code
     * mlp_ratio} the family checks, since a ViT may give its MLP width instead).
     */
    protected final boolean anyCommonUnset() {
        return imgSize == null || patchSize == null || numClasses == null;
    }
}
