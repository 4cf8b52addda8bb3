package org.ivit.cli;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ivit.io.SafetensorsReader;
import org.ivit.io.SafetensorsWriter;
import org.ivit.model.VisionTransformer;
import org.ivit.model.VitConfig;
import org.ivit.model.Vits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a model forward pass on tensors read from safetensors files. */
@Command(name = "forward", description = "Run a forward pass on tensors from a safetensors file.",
        subcommands = {ForwardCommand.Vit.class})
final class ForwardCommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalArgumentException("name a model: vit or clip");
    }

    /** {@code forward vit}: reads F32 {@code input} [B,3,H,W]; writes logits, features, tokens. */
    @Command(name = "vit", description = "timm-named ViT: writes logits, features and tokens.")
    static final class Vit implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "ViT config JSON (vit-tiny.json keys)")
        Path config;
        @Option(names = "--weights", required = true, description = "timm-named safetensors")
        Path weights;
        @Option(names = "--input", required = true, description = "safetensors holding F32 'input' [B,3,H,W]")
        Path input;
        @Option(names = "--output", required = true, description = "safetensors to write")
        Path output;

        @Override
        public Integer call() throws Exception {
            VitConfig cfg = VitConfig.fromJson(config);
            try (Model model = Vits.create(cfg, 0);
                 NDManager batch = model.getNDManager().newSubManager();
                 SafetensorsReader in = SafetensorsReader.open(input)) {
                VisionTransformer vit = (VisionTransformer) model.getBlock();
                Vits.loadTimm(vit, weights, false);
                NDArray images = in.toNDArray("input", batch);
                NDList out = vit.forward(new ParameterStore(batch, false), new NDList(images), false);
                new SafetensorsWriter()
                        .metadata("format", "pt")
                        .put("logits", out.get(0))
                        .put("features", out.get(1))
                        .put("tokens", out.get(2))
                        .write(output);
            }
            return 0;
        }
    }
}
