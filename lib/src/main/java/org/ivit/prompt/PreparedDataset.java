package org.ivit.prompt;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The least this package needs of a prepared dataset ({@code data-scripts/prepare}'s layout):
 * {@code <data>/<name>/classes.txt} (class names in label order) and
 * {@code splits/<split>.csv} with header {@code path,label}, paths relative to the dataset folder.
 * The full loader lives in the data package; this reader stays tiny on purpose.
 */
public record PreparedDataset(String name, Path folder, List<String> classes) {

    public static PreparedDataset open(Path dataDir, String name) throws IOException {
        Path folder = dataDir.resolve(name);
        Path classesFile = folder.resolve("classes.txt");
        if (!Files.isRegularFile(classesFile)) {
            throw new FileNotFoundException("dataset '" + name + "' is not prepared: " + classesFile
                    + " is missing (run data-scripts/prepare " + name + ")");
        }
        List<String> classes = Files.readAllLines(classesFile).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new PreparedDataset(name, folder, classes);
    }

    /** The rows of one split ({@code train}, {@code val} or {@code test}), with absolute paths. */
    public List<LabeledImage> split(String split) throws IOException {
        Path file = folder.resolve("splits").resolve(split + ".csv");
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("dataset '" + name + "' has no split file " + file);
        }
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).strip().equals("path,label")) {
            throw new IOException(file + " must start with the header 'path,label'");
        }
        List<LabeledImage> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int comma = line.lastIndexOf(','); // paths may hold commas, labels never do
            try {
                int label = Integer.parseInt(line.substring(comma + 1).strip());
                if (comma < 1 || label < 0 || label >= classes.size()) {
                    throw new NumberFormatException("label out of range");
                }
                rows.add(new LabeledImage(folder.resolve(unquote(line.substring(0, comma))), label));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw new IOException(file + " line " + (i + 1) + ": expected 'path,label' with a label in 0.."
                        + (classes.size() - 1) + ", got '" + line + "'");
            }
        }
        return rows;
    }

    private static String unquote(String s) {
        s = s.strip();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s;
    }
}
