package org.ivit.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's grad mode is per thread and on by default; DJL switches it off only on the thread that
 * loads the engine. A notebook runs each cell on another thread, where evaluation would record an
 * autograd graph for nothing. DJL's GradientCollector switches it on for training and back off.
 */
final class GradMode {
    private GradMode() {}

    static void offOnThisThread() {
        Engine.getInstance(); // loads libtorch, which the next call needs
        JniUtils.setGradMode(false);
    }
}
