package org.ivit.spec;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One spec key, derived from a record component and its {@link Key}: how its text parses into the
 * component's type, how its value is written back, what it takes and its default. Numbers,
 * booleans, strings, and types with ids (a static {@code fromId(String)} or {@code parse(String)},
 * and {@code id()}; enums without them by their lower-case names) are understood.
 */
public final class SpecKey {
    private final String name;
    private final List<RecordComponent> path;
    private final Class<?> type;
    private final Key key;
    private final ValueRange range;

    SpecKey(List<RecordComponent> path, Key key) {
        RecordComponent leaf = path.get(path.size() - 1);
        this.name = key.name().isEmpty() ? leaf.getName() : key.name();
        this.path = List.copyOf(path);
        this.type = leaf.getType();
        this.key = key;
        this.range = ValueRange.parse(key.range());
        if (hasDefault()) {
            parse(key.defaultValue()); // a bad default fails when the schema is derived, not
            // in a user's run
        }
    }

    public String name() {
        return name;
    }

    public String help() {
        return key.help();
    }

    public boolean nullable() {
        return key.nullable();
    }

    public boolean hasDefault() {
        return !Key.NONE.equals(key.defaultValue());
    }

    /** The typed default; only where {@link #hasDefault}. */
    public Object defaultValue() {
        return parse(key.defaultValue());
    }

    Class<?> type() {
        return type;
    }

    List<RecordComponent> path() {
        return path;
    }

    /** This key's value in a spec of the schema's record type. */
    Object valueIn(Record spec) {
        Object v = spec;
        for (RecordComponent c : path) {
            try {
                Method accessor = c.getAccessor();
                accessor.setAccessible(true);
                v = accessor.invoke(v);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(
                        "cannot read " + name + " of " + spec.getClass().getSimpleName(), e);
            }
        }
        return v;
    }

    /**
     * The typed value of {@code text} ({@code null} or "null" for no value).
     *
     * @throws IllegalArgumentException saying what is wrong, without the key's name
     */
    public Object parse(String text) {
        if (text == null || text.equals("null")) {
            if (key.nullable()) {
                return null;
            }
            throw new IllegalArgumentException("must have a value");
        }
        String t = text.strip();
        if (type == String.class) {
            if (t.isEmpty()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return checkedId(text);
        } else if (type == int.class || type == Integer.class) {
            BigDecimal d = number(t);
            long v;
            try {
                v = d.longValueExact(); // "2.0" is 2, as a JSON round trip may write it
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("is not a whole number");
            }
            inRange(BigDecimal.valueOf(v));
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("is beyond a 32-bit whole number");
            }
            return (int) v;
        } else if (type == double.class || type == float.class) {
            BigDecimal exact = number(t); // refuses NaN and Infinity by name
            Object typed =
                    type == float.class
                            ? (Object) Float.parseFloat(t)
                            : (Object) Double.parseDouble(t);
            if (!Double.isFinite(((Number) typed).doubleValue())) {
                throw new IllegalArgumentException("must be a finite number");
            }
            inRange(exact);
            return typed;
        } else if (type == boolean.class) {
            return switch (t) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("must be true or false");
            };
        }
        checkedId(t);
        Method factory = factory();
        if (factory != null) {
            try {
                return factory.invoke(null, t);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof IllegalArgumentException iae) {
                    throw iae;
                }
                throw new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        for (Object constant : type.getEnumConstants()) {
            if (text(constant).equals(t)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("must be " + alternatives());
    }

    /** The value as {@code --set} and config.json write it: an id, a number or a boolean. */
    public String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Enum<?>
                || !(value instanceof Number
                        || value instanceof Boolean
                        || value instanceof String)) {
            try {
                Method id = value.getClass().getMethod("id");
                id.setAccessible(true);
                return (String) id.invoke(value);
            } catch (NoSuchMethodException e) {
                return ((Enum<?>) value).name().toLowerCase(Locale.ROOT);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
        return value.toString();
    }

    /** The value in JSON: numbers and booleans as such, ids as strings. */
    public JsonElement json(Object value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        } else if (value instanceof Number n) {
            return new JsonPrimitive(n);
        } else if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        return new JsonPrimitive(text(value));
    }

    /**
     * What the key takes, for errors: "a whole number in [1, 100000]", "val or test", "text (or
     * null)".
     */
    public String takes() {
        return key.nullable() ? kind() + " (or null)" : kind();
    }

    /**
     * Its line in the help: "name (what it takes[, or null][, default d]): help", e.g. "selection
     * (val or test): which split selects the reported epoch".
     */
    public String helpLine() {
        return name()
                + " ("
                + kind()
                + (key.nullable() ? ", or null" : "")
                + (hasDefault() ? ", default " + text(defaultValue()) : "")
                + "): "
                + help();
    }

    /** What a value of the key is, null aside: "a whole number in [1, 100000]", "val or test". */
    private String kind() {
        if (type == String.class) {
            return key.only().length > 0 ? alternatives() : "text";
        } else if (type == int.class || type == Integer.class) {
            return "a whole number" + (range == ValueRange.ANY ? "" : " " + range.phrase());
        } else if (type == double.class || type == float.class) {
            return "a finite number" + (range == ValueRange.ANY ? "" : " " + range.phrase());
        } else if (type == boolean.class) {
            return "true or false";
        }
        return alternatives();
    }

    private String checkedId(String t) {
        if (key.only().length > 0 && !Arrays.asList(key.only()).contains(t)) {
            throw new IllegalArgumentException("must be " + alternatives());
        }
        return t;
    }

    private void inRange(BigDecimal v) {
        if (!range.contains(v)) {
            throw new IllegalArgumentException("must be " + range.phrase());
        }
    }

    private static BigDecimal number(String t) {
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a number");
        }
    }

    private Method factory() {
        for (String factoryName : List.of("fromId", "parse")) {
            try {
                Method m = type.getDeclaredMethod(factoryName, String.class);
                if (Modifier.isStatic(m.getModifiers())
                        && type.isAssignableFrom(m.getReturnType())) {
                    m.setAccessible(true);
                    return m;
                }
            } catch (NoSuchMethodException e) {
                // the next name, or the enum's constants
            }
        }
        if (!type.isEnum()) {
            throw new IllegalStateException(
                    "spec key "
                            + name
                            + ": "
                            + type.getSimpleName()
                            + " has no static fromId(String) or parse(String) and is not an enum");
        }
        return null;
    }

    /**
     * The ids this key takes: {@link Key#only}, a static {@code ids()} of its type, or its enum
     * constants.
     */
    private String alternatives() {
        List<String> ids = new ArrayList<>(Arrays.asList(key.only()));
        if (ids.isEmpty()) {
            try {
                Method all = type.getDeclaredMethod("ids");
                all.setAccessible(true);
                for (Object id : (List<?>) all.invoke(null)) {
                    ids.add(id.toString());
                }
            } catch (NoSuchMethodException e) {
                for (Object constant : type.getEnumConstants()) {
                    ids.add(text(constant));
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
        if (ids.size() == 1) {
            return ids.get(0);
        }
        return String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
    }
}
