package org.ivit.spec;

/** Full fine-tuning (Table 1) or VPT-style tuning of the head and prompts only (Table 2). */
public enum TuningMode {
    FULL("full"),
    PROMPT("prompt");

    private final String id;

    TuningMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static TuningMode fromId(String id) {
        for (TuningMode m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + id + "' (full or prompt)");
    }
}
