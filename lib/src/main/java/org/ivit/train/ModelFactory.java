package org.ivit.train;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import org.ivit.backbone.Backbones;
import org.ivit.model.FreshModel;
import org.ivit.model.NamedParameters;
import org.ivit.model.TimmClassifier;
import org.ivit.model.conv.BatchNorm2d;
import org.ivit.spec.ExperimentConfig;

/**
 * Builds the block a run trains, loads its starting weights and freezes what the mode keeps fixed.
 */
public final class ModelFactory {
    private ModelFactory() {}

    /**
     * A model ready for training, with its parameters by public name and the timm backbone inside
     * it.
     */
    public record Built(
            Model model,
            AbstractBlock block,
            Map<String, Parameter> parameters,
            TimmClassifier backbone) {}

    /**
     * @param promptBank (N, promptDim) CLIP features for Instruction-ViT; ignored otherwise
     * @param backboneWeights timm-named safetensors to start the backbone from, or null
     */
    public static Built build(
            ExperimentConfig cfg,
            int classes,
            float[] promptBank,
            int promptDim,
            Path backboneWeights)
            throws IOException {
        MethodStrategy method = MethodStrategy.of(cfg.method());
        MethodStrategy.Blocks blocks = method.blocks(cfg, classes, promptDim);
        AbstractBlock block = blocks.block();
        TimmClassifier backbone = blocks.backbone();
        int size = cfg.data().imageSize();
        Model model =
                FreshModel.of(cfg.method().id(), block, cfg.seed(), new Shape(1, 3, size, size));
        if (backboneWeights != null) {
            // strict: BatchNorm buffers too for the CNNs; a classifier of another class count keeps
            // its fresh initialisation
            Backbones.get(cfg.backbone()).loadPretrained(backbone, backboneWeights);
        }
        method.prepare(block, promptBank);
        Map<String, Parameter> named = ((NamedParameters) block).namedParameters();
        freeze(method.trainable(cfg, backbone), named);
        return new Built(model, block, named, backbone);
    }

    /**
     * A model of the spec's method on the ViT {@code vit} (not the spec's preset), every parameter
     * loaded strictly from the union of {@code weights} (timm names; each parameter exactly once),
     * with the spec's parameters frozen: how the fidelity checks start from their reference's
     * initial values.
     */
    public static Built build(
            ExperimentConfig cfg,
            org.ivit.model.VitConfig vit,
            int promptDim,
            java.util.List<Path> weights)
            throws IOException {
        MethodStrategy method = MethodStrategy.of(cfg.method());
        MethodStrategy.Blocks blocks = method.blocks(cfg, vit, promptDim);
        AbstractBlock block = blocks.block();
        // not a fresh model: every parameter is overwritten below, and the engine's RNG is left as
        // the caller has it
        Model model = Model.newInstance(cfg.method().id());
        model.setBlock(block);
        block.initialize(
                model.getNDManager(),
                ai.djl.ndarray.types.DataType.FLOAT32,
                new Shape(1, vit.channels(), vit.imageSize(), vit.imageSize()));
        Map<String, Parameter> named = ((NamedParameters) block).namedParameters();
        try (org.ivit.model.UnionTensorSource source =
                new org.ivit.model.UnionTensorSource(weights)) {
            new org.ivit.model.StrictWeightLoader().load(source, named);
        }
        freeze(method.trainable(cfg, blocks.backbone()), named);
        return new Built(model, block, named, blocks.backbone());
    }

    /**
     * Freezes every parameter the run does not train ({@link MethodStrategy#trainable}), so it gets
     * no gradient.
     */
    private static void freeze(Predicate<String> train, Map<String, Parameter> named) {
        // BatchNorm buffers never train (a trainable mark would only ask autograd for a gradient
        // nothing uses);
        // their statistics move in full fine-tuning and stay in evaluation mode under a frozen
        // backbone (BatchNorm2d)
        named.forEach((name, p) -> p.freeze(BatchNorm2d.isBuffer(p) || !train.test(name)));
    }
}
