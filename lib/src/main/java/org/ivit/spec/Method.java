package org.ivit.spec;

import org.ivit.backbone.Backbones;
import org.ivit.model.VitFamily;
import org.ivit.prompt.PromptKind;

/**
 * What is trained: the plain ViT, Visual Prompt Tuning, Instruction-ViT, or a Table 1 baseline
 * (fine-tuning any registered timm classifier). The facts a spec needs about a method are data
 * here; how a method builds and trains its model is its {@code org.ivit.train.MethodStrategy}.
 */
public enum Method {
    /**
     * The paper's ViT-B row: the whole ViT (Table 1), or its head only (the linear probe beside
     * Table 2).
     */
    VIT("vit", 2, false, false, false),
    /** Visual Prompt Tuning: always prompt tuning (Table 2). */
    VPT("vpt", 2, true, false, false),
    /** Instruction-ViT: CLIP prompts, Table 1 in full fine-tuning and Table 2 in prompt tuning. */
    INSTRUCTION_VIT("instruction-vit", 2, false, true, false),
    /** The Table 1 baselines, named after their backbone; head-only runs fill no table. */
    CLASSIFIER("classifier", 0, false, false, true);

    /** The ids, for help texts and errors. */
    public static final String IDS = "vit, vpt, instruction-vit or classifier";

    private final String id;
    private final int promptModeTable;
    private final boolean promptModeOnly;
    private final boolean usesPrompts;
    private final boolean namedAfterBackbone;

    /**
     * @param promptModeTable the table a prompt-mode (head-only) run fills; full fine-tuning fills
     *     Table 1
     * @param promptModeOnly runs always tune prompts, whatever mode was asked for
     * @param usesPrompts runs need a CLIP prompt bank
     * @param namedAfterBackbone the run id names the backbone instead of the method, and any
     *     registered backbone is accepted (otherwise only a ViT variant of VitFamily)
     */
    Method(
            String id,
            int promptModeTable,
            boolean promptModeOnly,
            boolean usesPrompts,
            boolean namedAfterBackbone) {
        this.id = id;
        this.promptModeTable = promptModeTable;
        this.promptModeOnly = promptModeOnly;
        this.usesPrompts = usesPrompts;
        this.namedAfterBackbone = namedAfterBackbone;
    }

    public String id() {
        return id;
    }

    /** Which of the paper's tables a run of this method in {@code mode} fills (0: none). */
    public int table(TuningMode mode) {
        return mode(mode) == TuningMode.FULL ? 1 : promptModeTable;
    }

    /** The mode a run of this method really trains in (VPT always tunes prompts). */
    public TuningMode mode(TuningMode requested) {
        return promptModeOnly ? TuningMode.PROMPT : requested;
    }

    /**
     * The prompt kind a run records: the requested one (text by default) for Instruction-ViT, else
     * none.
     */
    public String promptKind(String requested) {
        if (!usesPrompts) {
            return null;
        }
        return requested == null ? PromptKind.TEXT.id() : PromptKind.parse(requested).id();
    }

    /** Whether a run needs a CLIP prompt bank (and so CLIP weights). */
    public boolean usesPrompts() {
        return usesPrompts;
    }

    /**
     * Whether runs are named after their backbone and accept any registered backbone, built from
     * its registration rather than a ViT config (the Table 1 baselines).
     */
    public boolean namedAfterBackbone() {
        return namedAfterBackbone;
    }

    /** The name part of the run id: the method's id, or for the baselines their backbone's. */
    public String runName(String backbone) {
        return namedAfterBackbone ? backbone : id;
    }

    /**
     * Fails when this method cannot train {@code backbone}: the baselines take any registered
     * backbone; the ViT-based methods a ViT variant of VitFamily.
     */
    public void checkBackbone(String backbone) {
        if (namedAfterBackbone) {
            Backbones.get(backbone);
        } else {
            VitFamily.config(backbone);
        }
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
