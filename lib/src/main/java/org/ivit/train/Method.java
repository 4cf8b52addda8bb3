package org.ivit.train;

/** What is trained: the plain ViT, Visual Prompt Tuning, or Instruction-ViT. */
public enum Method {
    VIT("vit"), VPT("vpt"), INSTRUCTION_VIT("instruction-vit");

    private final String id;

    Method(String id) {
        this.id = id;
    }

    public String id() {
        return id;
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
