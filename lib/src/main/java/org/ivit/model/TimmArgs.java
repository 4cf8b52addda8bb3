package org.ivit.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * timm constructor arguments (the {@code args} of a reference JSON, in timm's names), read
 * strictly: an argument a model class does not implement is refused, never silently ignored (a
 * {@code qkv_bias=false} dropped on the floor would build another network than timm's).
 */
public final class TimmArgs {
    private final JsonObject args;

    private TimmArgs(JsonObject args) {
        this.args = args;
    }

    /** Fails, naming every unknown argument, if {@code args} has keys outside {@code known}. */
    public static TimmArgs of(JsonObject args, String model, Set<String> known) {
        Set<String> unknown = new TreeSet<>(args.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    model
                            + " does not implement the timm argument(s) "
                            + unknown
                            + " (known: "
                            + new TreeSet<>(known)
                            + ")");
        }
        return new TimmArgs(args);
    }

    public int integer(String key, int fallback) {
        return args.has(key) ? args.get(key).getAsInt() : fallback;
    }

    public double real(String key, double fallback) {
        return args.has(key) ? args.get(key).getAsDouble() : fallback;
    }

    public List<Integer> integers(String key, List<Integer> fallback) {
        if (!args.has(key)) {
            return fallback;
        }
        List<Integer> out = new ArrayList<>();
        for (JsonElement e : args.getAsJsonArray(key)) {
            out.add(e.getAsInt());
        }
        return out;
    }
}
