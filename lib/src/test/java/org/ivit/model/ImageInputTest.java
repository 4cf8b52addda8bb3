package org.ivit.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ImageInputTest {
    @Test
    void aWrongShapeNamesTheModelAndTheShapeItExpects() {
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException sized =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    ImageInput.require(
                                            m.zeros(new Shape(2, 3, 32, 30)), "DeiT", 3, 32));
            assertEquals(
                    "input images have shape (2, 3, 32, 30) but this DeiT expects (B, 3, 32, 32)",
                    sized.getMessage());
            IllegalArgumentException anySize =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    ImageInput.require(
                                            m.zeros(new Shape(2, 1, 40, 50)),
                                            "ResNet",
                                            3,
                                            ImageInput.ANY_SIZE));
            assertEquals(
                    "input images have shape (2, 1, 40, 50) but this ResNet expects (B, 3, H, W)",
                    anySize.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> ImageInput.require(m.zeros(new Shape(3, 32, 32)), "ViT", 3, 32));
            assertDoesNotThrow(
                    () ->
                            ImageInput.require(
                                    m.zeros(new Shape(2, 3, 40, 50)),
                                    "ResNet",
                                    3,
                                    ImageInput.ANY_SIZE));
            assertDoesNotThrow(
                    () -> ImageInput.require(m.zeros(new Shape(1, 3, 32, 32)), "ViT", 3, 32));
        }
    }
}
