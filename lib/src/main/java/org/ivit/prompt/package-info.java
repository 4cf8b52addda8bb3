/**
 * Instruction-ViT's prompts: {@link org.ivit.prompt.TemplateSet}s, {@link
 * org.ivit.prompt.PromptBank}s of text, image or mixed CLIP prompts (one unit vector per class,
 * cached with their recipe), {@link org.ivit.prompt.PromptSelector#topKPlusOne} and zero-shot CLIP
 * evaluation ({@link org.ivit.prompt.ZeroShotEvaluation}). Built through {@link
 * org.ivit.prompt.PromptBanks}.
 */
package org.ivit.prompt;
