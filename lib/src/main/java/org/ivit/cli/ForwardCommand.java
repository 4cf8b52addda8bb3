package org.ivit.cli;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ivit.clip.Clip;
import org.ivit.clip.ClipModel;
import org.ivit.io.SafetensorsReader;
import org.ivit.io.SafetensorsWriter;
import org.ivit.model.ModelFamilies;
import org.ivit.model.TimmClassifier;
import org.ivit.model.TimmWeights;
import org.ivit.model.VisionTransformer;
import org.ivit.model.VitConfig;
import org.ivit.model.Vits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs a model forward pass on tensors read from safetensors files. */
@Command(
        name = "forward",
        description = "Run a forward pass on tensors from a safetensors file.",
        subcommands = {
            ForwardCommand.Vit.class,
            ForwardCommand.ClipForward.class,
            ForwardCommand.Timm.class
        })
final class ForwardCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        CommandGroup.requireSubcommand(spec);
    }

    /** The four files every forward command takes. */
    static final class Files {
        @Option(
                names = "--config",
                required = true,
                description =
                        "model config JSON: vit-tiny.json keys for vit, Hugging Face config.json for clip")
        Path config;

        @Option(
                names = "--weights",
                required = true,
                description = "safetensors: timm names for vit, either naming for clip")
        Path weights;

        @Option(
                names = "--input",
                required = true,
                description =
                        "safetensors with the inputs: F32 'input' [B,3,H,W] for vit; I64 input_ids and/or F32 pixel_values for clip")
        Path input;

        @Option(names = "--output", required = true, description = "safetensors to write")
        Path output;
    }

    /** {@code forward vit}: reads F32 {@code input} [B,3,H,W]; writes logits, features, tokens. */
    @Command(name = "vit", description = "timm-named ViT: writes logits, features and tokens.")
    static final class Vit implements Callable<Integer> {
        @Mixin Files files;

        @Override
        public Integer call() throws Exception {
            VitConfig cfg = VitConfig.fromJson(files.config);
            try (Model model = Vits.create(cfg, 0);
                    NDManager batch = model.getNDManager().newSubManager();
                    SafetensorsReader in = SafetensorsReader.open(files.input)) {
                VisionTransformer vit = (VisionTransformer) model.getBlock();
                Vits.loadTimm(vit, files.weights, false);
                NDArray images = in.toNDArray("input", batch);
                NDList out =
                        vit.forward(new ParameterStore(batch, false), new NDList(images), false);
                new SafetensorsWriter()
                        .metadata("format", "pt")
                        .put("logits", out.get(0))
                        .put("features", out.get(1))
                        .put("tokens", out.get(2))
                        .write(files.output);
            }
            return 0;
        }
    }

    /**
     * {@code forward clip}: reads I64 {@code input_ids} [B,L] and F32 {@code pixel_values}
     * [B,3,S,S] (either may be absent: that side is skipped) and writes F32 {@code text_embeds} and
     * {@code image_embeds} (not normalised) and, with both, {@code logits_per_image}.
     */
    @Command(
            name = "clip",
            description =
                    "CLIP (Hugging Face or OpenAI names): writes text_embeds, image_embeds, logits_per_image.")
    static final class ClipForward implements Callable<Integer> {
        @Mixin Files files;

        @Override
        public Integer call() throws Exception {
            try (Clip clip = Clip.load(files.config, files.weights);
                    SafetensorsReader in = SafetensorsReader.open(files.input);
                    NDManager batch = clip.djlModel().getNDManager().newSubManager()) {
                if (!in.contains("input_ids") && !in.contains("pixel_values")) {
                    throw new IllegalArgumentException(
                            files.input + " holds neither input_ids nor pixel_values");
                }
                ClipModel network = clip.network();
                ParameterStore ps = new ParameterStore(batch, false);
                SafetensorsWriter out = new SafetensorsWriter().metadata("format", "pt");
                NDArray text = null;
                NDArray image = null;
                if (in.contains("input_ids")) {
                    NDArray ids = in.toNDArray("input_ids", batch).toType(DataType.INT64, false);
                    text = network.text().encode(ps, ids, false, true).head();
                    out.put("text_embeds", text);
                }
                if (in.contains("pixel_values")) {
                    image =
                            network.vision()
                                    .encode(ps, in.toNDArray("pixel_values", batch), false)
                                    .head();
                    out.put("image_embeds", image);
                }
                if (text != null && image != null) {
                    out.put("logits_per_image", network.logitsPerImage(ps, image, text, false));
                }
                out.write(files.output);
            }
            return 0;
        }
    }

    /**
     * {@code forward timm}: any Table 1 family (see {@link ModelFamilies#architectures()}) built
     * from a JSON with {@code architecture} and timm's {@code args}; reads F32 {@code input}
     * [B,C,H,W] and writes F32 {@code logits} and {@code features} (timm's {@code
     * forward_head(pre_logits=True)}).
     */
    @Command(
            name = "timm",
            description =
                    "A timm-named DeiT, CaiT, PiT, ResNet or EfficientNet: writes logits and features.")
    static final class Timm implements Callable<Integer> {
        @Mixin Files files;

        @Override
        public Integer call() throws Exception {
            try (Model model = ModelFamilies.fromJson(files.config, 0);
                    NDManager batch = model.getNDManager().newSubManager();
                    SafetensorsReader in = SafetensorsReader.open(files.input)) {
                TimmClassifier network = (TimmClassifier) model.getBlock();
                TimmWeights.load(network, files.weights, false);
                ParameterStore ps = new ParameterStore(batch, false);
                NDArray images = in.toNDArray("input", batch).toType(DataType.FLOAT32, false);
                NDArray featureMap = network.forwardFeatures(ps, images, false);
                new SafetensorsWriter()
                        .metadata("format", "pt")
                        .put("logits", network.forwardHead(ps, featureMap, false, false))
                        .put("features", network.forwardHead(ps, featureMap, false, true))
                        .write(files.output);
            }
            return 0;
        }
    }
}
