package org.ivit.model.conv;

import ai.djl.nn.Parameter;
import org.ivit.model.StrictWeightLoader;

/** Test shorthand: copies values into an initialised parameter. */
final class StrictWeightLoaderAccess {
    private StrictWeightLoaderAccess() {}

    static void copy(Parameter p, float[] values) {
        StrictWeightLoader.copyInto(p, values);
    }
}
