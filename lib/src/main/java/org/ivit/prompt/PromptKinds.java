package org.ivit.prompt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The one list of prompt kinds: every {@link PromptKind} registered in
 * {@code META-INF/services/org.ivit.prompt.PromptKind}, in that file's order. Configs, the CLI, run
 * records and bank files all read it.
 */
public final class PromptKinds {
    private static final Map<String, PromptKind> KINDS = load();

    private PromptKinds() {}

    private static Map<String, PromptKind> load() {
        Map<String, PromptKind> byId = new LinkedHashMap<>();
        for (PromptKind kind : ServiceLoader.load(PromptKind.class, PromptKind.class.getClassLoader())) {
            PromptKind before = byId.putIfAbsent(kind.id(), kind);
            if (before != null) {
                throw new IllegalStateException("prompt kind '" + kind.id() + "' is registered twice: by "
                        + before.getClass().getName() + " and " + kind.getClass().getName());
            }
        }
        return byId;
    }

    /** Every registered kind, in registration order. */
    public static List<PromptKind> all() {
        return List.copyOf(KINDS.values());
    }

    /** Every registered id, for help texts and errors. */
    public static List<String> ids() {
        return List.copyOf(KINDS.keySet());
    }

    /** The registered kind with this id; the error lists the known ones. */
    public static PromptKind byId(String id) {
        PromptKind kind = KINDS.get(id);
        if (kind == null) {
            throw new IllegalArgumentException("unknown prompt kind '" + id + "' (" + String.join(", ", ids()) + ")");
        }
        return kind;
    }
}
