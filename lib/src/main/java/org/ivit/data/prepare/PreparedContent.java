package org.ivit.data.prepare;

import java.util.List;
import org.ivit.data.LabeledImage;

/**
 * What a recipe produces in its staging folder: class names in label order and the three splits.
 */
public record PreparedContent(
        List<String> classNames,
        List<LabeledImage> train,
        List<LabeledImage> val,
        List<LabeledImage> test,
        String protocolDescription) {}
