package org.ivit.train;

/**
 * What is trained: the plain ViT, Visual Prompt Tuning, Instruction-ViT, or a Table 1 baseline
 * (fine-tuning any registered timm classifier); each with its {@link MethodStrategy}.
 */
public enum Method {
    VIT("vit", new ClassifierMethod(false, 2)), VPT("vpt", new VptMethod()), INSTRUCTION_VIT("instruction-vit", new InstructionVitMethod()),
    CLASSIFIER("classifier", new ClassifierMethod(true, 0));

    /** The ids, for help texts and errors. */
    public static final String IDS = "vit, vpt, instruction-vit or classifier";

    private final String id;
    private final MethodStrategy strategy;

    Method(String id, MethodStrategy strategy) {
        this.id = id;
        this.strategy = strategy;
    }

    public String id() {
        return id;
    }

    /** How this method builds, trains, scores and records a run. */
    public MethodStrategy strategy() {
        return strategy;
    }

    public static Method fromId(String id) {
        for (Method m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + id + "' (" + IDS + ")");
    }
}
