package org.ivit.spec;

import com.google.gson.JsonObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys of a spec record, derived from its components: each component carrying {@link Key} is
 * one key; a component of a record type without it is a group whose components are keys in turn (as
 * {@link ExperimentConfig#schedule()}). Keys come in declaration order; their names are unique.
 *
 * @param <R> the spec's record type
 */
public final class SpecSchema<R extends Record> {
    private static final Map<Class<?>, SpecSchema<?>> DERIVED = new ConcurrentHashMap<>();

    private final Class<R> type;
    private final Map<String, SpecKey> keys = new LinkedHashMap<>();

    private SpecSchema(Class<R> type) {
        this.type = type;
        collect(type, new ArrayList<>());
    }

    /** The schema of {@code type}, derived once. */
    @SuppressWarnings("unchecked")
    public static <R extends Record> SpecSchema<R> of(Class<R> type) {
        return (SpecSchema<R>) DERIVED.computeIfAbsent(type, t -> new SpecSchema<>(type));
    }

    private void collect(Class<?> record, List<RecordComponent> prefix) {
        for (RecordComponent c : record.getRecordComponents()) {
            List<RecordComponent> path = new ArrayList<>(prefix);
            path.add(c);
            Key key = c.getAnnotation(Key.class);
            if (key != null) {
                SpecKey k = new SpecKey(path, key);
                if (keys.putIfAbsent(k.name(), k) != null) {
                    throw new IllegalStateException(
                            type.getSimpleName() + " declares the key " + k.name() + " twice");
                }
            } else if (c.getType().isRecord()) {
                collect(c.getType(), path);
            } else {
                throw new IllegalStateException(
                        record.getSimpleName()
                                + "."
                                + c.getName()
                                + " is neither a @Key nor a group of keys");
            }
        }
    }

    /** Every key in declaration order. */
    public List<SpecKey> keys() {
        return List.copyOf(keys.values());
    }

    public List<String> names() {
        return List.copyOf(keys.keySet());
    }

    /** The key {@code name}, or null. */
    public SpecKey find(String name) {
        return keys.get(name);
    }

    /**
     * The typed value of {@code text} for key {@code name}, as {@code --set}, a preset or a
     * config.json gives it.
     *
     * @param source where the text comes from (an option, a file), named in the error
     * @throws SpecException naming the source and the key: an unknown key lists every key; a bad
     *     value says what is wrong and what the key takes
     */
    public Object parse(String source, String name, String text) {
        SpecKey k = keys.get(name);
        if (k == null) {
            throw new SpecException(
                    source, name, "is not a config key; keys: " + String.join(", ", names()));
        }
        try {
            return k.parse(text);
        } catch (IllegalArgumentException e) {
            throw new SpecException(
                    source,
                    name,
                    "= '" + text + "': " + e.getMessage() + " (takes " + k.takes() + ")");
        }
    }

    /** The typed value of one key in {@code spec}. */
    public Object value(R spec, String name) {
        SpecKey k = keys.get(name);
        if (k == null) {
            throw new IllegalArgumentException(
                    "unknown spec key '" + name + "'; keys: " + String.join(", ", names()));
        }
        return k.valueIn(spec);
    }

    /** Every key with its value, in declaration order. */
    public JsonObject toJson(R spec) {
        JsonObject o = new JsonObject();
        for (SpecKey k : keys.values()) {
            o.add(k.name(), k.json(k.valueIn(spec)));
        }
        return o;
    }

    /**
     * One line per key ({@link SpecKey#helpLine}): its name, what it takes, its default, its help.
     */
    public List<String> help() {
        List<String> lines = new ArrayList<>();
        for (SpecKey k : keys.values()) {
            lines.add(k.helpLine());
        }
        return lines;
    }

    /** The spec of these typed values, one per key (unset keys must have been filled in). */
    public R build(Map<String, Object> values) {
        return type.cast(construct(type, 0, values));
    }

    private Object construct(Class<?> record, int depth, Map<String, Object> values) {
        RecordComponent[] components = record.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            args[i] =
                    c.isAnnotationPresent(Key.class)
                            ? values.get(keyAt(c, depth).name())
                            : construct(c.getType(), depth + 1, values);
        }
        try {
            Constructor<?> ctor =
                    record.getDeclaredConstructor(
                            Arrays.stream(components)
                                    .map(RecordComponent::getType)
                                    .toArray(Class<?>[]::new));
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + record.getSimpleName(), e);
        }
    }

    private SpecKey keyAt(RecordComponent c, int depth) {
        for (SpecKey k : keys.values()) {
            RecordComponent leaf = k.path().get(k.path().size() - 1);
            // components are fresh objects on each call: the same component has the same record and
            // name
            if (k.path().size() == depth + 1
                    && leaf.getDeclaringRecord() == c.getDeclaringRecord()
                    && leaf.getName().equals(c.getName())) {
                return k;
            }
        }
        throw new IllegalStateException(c.getName() + " is not a key");
    }
}
