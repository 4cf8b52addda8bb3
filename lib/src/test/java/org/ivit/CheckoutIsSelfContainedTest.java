package org.ivit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A clone must work on its own: no tracked file reads the folder that sat beside the checkout in
 * the build environment, nor an absolute path of that environment, and no tracked file is too large
 * for a repository. Scanned: every tracked text file (sources, scripts, build files, Markdown) and
 * the code cells of the notebooks. Not scanned: notebooks' Markdown cells and the generated exports
 * under {@code results/}, which record where a run happened rather than read anything.
 */
class CheckoutIsSelfContainedTest {
    /**
     * The folder beside the checkout, and absolute paths into the build machine's top-level work
     * folder (a path of its own, so a home folder's work subfolder is fine). Spelled in pieces so
     * that this file does not match itself.
     */
    private static final List<Pattern> FORBIDDEN =
            List.of(
                    Pattern.compile(Pattern.quote(".." + "/shared")),
                    Pattern.compile("(?<![\\w.~$}/-])/" + "work/"));

    private static final long MAX_BYTES = 5L * 1024 * 1024;

    static List<Path> trackedFiles(Path root) throws IOException, InterruptedException {
        List<Path> files = new ArrayList<>();
        Process git =
                new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z")
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        byte[] out = git.getInputStream().readAllBytes();
        if (git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0) {
            for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
                if (!name.isEmpty() && Files.isRegularFile(root.resolve(name))) {
                    files.add(root.resolve(name));
                }
            }
            return files;
        }
        // not a git checkout (an unpacked archive): every file outside build output and user
        // folders
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile)
                    .filter(
                            p -> {
                                String r = root.relativize(p).toString();
                                return !(r.startsWith(".git")
                                        || r.contains("target/")
                                        || r.startsWith("data/")
                                        || r.startsWith("weights/")
                                        || r.startsWith("results/runs/")
                                        || r.startsWith("results/pretraining/"));
                            })
                    .forEach(files::add);
        }
        return files;
    }

    private static boolean binary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static String notebookCode(String json) {
        StringBuilder code = new StringBuilder();
        for (JsonElement cell :
                JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("cells")) {
            JsonObject c = cell.getAsJsonObject();
            if (c.get("cell_type").getAsString().equals("code")) {
                JsonElement source = c.get("source");
                if (source.isJsonArray()) {
                    source.getAsJsonArray().forEach(line -> code.append(line.getAsString()));
                } else {
                    code.append(source.getAsString());
                }
                code.append('\n');
            }
        }
        return code.toString();
    }

    @Test
    void noTrackedFileReadsAPathOutsideTheCheckout() throws Exception {
        Path root = ReferenceFiles.projectRoot();
        List<String> problems = new ArrayList<>();
        int scanned = 0;
        for (Path file : trackedFiles(root)) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            if (relative.startsWith("results/")) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (binary(bytes)) {
                continue;
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (relative.endsWith(".ipynb")) {
                text = notebookCode(text);
            }
            scanned++;
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                for (Pattern needle : FORBIDDEN) {
                    if (needle.matcher(lines.get(i)).find()) {
                        problems.add(relative + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertTrue(scanned > 100, "only " + scanned + " files scanned");
        assertTrue(
                problems.isEmpty(), "paths outside the checkout:\n" + String.join("\n", problems));
    }

    @Test
    void noTrackedFileIsLargerThanFiveMegabytes() throws Exception {
        Path root = ReferenceFiles.projectRoot();
        List<String> large = new ArrayList<>();
        for (Path file : trackedFiles(root)) {
            if (Files.size(file) > MAX_BYTES) {
                large.add(root.relativize(file) + " (" + Files.size(file) + " bytes)");
            }
        }
        assertTrue(large.isEmpty(), "tracked files over 5 MiB:\n" + String.join("\n", large));
    }
}
