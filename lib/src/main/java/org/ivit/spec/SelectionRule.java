package org.ivit.spec;

/** Which split picks the reported epoch. */
public enum SelectionRule {
    /** Select the epoch on the validation split and report test. */
    VAL("val"),
    /** The authors' protocol: select on test (labelled as such in results). */
    TEST("test");

    private final String id;

    SelectionRule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static SelectionRule fromId(String id) {
        for (SelectionRule s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown selection '" + id + "' (val or test)");
    }
}
