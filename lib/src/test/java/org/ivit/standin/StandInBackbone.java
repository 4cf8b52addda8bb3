package org.ivit.standin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Map;
import org.ivit.backbone.BackboneProvider;
import org.ivit.model.ImageInput;
import org.ivit.model.ModelVariant;
import org.ivit.model.TimmClassifier;
import org.ivit.model.conv.Activations;
import org.ivit.model.conv.Conv2dLayer;
import org.ivit.model.conv.LinearLayer;

/**
 * A stand-in backbone, as a user would add one: its model class (a one-layer patch ConvNet with
 * timm's stage names) and its registration, in this one file plus one line in {@code
 * META-INF/services/org.ivit.backbone.BackboneProvider}. It fills a Table 1 row of its own.
 */
public final class StandInBackbone implements BackboneProvider {
    public static final String ID = "standin_patchnet";
    public static final String ROW = "PatchNet (stand-in)";

    @Override
    public List<ModelVariant> backbones() {
        return List.of(
                ModelVariant.untrained(ID, (classes, size) -> new PatchNet(classes))
                        .fillingTable1Row(ROW));
    }

    /** 4x4 patches to 32 channels, ReLU, global average pool, linear head. */
    public static final class PatchNet extends AbstractBlock implements TimmClassifier {
        private static final int WIDTH = 32;
        private final int classes;
        private final Conv2dLayer stem;
        private final LinearLayer head;

        PatchNet(int classes) {
            this.classes = classes;
            stem = addChildBlock("stem", new Conv2dLayer(3, WIDTH, 4, 4, 0, 1, true));
            head = addChildBlock("head", new LinearLayer(WIDTH, classes));
        }

        @Override
        public NDArray forwardFeatures(ParameterStore ps, NDArray images, boolean training) {
            ImageInput.require(images, "PatchNet", 3, ImageInput.ANY_SIZE);
            try (NDArray c = stem.apply(ps, images, training)) {
                return Activations.relu(c);
            }
        }

        @Override
        public NDArray forwardHead(
                ParameterStore ps, NDArray features, boolean training, boolean preLogits) {
            NDArray pooled = Activations.globalAveragePool(features);
            if (preLogits) {
                return pooled;
            }
            try (pooled) {
                return head.apply(ps, pooled, training);
            }
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            NDArray map = forwardFeatures(ps, inputs.head(), training);
            NDArray features = forwardHead(ps, map, training, true);
            return new NDList(head.apply(ps, features, training), features, map);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape s = inputShapes[0];
            long b = s.get(0);
            return new Shape[] {
                new Shape(b, classes),
                new Shape(b, WIDTH),
                new Shape(b, WIDTH, s.get(2) / 4, s.get(3) / 4)
            };
        }

        @Override
        protected void initializeChildBlocks(
                NDManager manager, DataType dataType, Shape... inputShapes) {
            getChildren()
                    .values()
                    .forEach(child -> child.initialize(manager, dataType, inputShapes));
        }

        @Override
        public void collectParameters(String prefix, Map<String, Parameter> out) {
            stem.collectParameters(prefix + "stem.", out);
            head.collectParameters(prefix + "head.", out);
        }

        @Override
        public int numFeatures() {
            return WIDTH;
        }

        @Override
        public String classifierPrefix() {
            return "head.";
        }
    }
}
