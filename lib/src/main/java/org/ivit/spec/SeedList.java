package org.ivit.spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The seeds each table cell is trained with, in order: a profile's preset lists them ({@code
 * "seeds"}), and {@code --seeds} picks a count or a list. Each seed is its own run (and run id);
 * the first one is the seed the runs had before there were seed lists, so they keep their ids.
 */
public record SeedList(List<Integer> values) {

    public SeedList {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("a seed list needs at least one seed");
        }
        values = List.copyOf(values);
        if (new LinkedHashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException("seeds must differ from each other, got " + values);
        }
    }

    public static SeedList of(Integer... seeds) {
        return new SeedList(List.of(seeds));
    }

    public int first() {
        return values.get(0);
    }

    public int size() {
        return values.size();
    }

    /**
     * The first {@code n} seeds of this list; past its end the seeds go on by +1 from the last, so
     * {@code --seeds 5} on [1234, 1235, 1236] gives 1234 to 1238.
     */
    public SeedList firstN(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the number of seeds must be at least 1, got " + n);
        }
        List<Integer> out = new ArrayList<>(values.subList(0, Math.min(n, values.size())));
        int next = values.get(values.size() - 1);
        while (out.size() < n) {
            next = Math.addExact(next, 1);
            if (!out.contains(next)) {
                out.add(next);
            }
        }
        return new SeedList(out);
    }

    /**
     * {@code --seeds}: a count ({@code 3}: the first three of the profile's seeds) or a list with
     * at least one comma ({@code 1234,7,99}; one given seed is written {@code 7,}).
     *
     * @param profileSeeds the profile's own list, which a count takes from
     */
    public static SeedList parse(String text, SeedList profileSeeds) {
        String t = text == null ? "" : text.strip();
        try {
            if (!t.contains(",")) {
                return profileSeeds.firstN(Integer.parseInt(t));
            }
            List<Integer> seeds = new ArrayList<>();
            for (String part : t.split(",")) {
                if (!part.isBlank()) {
                    seeds.add(Integer.parseInt(part.strip()));
                }
            }
            return new SeedList(seeds);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--seeds '"
                            + text
                            + "': "
                            + (e instanceof NumberFormatException
                                    ? "not a whole number"
                                    : e.getMessage())
                            + " (give a count, e.g. 3, or seeds with commas, e.g. 1234,7 or 7,)");
        }
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
