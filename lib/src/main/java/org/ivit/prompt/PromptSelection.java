package org.ivit.prompt;

import ai.djl.ndarray.NDArray;

/**
 * The prompt tokens kept for a batch: {@code tokens} (B, K+1, D) are the top-K classes' prompts in
 * descending score order followed by the mean of the other N-K; {@code classIndices} (B, K) are
 * those K classes. When K >= N all N prompts are kept in label order and no mean token is added:
 * tokens (B, N, D), classIndices (B, N).
 */
public record PromptSelection(NDArray tokens, NDArray classIndices) {}
