package org.ivit.io;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * {@code manifest.json} of a fetched model folder: the repository and, per file, the SHA-256 and
 * size recorded when the file was first verified. Later runs compare against it.
 */
final class WeightManifest {
    record Entry(String sha256, long bytes) {}

    private final Path file;
    private final JsonObject root;

    private WeightManifest(Path file, JsonObject root) {
        this.file = file;
        this.root = root;
    }

    static WeightManifest open(Path folder, String repo) throws IOException {
        Path file = folder.resolve("manifest.json");
        JsonObject root = new JsonObject();
        if (Files.isRegularFile(file)) {
            try {
                root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            } catch (RuntimeException e) {
                throw new IOException(
                        file
                                + " is not a readable manifest ("
                                + e.getMessage()
                                + "); delete it to start afresh");
            }
        }
        root.addProperty("repo", repo);
        if (!root.has("files") || !root.get("files").isJsonObject()) {
            root.add("files", new JsonObject());
        }
        return new WeightManifest(file, root);
    }

    Entry entry(String name) {
        JsonElement e = root.getAsJsonObject("files").get(name);
        if (e == null || !e.isJsonObject()) {
            return null;
        }
        JsonObject o = e.getAsJsonObject();
        return new Entry(o.get("sha256").getAsString(), o.get("bytes").getAsLong());
    }

    /** Records a verified file and saves the manifest (atomically). */
    void record(String name, String sha256, long bytes, String source) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("sha256", sha256);
        o.addProperty("bytes", bytes);
        o.addProperty("source", source);
        o.addProperty("recorded", Instant.now().toString());
        root.getAsJsonObject("files").add(name, o);
        Path tmp = file.resolveSibling("manifest.json.tmp");
        Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
