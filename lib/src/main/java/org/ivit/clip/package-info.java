/**
 * CLIP in DJL: {@link org.ivit.clip.Clip} (the facade: model, tokenizer, preprocessing), {@link
 * org.ivit.clip.ClipModel} with its text and vision towers (built on the project's {@link
 * org.ivit.model.TransformerLayer}), strict loading of Hugging Face and OpenAI checkpoints ({@link
 * org.ivit.clip.ClipWeights}), the bundled BPE tokenizer ({@link org.ivit.clip.ClipTokenizer}) and
 * Pillow-exact image preprocessing ({@link org.ivit.clip.ClipImagePreprocessor}). Outputs match
 * Hugging Face's {@code CLIPModel} ({@code get_text_features}, {@code get_image_features}, {@code
 * logits_per_image}) within 1e-4 on the reference files vendored in {@code
 * lib/src/test/resources/reference}.
 */
package org.ivit.clip;
