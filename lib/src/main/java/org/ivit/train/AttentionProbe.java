package org.ivit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ivit.data.PreparedImageDataset;
import org.ivit.data.Split;
import org.ivit.io.SafetensorsReader;
import org.ivit.model.InstructionViT;
import org.ivit.spec.ExperimentConfig;

/**
 * Looks inside a finished Instruction-ViT run: rebuilds the model from the run's config.json and
 * selected checkpoint, and returns the last layer's attention from the output class token to every
 * patch and every prompt token (averaged over heads) for a few test images.
 */
public final class AttentionProbe {
    private AttentionProbe() {}

    /** One test image: where it is, its label, the prediction, and the class token's attention. */
    public record Sample(
            Path image,
            int label,
            int predicted,
            float[] patchAttention,
            int grid,
            float[] promptAttention) {}

    public static List<Sample> firstTestImages(Path runDir, Path dataDir, int count)
            throws IOException {
        ExperimentConfig cfg =
                ExperimentConfig.fromJson(Files.readString(runDir.resolve("config.json")));
        if (!cfg.method().usesPrompts()) {
            throw new IllegalArgumentException(
                    runDir
                            + " is a "
                            + cfg.method().id()
                            + " run; attention to prompts needs instruction-vit");
        }
        Path checkpoint = runDir.resolve("checkpoints/best.safetensors");
        long[] bankShape;
        float[] bank;
        try (SafetensorsReader r = SafetensorsReader.open(checkpoint)) {
            bankShape = r.info("param/prompt_token").shape();
            bank = r.floats("param/prompt_token");
        }
        PreparedImageDataset test =
                PreparedImageDataset.builder()
                        .optDataDir(dataDir)
                        .setDataset(cfg.dataset())
                        .setSplit(Split.TEST)
                        .optTransform(BackboneInputs.eval(cfg))
                        .optNormalization(BackboneInputs.normalization(cfg))
                        .setSampling(1, false)
                        .build();
        ModelFactory.Built built =
                ModelFactory.build(cfg, (int) bankShape[0], bank, (int) bankShape[1], null);
        List<Sample> samples = new ArrayList<>();
        try (ai.djl.Model model0 = built.model();
                NDManager manager = model0.getNDManager().newSubManager()) {
            Checkpoint.load(checkpoint, built.parameters(), null);
            InstructionViT model = (InstructionViT) built.block();
            int grid = cfg.data().imageSize() / model.backbone().config().patchSize();
            int patches = grid * grid;
            for (int i = 0; i < count && i < test.size(); i++) {
                Record record = test.get(manager, i);
                NDArray image = record.getData().head().expandDims(0);
                InstructionViT.Result result =
                        model.run(new ParameterStore(manager, false), image, null, false, true);
                NDArray fromCls =
                        result.lastAttention()
                                .get(new NDIndex("0, :, 0, :"))
                                .mean(new int[] {0}); // (sequence)
                float[] all = fromCls.toFloatArray();
                float[] toPatches = java.util.Arrays.copyOfRange(all, 1, 1 + patches);
                float[] toPrompts = java.util.Arrays.copyOfRange(all, 1 + patches, all.length);
                int predicted = (int) result.headLogits().argMax(1).toLongArray()[0];
                int label = (int) record.getLabels().head().toLongArray()[0];
                samples.add(
                        new Sample(
                                test.preparedDataset().layout().image(test.rows().get(i)),
                                label,
                                predicted,
                                toPatches,
                                grid,
                                toPrompts));
            }
        }
        return samples;
    }
}
