package org.ivit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.ivit.model.cait.Cait;
import org.ivit.model.cait.CaitConfig;
import org.ivit.model.deit.Deit;
import org.ivit.model.deit.DeitConfig;
import org.ivit.model.pit.Pit;
import org.ivit.model.pit.PitConfig;
import org.junit.jupiter.api.Test;

/**
 * Sizes and seeds other than those of the timm reference folder. There is no timm here to make
 * references for them, so these are not parity tests: they check that the models build and run at
 * other sizes with the shapes their configs promise, and that a plain DeiT computes exactly what
 * this project's ViT (itself checked against torchvision) computes at another size and seed.
 */
class TransformerOtherSizesTest {

    /** The named parameters of one model as a checkpoint for another. */
    private record ParameterSource(Map<String, Parameter> parameters) implements TensorSource {
        @Override
        public String description() {
            return "another model's parameters";
        }

        @Override
        public Set<String> names() {
            return new LinkedHashSet<>(parameters.keySet());
        }

        @Override
        public long[] shape(String name) {
            return parameters.get(name).getArray().getShape().getShape();
        }

        @Override
        public float[] floats(String name) {
            return parameters.get(name).getArray().toFloatArray();
        }
    }

    @Test
    void plainDeitEqualsTheProjectsVitAtAnotherSizeAndSeed() throws Exception {
        DeitConfig config = new DeitConfig(48, 16, 3, 96, 3, 3, 2.0, 7, false, 1e-6f);
        try (Model deitModel = Deit.create(config, 21);
                Model vitModel = Vits.create(config.toVitConfig(), 22);
                NDManager batch = deitModel.getNDManager().newSubManager()) {
            Deit deit = (Deit) deitModel.getBlock();
            VisionTransformer vit = (VisionTransformer) vitModel.getBlock();
            assertEquals(
                    deit.namedParameters().size(),
                    new StrictWeightLoader()
                            .load(
                                    new ParameterSource(deit.namedParameters()),
                                    vit.namedParameters())
                            .size());
            Engine.getInstance().setRandomSeed(23);
            NDArray images = batch.randomNormal(new Shape(3, 3, 48, 48));
            ParameterStore ps = new ParameterStore(batch, false);
            NDList a = deit.forward(ps, new NDList(images), false);
            NDList b = vit.forward(ps, new NDList(images), false);
            for (int i = 0; i < 3; i++) {
                org.ivit.Tensors.assertClose(
                        b.get(i).toFloatArray(),
                        a.get(i).toFloatArray(),
                        1e-5,
                        1e-5,
                        "output " + i);
            }
        }
    }

    @Test
    void everyFamilyRunsAtOtherSizesWithTheShapesItsConfigGives() throws Exception {
        List<Supplier<AbstractBlock>> families =
                List.of(
                        () -> new Deit(new DeitConfig(48, 16, 3, 96, 3, 3, 2.0, 7, true, 1e-6f)),
                        () ->
                                new Cait(
                                        new CaitConfig(
                                                48, 16, 3, 48, 1, 6, 3.0, 1e-5f, 1, 2.0, 5, 1e-6f)),
                        // odd grids (9 -> 5 -> 3) and channel multipliers 3 and 2 in the pooling
                        () ->
                                new Pit(
                                        new PitConfig(
                                                40,
                                                8,
                                                4,
                                                3,
                                                List.of(4, 6, 4),
                                                List.of(1, 1, 1),
                                                List.of(2, 4, 12),
                                                3.0,
                                                6,
                                                1e-6f)));
        for (Supplier<AbstractBlock> family : families) {
            for (int seed : new int[] {31, 32}) {
                AbstractBlock block = family.get();
                try (Model model = Model.newInstance("other-size")) {
                    Engine.getInstance().setRandomSeed(seed);
                    model.setBlock(block);
                    int size = block instanceof Pit ? 40 : 48;
                    Shape input = new Shape(2, 3, size, size);
                    block.initialize(
                            model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, input);
                    try (NDManager batch = model.getNDManager().newSubManager()) {
                        NDArray images = batch.randomNormal(input);
                        NDList out =
                                block.forward(
                                        new ParameterStore(batch, false),
                                        new NDList(images),
                                        false);
                        Shape[] expected = block.getOutputShapes(new Shape[] {input});
                        for (int i = 0; i < 3; i++) {
                            assertArrayEquals(
                                    expected[i].getShape(),
                                    out.get(i).getShape().getShape(),
                                    block.getClass().getSimpleName() + " output " + i);
                            for (float v : out.get(i).toFloatArray()) {
                                assertTrue(Float.isFinite(v), block.getClass().getSimpleName());
                            }
                        }
                    }
                }
            }
        }
    }
}
