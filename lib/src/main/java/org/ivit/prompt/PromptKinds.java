package org.ivit.prompt;

import java.util.List;
import org.ivit.ServiceRegistry;

/**
 * The one list of prompt kinds: every {@link PromptKind} registered in {@code
 * META-INF/services/org.ivit.prompt.PromptKind}, in that file's order. Configs, the CLI, run
 * records and bank files all read it.
 */
public final class PromptKinds {
    private static final ServiceRegistry<PromptKind> KINDS =
            new ServiceRegistry<>(PromptKind.class, "prompt kind", PromptKind::id);

    private PromptKinds() {}

    /** Every registered kind, in registration order. */
    public static List<PromptKind> all() {
        return KINDS.all();
    }

    /** Every registered id, for help texts and errors. */
    public static List<String> ids() {
        return KINDS.ids();
    }

    /** The registered kind with this id; the error lists the known ones. */
    public static PromptKind byId(String id) {
        return KINDS.get(id);
    }
}
