package org.ivit.platform;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Where a run must train. The paper profile needs a GPU (training ViT-B/16 on a CPU takes weeks);
 * the quick profile takes whatever DJL finds. {@code --device} (the system property {@value
 * #PROPERTY}) or {@code IVIT_DEVICE} choose explicitly; {@code IVIT_ALLOW_CPU=1} lets the paper
 * profile run on the CPU (a dry run, a test of the pipeline).
 */
public enum DeviceChoice {
    /** Refuse to start without a GPU. */
    GPU,
    /** No GPU needed: the check is lifted (DJL still uses a GPU it finds). */
    CPU,
    /** Whatever DJL finds, no check. */
    AUTO;

    /** Set by {@code ivit train --device}. */
    public static final String PROPERTY = "ivit.device";

    public static DeviceChoice parse(String text, String source) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    source + " must be gpu, cpu or auto, not '" + text + "'");
        }
    }

    /**
     * The choice for a run of this profile, from the property, then the environment, then the
     * profile.
     */
    public static DeviceChoice forProfile(
            String profile, UnaryOperator<String> property, UnaryOperator<String> env) {
        String explicit = property.apply(PROPERTY);
        if (explicit != null) {
            return parse(explicit, "--device");
        }
        String fromEnv = env.apply("IVIT_DEVICE");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return parse(fromEnv, "IVIT_DEVICE");
        }
        if ("1".equals(env.apply("IVIT_ALLOW_CPU"))) {
            return CPU;
        }
        return "paper".equals(profile) ? GPU : AUTO;
    }

    public static DeviceChoice forProfile(String profile) {
        return forProfile(profile, System::getProperty, System::getenv);
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
