package org.ivit.prompt;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ivit.data.BenchmarkDataset;
import org.ivit.data.Datasets;

/**
 * A named list of prompt templates, each with one {@code {}} where a class name goes. The paper's
 * "30 templates as in OpenCLIP" matches no published set, so the set is a parameter and every
 * prompt bank records which one it used. Built-in sets (resources, sources cited there):
 * imagenet80, simple7 and each registered dataset's own (CLIP's caltech101, pets, flowers and cars;
 * this project's fashion-mnist); anything else is read as a file with one template per line ({@code
 * #} starts a comment line).
 */
public record TemplateSet(String name, List<String> templates) {
    /**
     * Sets not tied to one dataset; each registered dataset adds its own ({@link
     * BenchmarkDataset#templateSet}).
     */
    private static final List<String> GENERAL = List.of("imagenet80", "simple7");

    /** Every built-in set: the general ones, then each registered dataset's. */
    public static final List<String> BUILT_IN = builtIn();

    private static List<String> builtIn() {
        List<String> names = new ArrayList<>(GENERAL);
        Datasets.all().stream()
                .map(BenchmarkDataset::templateSet)
                .filter(t -> !names.contains(t))
                .forEach(names::add);
        return List.copyOf(names);
    }

    public TemplateSet {
        templates = List.copyOf(templates);
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("template set '" + name + "' is empty");
        }
        for (String t : templates) {
            if (t.indexOf("{}") < 0) {
                throw new IllegalArgumentException(
                        "template '" + t + "' of set '" + name + "' has no {} for the class name");
            }
        }
    }

    /** A built-in set by name, or a template file by path. */
    public static TemplateSet named(String nameOrFile) throws IOException {
        if (BUILT_IN.contains(nameOrFile)) {
            try (InputStream in =
                    TemplateSet.class.getResourceAsStream("templates/" + nameOrFile + ".txt")) {
                if (in == null) {
                    throw new FileNotFoundException(
                            "built-in template set " + nameOrFile + " is missing from the jar");
                }
                return new TemplateSet(
                        nameOrFile, lines(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException(
                    "'"
                            + nameOrFile
                            + "' is neither a built-in template set "
                            + BUILT_IN
                            + " nor a template file");
        }
        return fromFile(file);
    }

    /**
     * One template per line; blank lines and lines starting with # are skipped. Named after the
     * file.
     */
    public static TemplateSet fromFile(Path file) throws IOException {
        return new TemplateSet("file:" + file.getFileName(), lines(Files.readString(file)));
    }

    /**
     * The set CLIP used for a dataset, by the dataset's id (each registered dataset names its own).
     * Any other id is an error: a dataset without its own set needs an explicit one (e.g. {@code
     * --templates simple7}).
     */
    public static TemplateSet forDataset(String dataset) throws IOException {
        if (!Datasets.isKnown(dataset)) {
            throw new IllegalArgumentException(
                    "no template set is known for dataset '"
                            + dataset
                            + "'; known datasets: "
                            + Datasets.ids()
                            + "; for any other dataset name a set ("
                            + String.join(", ", BUILT_IN)
                            + ") or a template file explicitly (--templates)");
        }
        return named(Datasets.byId(dataset).templateSet());
    }

    /** The dataset ids {@link #forDataset} knows, with the set each one uses. */
    public static Map<String, String> datasetSets() {
        Map<String, String> sets = new LinkedHashMap<>();
        Datasets.all().forEach(d -> sets.put(d.id(), d.templateSet()));
        return sets;
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(t);
            }
        }
        return out;
    }

    /** Every template filled with the class name. */
    public List<String> prompts(String className) {
        return templates.stream().map(t -> t.replace("{}", className)).toList();
    }

    public int size() {
        return templates.size();
    }
}
