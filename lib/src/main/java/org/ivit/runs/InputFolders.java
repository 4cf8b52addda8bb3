package org.ivit.runs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The folders a run reads its inputs from, so its record names an input by a path relative to one
 * of them ({@code results:pretraining/…/backbone.safetensors}) and never by a machine's own
 * folders.
 */
record InputFolders(Path results, Path weights, Path data, Path checkout) {
    /**
     * {@code <folder>:<path relative to it>} for the first of results, weights, data and the
     * checkout that holds {@code file}; a file outside all of them is named by its file name alone
     * (its SHA-256, recorded beside it, identifies it).
     */
    String name(Path file) {
        Path f = file.toAbsolutePath().normalize();
        Map<String, Path> folders = new LinkedHashMap<>();
        folders.put("results", results);
        folders.put("weights", weights);
        folders.put("data", data);
        folders.put("checkout", checkout);
        for (Map.Entry<String, Path> e : folders.entrySet()) {
            Path folder = e.getValue().toAbsolutePath().normalize();
            if (f.startsWith(folder)) {
                return e.getKey() + ":" + folder.relativize(f).toString().replace('\\', '/');
            }
        }
        return "elsewhere:" + f.getFileName();
    }
}
