package org.ivit.prompt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ivit.data.Split;

/**
 * The prompt pipeline's view of a prepared dataset: class names and split rows with absolute image
 * paths, which is what CLIP's image side reads. Opening and validating the layout is
 * {@link org.ivit.data.PreparedDataset}'s job; this only adapts its rows.
 */
public record PreparedDataset(String name, Path folder, List<String> classes) {

    public static PreparedDataset open(Path dataDir, String name) throws IOException {
        org.ivit.data.PreparedDataset prepared = org.ivit.data.PreparedDataset.open(dataDir, name);
        return new PreparedDataset(name, prepared.layout().root(), prepared.classNames());
    }

    /** The rows of one split ({@code train}, {@code val} or {@code test}), with absolute paths. */
    public List<LabeledImage> split(String split) throws IOException {
        org.ivit.data.PreparedLayout layout = new org.ivit.data.PreparedLayout(folder);
        List<LabeledImage> rows = new ArrayList<>();
        for (org.ivit.data.LabeledImage row : org.ivit.data.SplitFile.read(layout.split(Split.parse(split)))) {
            if (row.label() >= classes.size()) {
                throw new IOException(layout.split(Split.parse(split)) + ": label " + row.label() + " of " + row.path()
                        + " has no class (" + classes.size() + " classes)");
            }
            rows.add(new LabeledImage(layout.image(row), row.label()));
        }
        return rows;
    }
}
