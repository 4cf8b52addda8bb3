package org.ivit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * Instruction-ViT (Xiao et al., 2023) as the authors' code builds it: one prompt token per class,
 * an (N, promptDim) parameter initialised from CLIP features, projected by {@code prompt_proj} to
 * the backbone width and appended after the position embeddings (they get none), so the sequence is
 * [CLS, patches, prompts]. Outputs: the head's logits on the output class token, and similarity
 * logits = scale * cos(output CLS, each output prompt token).
 *
 * <p>Inputs: {@code [images]} uses all N prompts; {@code [images, classIndices]} with INT64 (B, K)
 * indices uses the K+1 tokens of the zero-shot selection: the indexed prompts plus one token
 * averaging the other N-K (validation only). Then similarity logits are (B, K+1).
 */
public final class InstructionViT extends AbstractBlock implements NamedParameters {
    public static final float DEFAULT_SIMILARITY_SCALE = 100f;

    private final VisionTransformer backbone;
    private final Parameter promptToken;
    private final Linear promptProj;
    private final int classes;
    private final int promptDim;
    private final float similarityScale;

    public InstructionViT(VitConfig config, int promptDim, float similarityScale) {
        this.classes = config.classes();
        this.promptDim = promptDim;
        this.similarityScale = similarityScale;
        backbone = addChildBlock("backbone", new VisionTransformer(config));
        promptToken =
                addParameter(
                        Parameter.builder()
                                .setName("prompt_token")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(classes, promptDim))
                                .optInitializer(new ConstantInitializer(0f))
                                .build());
        promptProj =
                addChildBlock(
                        "prompt_proj",
                        Linear.builder().setUnits(config.width()).optBias(true).build());
    }

    public VisionTransformer backbone() {
        return backbone;
    }

    public Parameter promptToken() {
        return promptToken;
    }

    public Linear promptProjection() {
        return promptProj;
    }

    /** Sets the prompt tokens from an (N, promptDim) bank, e.g. CLIP text embeddings. */
    public void setPrompts(float[] bank) {
        if (bank.length != classes * promptDim) {
            throw new IllegalArgumentException(
                    "prompt bank has "
                            + bank.length
                            + " values, the model needs "
                            + classes
                            + " x "
                            + promptDim);
        }
        StrictWeightLoader.copyInto(promptToken, bank);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        Result r =
                run(ps, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training, false);
        return new NDList(r.headLogits(), r.similarityLogits());
    }

    /** Everything a caller may want from one pass; {@code lastAttention} only when asked for. */
    public record Result(
            NDArray headLogits, NDArray similarityLogits, NDArray tokens, NDArray lastAttention) {}

    public Result run(
            ParameterStore ps,
            NDArray images,
            NDArray selectedClasses,
            boolean training,
            boolean keepLastAttention) {
        NDArray prompts = promptEmbeddings(ps, images, selectedClasses, training);
        long promptCount = prompts.getShape().get(1);
        TokenHook appendPrompts =
                new TokenHook() {
                    @Override
                    public NDArray afterEmbed(NDArray embedded) {
                        return NDArrays.concat(
                                new NDList(embedded, prompts), 1); // [CLS, patches, prompts]
                    }
                };
        VisionTransformer.Features features =
                backbone.forwardFeatures(ps, images, training, appendPrompts, keepLastAttention);
        NDArray tokens = features.tokens();
        NDArray attention = features.lastAttention();
        long length = tokens.getShape().get(1);
        NDArray cls = backbone.forwardHead(ps, tokens, training, true);
        NDArray promptOut = tokens.get(new NDIndex(":, {}:", length - promptCount));
        NDArray logits = backbone.classify(ps, cls, training);
        NDArray similarity =
                Scalars.times(
                        UnitVectors.of(promptOut)
                                .batchMatMul(UnitVectors.of(cls).expandDims(2))
                                .squeeze(2),
                        similarityScale);
        return new Result(logits, similarity, tokens, attention);
    }

    /** (B, M, width): all N prompts, or the K selected plus the mean of the rest, projected. */
    private NDArray promptEmbeddings(
            ParameterStore ps, NDArray images, NDArray selected, boolean training) {
        NDArray raw = promptInputs(ps, images, selected, training);
        return promptProj.forward(ps, new NDList(raw), training).head();
    }

    /**
     * The prompt tokens that go into {@code prompt_proj} for a batch, before projection: (B, N,
     * promptDim) with all N prompts in label order when {@code selected} is null or has K &ge; N
     * columns, else (B, K+1, promptDim) from {@link #selectedPlusRest}.
     */
    public NDArray promptInputs(
            ParameterStore ps, NDArray images, NDArray selected, boolean training) {
        NDArray bank = ps.getValue(promptToken, images.getDevice(), training);
        long b = images.getShape().get(0);
        if (selected != null && selected.getShape().get(0) != b) {
            throw new IllegalArgumentException(
                    "class indices " + selected.getShape() + " for a batch of " + b + " images");
        }
        return ManagedArrays.onBatchOf(images, selectPrompts(bank, selected, b));
    }

    /**
     * The prompts of a batch of {@code batch} images from an (N, D) bank: all N in label order, (B,
     * N, D), when {@code selected} is null or has K &ge; N columns; else {@link #selectedPlusRest}.
     */
    public static NDArray selectPrompts(NDArray bank, NDArray selected, long batch) {
        long n = bank.getShape().get(0);
        if (selected == null || selected.getShape().get(1) >= n) {
            return bank.expandDims(0).broadcast(new Shape(batch, n, bank.getShape().get(1)));
        }
        return selectedPlusRest(bank, selected);
    }

    /**
     * The K+1 prompt selection, the project's one implementation of it (the model's validation path
     * and {@link org.ivit.prompt.PromptSelector} both use it): for each row of {@code selected}
     * ((B, K) class indices, distinct, K &lt; N) the K indexed rows of {@code bank} ((N, D)) in the
     * given order, then one row that is the mean of the other N-K rows; (B, K+1, D). One-hot rows
     * of the kept classes make both the gather and the mean matrix products, so gradients reach
     * every prompt: a kept prompt that of its slot, every other prompt 1/(N-K) of the mean token's.
     */
    public static NDArray selectedPlusRest(NDArray bank, NDArray selected) {
        long n = bank.getShape().get(0);
        long b = selected.getShape().get(0);
        long k = selected.getShape().get(1);
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException(
                    "K+1 selection needs 1 <= K < N, got K = " + k + " of N = " + n);
        }
        NDManager manager = selected.getManager();
        NDArray oneHot =
                selected.toType(DataType.INT64, false)
                        .oneHot((int) n)
                        .toType(DataType.FLOAT32, false); // (B, K, N)
        NDArray kept = oneHot.matMul(bank); // (B, K, D)
        NDArray restWeights =
                Scalars.dividedBy(
                        manager.ones(new Shape(b, 1, n)).sub(oneHot.sum(new int[] {1}, true)),
                        n - k); // (B, 1, N)
        NDArray rest = restWeights.matMul(bank); // (B, 1, D)
        return NDArrays.concat(new NDList(kept, rest), 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        long m = inputShapes.length > 1 ? inputShapes[1].get(1) + 1 : classes;
        return new Shape[] {new Shape(b, classes), new Shape(b, m)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes[0]);
        promptProj.initialize(manager, dataType, new Shape(1, classes, promptDim));
    }

    /**
     * timm names for the backbone, plus the authors' {@code prompt_token} and {@code prompt_proj}.
     */
    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        backbone.collectParameters(prefix, out);
        out.put(prefix + "prompt_token", promptToken);
        NamedParameters.collect(prefix + "prompt_proj.", promptProj, out);
    }
}
