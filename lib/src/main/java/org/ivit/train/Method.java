package org.ivit.train;

/** What is trained: the plain ViT, Visual Prompt Tuning, or Instruction-ViT; each with its {@link MethodStrategy}. */
public enum Method {
    VIT("vit", new VitMethod()), VPT("vpt", new VptMethod()), INSTRUCTION_VIT("instruction-vit", new InstructionVitMethod());

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
        throw new IllegalArgumentException("unknown method '" + id + "' (vit, vpt or instruction-vit)");
    }
}
