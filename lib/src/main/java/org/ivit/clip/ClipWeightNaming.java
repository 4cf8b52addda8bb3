package org.ivit.clip;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two ways CLIP checkpoints name their tensors, and how each name maps onto this project's
 * parameters (Hugging Face names outside the transformer layers, timm names inside them, as {@link
 * org.ivit.model.TransformerLayer} exposes). Mapping table:
 * lib/src/test/resources/reference/README.md ("Weight names").
 */
public enum ClipWeightNaming {
    /**
     * {@code CLIPModel} of transformers, e.g. model.safetensors of openai/clip-vit-base-patch32.
     */
    HUGGING_FACE(
            "Hugging Face CLIPModel names",
            "(text_model|vision_model)\\.embeddings\\.position_ids") {
        @Override
        TensorRecipe recipe(String parameter) {
            Matcher layer = LAYER.matcher(parameter);
            if (layer.matches()) {
                String at = layer.group(1) + ".encoder.layers." + layer.group(2) + ".";
                return switch (layer.group(3)) {
                    case "norm1.weight", "norm1.bias" ->
                            TensorRecipe.copy(parameter, at + "layer_norm1." + suffix(layer));
                    case "norm2.weight", "norm2.bias" ->
                            TensorRecipe.copy(parameter, at + "layer_norm2." + suffix(layer));
                    case "attn.qkv.weight", "attn.qkv.bias" ->
                            TensorRecipe.stackRows(
                                    parameter,
                                    List.of(
                                            at + "self_attn.q_proj." + suffix(layer),
                                            at + "self_attn.k_proj." + suffix(layer),
                                            at + "self_attn.v_proj." + suffix(layer)));
                    case "attn.proj.weight", "attn.proj.bias" ->
                            TensorRecipe.copy(
                                    parameter, at + "self_attn.out_proj." + suffix(layer));
                    default ->
                            TensorRecipe.copy(
                                    parameter,
                                    at + layer.group(3)); // mlp.fc1 / mlp.fc2 keep their names
                };
            }
            return TensorRecipe.copy(parameter, parameter);
        }
    },
    /** OpenAI's {@code clip.model.CLIP} state dict, as in timm's open_clip_model.safetensors. */
    OPENAI("original OpenAI CLIP names", "input_resolution|context_length|vocab_size") {
        @Override
        TensorRecipe recipe(String parameter) {
            Matcher layer = LAYER.matcher(parameter);
            if (layer.matches()) {
                String tower = layer.group(1).equals("text_model") ? "" : "visual.";
                String at = tower + "transformer.resblocks." + layer.group(2) + ".";
                String local =
                        switch (layer.group(3)) {
                            case "norm1.weight", "norm1.bias" -> "ln_1." + suffix(layer);
                            case "norm2.weight", "norm2.bias" -> "ln_2." + suffix(layer);
                            case "attn.qkv.weight" -> "attn.in_proj_weight";
                            case "attn.qkv.bias" -> "attn.in_proj_bias";
                            case "attn.proj.weight", "attn.proj.bias" ->
                                    "attn.out_proj." + suffix(layer);
                            case "mlp.fc1.weight", "mlp.fc1.bias" -> "mlp.c_fc." + suffix(layer);
                            case "mlp.fc2.weight", "mlp.fc2.bias" -> "mlp.c_proj." + suffix(layer);
                            default ->
                                    throw new IllegalArgumentException(
                                            "no OpenAI name for " + parameter);
                        };
                return TensorRecipe.copy(parameter, at + local);
            }
            return switch (parameter) {
                case "text_model.embeddings.token_embedding.weight" ->
                        TensorRecipe.copy(parameter, "token_embedding.weight");
                case "text_model.embeddings.position_embedding.weight" ->
                        TensorRecipe.copy(parameter, "positional_embedding");
                case "text_model.final_layer_norm.weight" ->
                        TensorRecipe.copy(parameter, "ln_final.weight");
                case "text_model.final_layer_norm.bias" ->
                        TensorRecipe.copy(parameter, "ln_final.bias");
                case "text_projection.weight" ->
                        TensorRecipe.transpose(parameter, "text_projection");
                case "vision_model.embeddings.class_embedding" ->
                        TensorRecipe.copy(parameter, "visual.class_embedding");
                case "vision_model.embeddings.patch_embedding.weight" ->
                        TensorRecipe.copy(parameter, "visual.conv1.weight");
                case "vision_model.embeddings.position_embedding.weight" ->
                        TensorRecipe.copy(parameter, "visual.positional_embedding");
                case "vision_model.pre_layrnorm.weight" ->
                        TensorRecipe.copy(parameter, "visual.ln_pre.weight");
                case "vision_model.pre_layrnorm.bias" ->
                        TensorRecipe.copy(parameter, "visual.ln_pre.bias");
                case "vision_model.post_layernorm.weight" ->
                        TensorRecipe.copy(parameter, "visual.ln_post.weight");
                case "vision_model.post_layernorm.bias" ->
                        TensorRecipe.copy(parameter, "visual.ln_post.bias");
                case "visual_projection.weight" -> TensorRecipe.transpose(parameter, "visual.proj");
                case "logit_scale" -> TensorRecipe.copy(parameter, "logit_scale");
                default -> throw new IllegalArgumentException("no OpenAI name for " + parameter);
            };
        }
    };

    private static final Pattern LAYER =
            Pattern.compile("(text_model|vision_model)\\.encoder\\.layers\\.(\\d+)\\.(.+)");

    private final String description;
    private final Pattern knownBuffers;

    ClipWeightNaming(String description, String knownBuffers) {
        this.description = description;
        this.knownBuffers = Pattern.compile(knownBuffers);
    }

    /** How the checkpoint tensors that make {@code parameter} are named and combined. */
    abstract TensorRecipe recipe(String parameter);

    public String description() {
        return description;
    }

    /** Non-parameter entries real checkpoints carry; accepted and not loaded. */
    public boolean isKnownBuffer(String name) {
        return knownBuffers.matcher(name).matches();
    }

    private static String suffix(Matcher layer) {
        String local = layer.group(3);
        return local.substring(local.lastIndexOf('.') + 1);
    }

    /**
     * The naming a checkpoint uses, told by its tensor names (whichever naming claims more of them;
     * the other's names then show up as unexpected).
     */
    public static ClipWeightNaming detect(Collection<String> names, String where) {
        long hf =
                names.stream()
                        .filter(
                                n ->
                                        n.startsWith("text_model.")
                                                || n.startsWith("vision_model.")
                                                || n.equals("text_projection.weight")
                                                || n.equals("visual_projection.weight"))
                        .count();
        long openai =
                names.stream()
                        .filter(
                                n ->
                                        n.startsWith("transformer.resblocks.")
                                                || n.startsWith("visual.")
                                                || n.equals("token_embedding.weight")
                                                || n.equals("positional_embedding")
                                                || n.startsWith("ln_final.")
                                                || n.equals("text_projection"))
                        .count();
        if (hf == 0 && openai == 0) {
            List<String> sample = names.stream().sorted().limit(5).toList();
            throw new IllegalArgumentException(
                    where
                            + " holds neither Hugging Face CLIP names (text_model.*, vision_model.*)"
                            + " nor OpenAI CLIP names (transformer.resblocks.*, visual.*); its first names are "
                            + sample);
        }
        return hf >= openai ? HUGGING_FACE : OPENAI;
    }
}
