package org.ivit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The entries of one extension point by id, in registration order: by default the classes
 * registered in {@code META-INF/services/<type>}, in the order of those files on the classpath (the
 * library's own first). A second registration of an id is an error naming where both came from; an
 * unknown id is an error listing the known ones.
 */
public final class ServiceRegistry<T> {
    private final String what;
    private final Map<String, T> byId = new LinkedHashMap<>();

    /**
     * One entry and where it came from (the class that registered it), as a duplicate's error names
     * it.
     */
    public record Registration<T>(T entry, String origin) {}

    /**
     * @param what how errors name an entry, e.g. "dataset"
     * @param id the id of an entry
     */
    public ServiceRegistry(Class<T> type, String what, Function<T, String> id) {
        this(what, id, loaded(type));
    }

    /**
     * A registry of entries that are not services themselves (e.g. the backbones a provider lists).
     */
    public ServiceRegistry(
            String what, Function<T, String> id, List<Registration<T>> registrations) {
        this.what = what;
        Map<String, String> origins = new LinkedHashMap<>();
        for (Registration<T> r : registrations) {
            String key = id.apply(r.entry());
            if (byId.putIfAbsent(key, r.entry()) != null) {
                throw new IllegalStateException(
                        what
                                + " '"
                                + key
                                + "' is registered twice: by "
                                + origins.get(key)
                                + " and "
                                + r.origin());
            }
            origins.put(key, r.origin());
        }
    }

    private static <T> List<Registration<T>> loaded(Class<T> type) {
        List<Registration<T>> out = new java.util.ArrayList<>();
        // the library's class loader, so that a notebook kernel's own loader finds the same list
        for (T entry : ServiceLoader.load(type, type.getClassLoader())) {
            out.add(new Registration<>(entry, entry.getClass().getName()));
        }
        return out;
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
            throw new IllegalArgumentException(
                    "unknown " + what + " '" + id + "'; known: " + String.join(", ", ids()));
        }
        return entry;
    }
}
