package org.ivit.cli;

import java.util.Iterator;
import org.ivit.data.Datasets;
import org.ivit.prompt.PromptKinds;

/**
 * The registries' ids as picocli completion candidates, so that help texts list what is registered
 * now ({@code ${COMPLETION-CANDIDATES}}) rather than a copy that can go stale.
 */
final class RegisteredIds {
    private RegisteredIds() {}

    /** Every registered dataset id. */
    static final class DatasetIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Datasets.ids().iterator();
        }
    }

    /** Every registered prompt kind id. */
    static final class PromptKindIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return PromptKinds.ids().iterator();
        }
    }
}
