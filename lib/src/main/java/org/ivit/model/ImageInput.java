package org.ivit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The one check every image model makes of its input: NCHW with its channel count, and its size
 * where it has one.
 */
public final class ImageInput {
    /** For {@link #require}: a model that takes any height and width (the CNNs). */
    public static final int ANY_SIZE = -1;

    private ImageInput() {}

    /**
     * Fails with a message naming the model and the shape it expects unless {@code images} is (B,
     * channels, size, size).
     */
    public static void require(NDArray images, String model, int channels, int size) {
        Shape s = images.getShape();
        boolean sized =
                size == ANY_SIZE || (s.dimension() == 4 && s.get(2) == size && s.get(3) == size);
        if (s.dimension() != 4 || s.get(1) != channels || !sized) {
            String hw = size == ANY_SIZE ? "H, W" : size + ", " + size;
            throw new IllegalArgumentException(
                    "input images have shape "
                            + s
                            + " but this "
                            + model
                            + " expects (B, "
                            + channels
                            + ", "
                            + hw
                            + ")");
        }
    }
}
