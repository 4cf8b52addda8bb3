package org.ivit.prompt;

/** Top-1 and top-5 accuracy in percent over {@code count} images, with the CLIP that made them. */
public record ZeroShotAccuracy(int count, double top1, double top5, String clipLabel) {
    @Override
    public String toString() {
        return String.format(
                "top-1 %.2f%%, top-5 %.2f%% over %d images (%s)", top1, top5, count, clipLabel);
    }
}
