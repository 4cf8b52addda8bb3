package org.ivit.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.Map;
import org.ivit.model.ManagedArrays;
import org.ivit.model.NamedParameters;
import org.ivit.model.UnitVectors;

/**
 * Both CLIP towers and the learnt temperature, as Hugging Face's {@code CLIPModel}. Its forward
 * takes {@code [input_ids (B, L), pixel_values (B', C, S, S)]} and returns {@code [text_embeds,
 * image_embeds, logits_per_image]}; embeddings are not normalised.
 */
public final class ClipModel extends AbstractBlock implements NamedParameters {
    /** ln(1 / 0.07), CLIP's initial temperature (Hugging Face's logit_scale_init_value). */
    private static final float INITIAL_LOGIT_SCALE = 2.6592f;

    private final ClipConfig config;
    private final ClipTextEncoder text;
    private final ClipVisionEncoder vision;
    private final Parameter logitScale;

    public ClipModel(ClipConfig config) {
        this.config = config;
        text = addChildBlock("text", new ClipTextEncoder(config.text(), config.projectionDim()));
        vision =
                addChildBlock(
                        "vision", new ClipVisionEncoder(config.vision(), config.projectionDim()));
        logitScale =
                addParameter(
                        Parameter.builder()
                                .setName("logit_scale")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape())
                                .optInitializer(new ConstantInitializer(INITIAL_LOGIT_SCALE))
                                .build());
    }

    public ClipConfig config() {
        return config;
    }

    public ClipTextEncoder text() {
        return text;
    }

    public ClipVisionEncoder vision() {
        return vision;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray textEmbeds = text.encode(ps, inputs.get(0), training, true).head();
        NDArray imageEmbeds = vision.encode(ps, inputs.get(1), training).head();
        return new NDList(
                textEmbeds, imageEmbeds, logitsPerImage(ps, imageEmbeds, textEmbeds, training));
    }

    /** exp(logit_scale) * cos(image, text): (images, texts), as {@code logits_per_image}. */
    public NDArray logitsPerImage(
            ParameterStore ps, NDArray imageEmbeds, NDArray textEmbeds, boolean training) {
        NDArray scale = ps.getValue(logitScale, imageEmbeds.getDevice(), training);
        NDArray cosines =
                UnitVectors.of(imageEmbeds).matMul(UnitVectors.of(textEmbeds).transpose());
        return cosines.mul(ManagedArrays.onBatchOf(imageEmbeds, scale.exp()));
    }

    /** exp(logit_scale), the factor CLIP multiplies cosines by (100 for trained OpenAI models). */
    public float temperatureScale() {
        return (float) Math.exp(logitScale.getArray().getFloat());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long texts = inputShapes[0].get(0);
        long images = inputShapes[1].get(0);
        return new Shape[] {
            new Shape(texts, config.projectionDim()),
            new Shape(images, config.projectionDim()),
            new Shape(images, texts)
        };
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        ClipVisionConfig v = config.vision();
        text.initialize(manager, dataType, new Shape(1, config.text().contextLength()));
        vision.initialize(
                manager, dataType, new Shape(1, v.channels(), v.imageSize(), v.imageSize()));
    }

    @Override
    public void collectParameters(String prefix, Map<String, Parameter> out) {
        text.collectParameters(prefix, out);
        vision.collectParameters(prefix, out);
        out.put(prefix + "logit_scale", logitScale);
    }
}
