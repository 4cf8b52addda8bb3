package org.ivit.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The datasets a profile runs when none are named: the {@code datasets} list of its preset
 * resource, each checked against {@link Datasets}. Training ({@code Profiles}) and the result
 * tables both read it here, so a table's columns are the profile's datasets by construction.
 */
public final class ProfileDatasets {
    private ProfileDatasets() {}

    /** The preset resource a profile's datasets are read from. */
    public static String resource(String profile) {
        return "/org/ivit/spec/presets/" + profile + ".json";
    }

    public static List<BenchmarkDataset> of(String profile) {
        String resource = resource(profile);
        JsonArray ids;
        try (InputStream in = ProfileDatasets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(
                        "unknown profile '" + profile + "': no preset " + resource);
            }
            ids =
                    JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                            .getAsJsonObject()
                            .getAsJsonArray("datasets");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (ids == null || ids.isEmpty()) {
            throw new IllegalStateException(resource + " has no 'datasets' list");
        }
        List<BenchmarkDataset> datasets = new ArrayList<>();
        for (JsonElement e : ids) {
            String id = e.getAsString();
            if (!Datasets.isKnown(id)) {
                throw new IllegalStateException(
                        resource
                                + ": dataset '"
                                + id
                                + "' is not registered; known: "
                                + String.join(", ", Datasets.ids()));
            }
            datasets.add(Datasets.byId(id));
        }
        return List.copyOf(datasets);
    }
}
