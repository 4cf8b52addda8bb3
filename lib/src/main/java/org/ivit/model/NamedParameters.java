package org.ivit.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Blocks that know their parameters by the public checkpoint names (timm, Hugging Face). DJL's own
 * keys carry position prefixes such as {@code 02blocks_01}, so weights are always mapped through
 * these explicit names.
 */
public interface NamedParameters {

    /** Adds this block's parameters to {@code out}, each under {@code prefix + localName}. */
    void collectParameters(String prefix, Map<String, Parameter> out);

    /** All parameters of a block by public name, in a stable order. */
    default Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collectParameters("", out);
        return out;
    }

    /**
     * Names the parameters of DJL's Linear and Conv2d ({@code weight}, {@code bias}) and of our
     * blocks.
     */
    static void collect(String prefix, Block block, Map<String, Parameter> out) {
        if (block instanceof NamedParameters named) {
            named.collectParameters(prefix, out);
        } else if (block instanceof Linear || block instanceof Conv2d) {
            block.getDirectParameters().forEach(p -> out.put(prefix + p.getKey(), p.getValue()));
        } else {
            throw new IllegalArgumentException(
                    "no public names for block " + block.getClass().getName());
        }
    }
}
