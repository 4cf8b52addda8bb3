package org.ivit.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import org.ivit.model.NamedParameters;
import org.ivit.model.VisionTransformer;
import org.ivit.model.VitConfig;
import org.ivit.model.Vits;

/** Builds the block a run trains, loads its starting weights and freezes what the mode keeps fixed. */
public final class ModelFactory {
    private ModelFactory() {}

    /** A model ready for training, with its parameters by public name. */
    public record Built(Model model, AbstractBlock block, Map<String, Parameter> parameters, VisionTransformer backbone) {}

    /**
     * @param promptBank (N, promptDim) CLIP features for Instruction-ViT; ignored otherwise
     * @param backboneWeights timm-named safetensors to start the backbone from, or null
     */
    public static Built build(ExperimentConfig cfg, int classes, float[] promptBank, int promptDim, Path backboneWeights)
            throws IOException {
        VitConfig vit = VitConfig.preset(cfg.backbone()).withClasses(classes).withImageSize(cfg.data().imageSize());
        Engine.getInstance().setRandomSeed(cfg.seed());
        MethodStrategy method = cfg.method().strategy();
        MethodStrategy.Blocks blocks = method.blocks(vit, cfg, promptDim);
        AbstractBlock block = blocks.block();
        VisionTransformer backbone = blocks.backbone();
        Model model = Model.newInstance(cfg.method().id());
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, vit.channels(), vit.imageSize(), vit.imageSize()));
        if (backboneWeights != null) {
            Vits.loadTimm(backbone, backboneWeights, true);
        }
        method.prepare(block, promptBank);
        Map<String, Parameter> named = ((NamedParameters) block).namedParameters();
        freeze(cfg, named);
        return new Built(model, block, named, backbone);
    }

    /** The names a run trains; every other parameter is frozen and gets no gradient. */
    public static Predicate<String> trainable(ExperimentConfig cfg) {
        return cfg.method().strategy().trainable(cfg);
    }

    private static void freeze(ExperimentConfig cfg, Map<String, Parameter> named) {
        Predicate<String> train = trainable(cfg);
        named.forEach((name, p) -> p.freeze(!train.test(name)));
    }
}
