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
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * Visual Prompt Tuning (Jia et al., 2022): T learnable tokens inserted after the class token and
 * before the patches, once the position embedding has been added ([CLS, prompts, patches]). Shallow
 * VPT inserts them before the first layer; deep VPT replaces the prompt slots with fresh tokens
 * before every later layer too. Tokens start Uniform(-v, v), v = sqrt(6 / (3 p^2 + D)), as the
 * reference code does. Output: the head's logits on the class token.
 */
public final class VisualPromptTuning extends AbstractBlock implements NamedParameters {
    private final VisionTransformer backbone;
    private final Parameter prompts;
    private final Parameter deepPrompts;
    private final int tokens;

    public VisualPromptTuning(VitConfig config, int tokens, boolean deep) {
        this.tokens = tokens;
        backbone = addChildBlock("backbone", new VisionTransformer(config));
        float v =
                (float)
                        Math.sqrt(
                                6.0
                                        / (3.0 * config.patchSize() * config.patchSize()
                                                + config.width()));
        prompts =
                addParameter(
                        Parameter.builder()
                                .setName("prompt_embeddings")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(1, tokens, config.width()))
                                .optInitializer(new UniformInitializer(v))
                                .build());
        deepPrompts =
                deep && config.depth() > 1
                        ? addParameter(
                                Parameter.builder()
                                        .setName("deep_prompt_embeddings")
                                        .setType(Parameter.Type.WEIGHT)
                                        .optShape(
                                                new Shape(
                                                        config.depth() - 1, tokens, config.width()))
                                        .optInitializer(new UniformInitializer(v))
                                        .build())
                        : null;
    }

    public VisionTransformer backbone() {
        return backbone;
    }

    public boolean isDeep() {
        return deepPrompts != null;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray images = inputs.head();
        long b = images.getShape().get(0);
        int width = backbone.config().width();
        NDArray shallow = ps.getValue(prompts, images.getDevice(), training);
        NDArray deep =
                deepPrompts == null ? null : ps.getValue(deepPrompts, images.getDevice(), training);
        TokenHook insertPrompts =
                new TokenHook() {
                    @Override
                    public NDArray afterEmbed(NDArray x) { // [CLS, prompts, patches]
                        NDArray first =
                                ManagedArrays.onBatchOf(
                                        images, shallow.broadcast(new Shape(b, tokens, width)));
                        return NDArrays.concat(
                                new NDList(
                                        x.get(new NDIndex(":, :1")),
                                        first,
                                        x.get(new NDIndex(":, 1:"))),
                                1);
                    }

                    @Override
                    public NDArray beforeLayer(
                            int layer,
                            NDArray x) { // deep VPT: fresh prompts before every later layer
                        if (layer == 0 || deep == null) {
                            return x;
                        }
                        NDArray fresh =
                                ManagedArrays.onBatchOf(
                                        images,
                                        deep.get(new NDIndex("{}:{}", layer - 1, layer))
                                                .broadcast(new Shape(b, tokens, width)));
                        return NDArrays.concat(
                                new NDList(
                                        x.get(new NDIndex(":, :1")),
                                        fresh,
                                        x.get(new NDIndex(":, {}:", 1 + tokens))),
                                1);
                    }
                };
        NDArray normed =
                backbone.forwardFeatures(ps, images, training, insertPrompts, false).tokens();
        return new NDList(backbone.forwardHead(ps, normed, training, false));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), backbone.config().classes())};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        backbone.collectParameters(prefix, out);
        out.put(prefix + "prompt_embeddings", prompts);
        if (deepPrompts != null) {
            out.put(prefix + "deep_prompt_embeddings", deepPrompts);
        }
    }
}
