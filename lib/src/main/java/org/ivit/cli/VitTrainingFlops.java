package org.ivit.cli;

import org.ivit.model.VitConfig;

/**
 * Floating-point operations of one training image through a ViT, counted from its shapes: the
 * matrix products of the patch embedding, attention (q, k, v, scores, weighted sum, projection),
 * MLP and head, 2 operations per multiply-add, and backward = twice forward (gradients of inputs
 * and of weights). Norms, softmax and GELU are left out (a few percent), so the figure is a floor.
 */
record VitTrainingFlops(VitConfig config) {

    double forwardPerImage() {
        long tokens = config.patchCount() + 1L;
        long d = config.width();
        double patchEmbed =
                (double) config.patchCount()
                        * config.channels()
                        * config.patchSize()
                        * config.patchSize()
                        * d;
        double perLayer =
                tokens * (4.0 * d * d + 2.0 * d * config.mlpWidth()) + 2.0 * tokens * tokens * d;
        double head = (double) d * config.classes();
        return 2 * (patchEmbed + config.depth() * perLayer + head);
    }

    double trainingPerImage() {
        return 3 * forwardPerImage();
    }
}
