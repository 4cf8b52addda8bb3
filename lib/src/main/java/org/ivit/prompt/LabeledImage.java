package org.ivit.prompt;

import java.nio.file.Path;

/** An image file and its class index. */
public record LabeledImage(Path path, int label) {}
