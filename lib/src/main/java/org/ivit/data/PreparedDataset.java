package org.ivit.data;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ivit.Project;

/**
 * A dataset in the prepared layout ({@link PreparedLayout}): its class names, its split files and
 * the manifest. Opening checks the layout is complete and gives the prepare command otherwise.
 */
public final class PreparedDataset {
    private final String name;
    private final PreparedLayout layout;
    private final List<String> classNames;
    private final JsonObject manifest;

    private PreparedDataset(
            String name, PreparedLayout layout, List<String> classNames, JsonObject manifest) {
        this.name = name;
        this.layout = layout;
        this.classNames = classNames;
        this.manifest = manifest;
    }

    /**
     * Opens {@code <dataDir>/<name>}; {@code dataDir} null means the default ({@link
     * Project#dataDir()}).
     */
    public static PreparedDataset open(Path dataDir, String name) throws IOException {
        Path dir = Project.dataDir(dataDir);
        PreparedLayout layout = PreparedLayout.of(dir, name);
        if (!Files.isRegularFile(layout.manifest())) {
            throw new DatasetNotPreparedException(name, dir, "missing " + layout.manifest());
        }
        for (Path required :
                List.of(
                        layout.classes(),
                        layout.split(Split.TRAIN),
                        layout.split(Split.VAL),
                        layout.split(Split.TEST))) {
            if (!Files.isRegularFile(required)) {
                throw new DatasetNotPreparedException(name, dir, "missing " + required);
            }
        }
        List<String> classes = new ArrayList<>();
        for (String line : Files.readAllLines(layout.classes(), StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) {
                classes.add(line);
            }
        }
        if (classes.isEmpty()) {
            throw new DatasetNotPreparedException(name, dir, layout.classes() + " is empty");
        }
        JsonObject manifest;
        try {
            manifest =
                    JsonParser.parseString(Files.readString(layout.manifest())).getAsJsonObject();
        } catch (RuntimeException e) { // JsonSyntaxException, or JSON that is not an object
            throw new IOException(
                    layout.manifest()
                            + " is not a JSON object ("
                            + e.getMessage()
                            + "); prepare the dataset again with "
                            + DatasetNotPreparedException.prepareCommand(name, dir)
                            + " --force",
                    e);
        }
        if (manifest.has("dataset")
                && !manifest.get("dataset").isJsonNull()
                && !manifest.get("dataset").getAsString().equals(name)) {
            throw new IOException(
                    layout.manifest()
                            + ": field 'dataset' is '"
                            + manifest.get("dataset").getAsString()
                            + "', but the folder is opened as dataset '"
                            + name
                            + "' (a copy of another dataset's folder?)");
        }
        return new PreparedDataset(name, layout, List.copyOf(classes), manifest);
    }

    public String name() {
        return name;
    }

    public PreparedLayout layout() {
        return layout;
    }

    public List<String> classNames() {
        return classNames;
    }

    public int numClasses() {
        return classNames.size();
    }

    /** The split protocol the dataset was prepared with (from PREPARED.json). */
    public String protocol() {
        return manifest.has("protocol") ? manifest.get("protocol").getAsString() : "unknown";
    }

    public JsonObject manifest() {
        return manifest.deepCopy();
    }

    /**
     * The image file a split row names (absolute: the dataset folder resolved with its relative
     * path).
     */
    public Path file(LabeledImage row) {
        return layout.image(row);
    }

    /** The rows of one split, with every label checked against classes.txt. */
    public List<LabeledImage> split(Split split) throws IOException {
        return SplitFile.read(layout.split(split), classNames.size());
    }
}
