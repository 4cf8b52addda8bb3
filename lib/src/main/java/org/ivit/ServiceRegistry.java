package org.ivit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The classes registered for one extension point in {@code META-INF/services/<type>}, by id, in
 * the order of those files on the classpath (the library's own first). A second registration of an
 * id is an error naming both classes; an unknown id is an error listing the known ones.
 */
public final class ServiceRegistry<T> {
    private final String what;
    private final Map<String, T> byId = new LinkedHashMap<>();

    /**
     * @param what how errors name an entry, e.g. "dataset"
     * @param id the id of an entry
     */
    public ServiceRegistry(Class<T> type, String what, Function<T, String> id) {
        this.what = what;
        // the library's class loader, so that a notebook kernel's own loader finds the same list
        for (T entry : ServiceLoader.load(type, type.getClassLoader())) {
            T before = byId.putIfAbsent(id.apply(entry), entry);
            if (before != null) {
                throw new IllegalStateException(what + " '" + id.apply(entry) + "' is registered twice: by "
                        + before.getClass().getName() + " and " + entry.getClass().getName());
            }
        }
    }

    public List<T> all() {
        return List.copyOf(byId.values());
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** The entry with this id; the error lists the known ones. */
    public T get(String id) {
        T entry = byId.get(id);
        if (entry == null) {
            throw new IllegalArgumentException("unknown " + what + " '" + id + "'; known: " + String.join(", ", ids()));
        }
        return entry;
    }
}
