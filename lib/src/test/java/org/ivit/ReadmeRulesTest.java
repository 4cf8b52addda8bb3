package org.ivit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The READMEs stay readable: the top one is about a screen and opens with exactly the two commands;
 * no README names a commit hash or an issue number (notebook history belongs in git, not in the
 * docs), and no Markdown table cell runs over 200 characters. The vendored references name the
 * upstream timm commit they were made at in their JSON files ({@code timm_commit}), where their
 * READMEs point.
 */
class ReadmeRulesTest {
    static final int TOP_README_LINES = 150;
    static final int CELL_CHARACTERS = 200;
    private static final Pattern HEX = Pattern.compile("\\b[0-9a-f]{7,40}\\b");
    private static final Pattern ISSUE =
            Pattern.compile("(?i)\\b(issue|pull request|PR)\\s*#?\\d+");
    private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");

    /** Every README*.md git tracks or would track (untracked but not ignored ones too). */
    static List<String> readmes(Path root) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(
                                "git",
                                "ls-files",
                                "--cached",
                                "--others",
                                "--exclude-standard",
                                "--",
                                "*README*.md")
                        .directory(root.toFile())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(
                p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0,
                "git ls-files failed: " + out);
        List<String> files = out.lines().filter(l -> !l.isBlank()).distinct().sorted().toList();
        assertTrue(
                files.contains("README.md") && files.size() >= 5,
                "too few READMEs found: " + files);
        return files;
    }

    /**
     * Hex words of 7 to 40 characters with a digit and a letter, with "commit" close before or
     * after.
     */
    static List<String> commitHashes(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = HEX.matcher(text);
        while (m.find()) {
            String word = m.group();
            if (!word.matches(".*[0-9].*") || !word.matches(".*[a-f].*")) {
                continue;
            }
            String before = text.substring(Math.max(0, m.start() - 40), m.start()).toLowerCase();
            String after =
                    text.substring(m.end(), Math.min(text.length(), m.end() + 15)).toLowerCase();
            if (before.contains("commit") || after.contains("commit")) {
                found.add(word);
            }
        }
        return found;
    }

    /** Cells over the limit, as "line N: length". */
    static List<String> longCells(String text) {
        List<String> found = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("|")) {
                continue;
            }
            for (String cell : CELL_SEPARATOR.split(line)) {
                if (cell.strip().length() > CELL_CHARACTERS) {
                    found.add("line " + (i + 1) + ": " + cell.strip().length() + " characters");
                }
            }
        }
        return found;
    }

    @Test
    void theTopReadmeIsAScreenThatOpensWithTheTwoCommands() throws IOException {
        List<String> lines = Files.readAllLines(ReferenceFiles.projectRoot().resolve("README.md"));
        assertTrue(
                lines.size() <= TOP_README_LINES,
                "README.md has " + lines.size() + " lines, at most " + TOP_README_LINES);
        List<String> head = lines.stream().dropWhile(String::isBlank).toList();
        assertTrue(head.get(0).startsWith("# "), "README.md starts with its title: " + head.get(0));
        int fence = head.get(1).isBlank() ? 2 : 1;
        if (!head.get(fence).startsWith("```")) {
            fence++; // one line of introduction is allowed
            assertTrue(
                    head.get(fence - 1).isBlank() || head.get(fence).startsWith("```"),
                    "README.md: the commands come right after the title");
        }
        assertTrue(
                head.get(fence).startsWith("```"),
                "README.md: a code block of the two commands after the title, found: "
                        + head.get(fence));
        List<String> commands = new ArrayList<>();
        for (int i = fence + 1; !head.get(i).startsWith("```"); i++) {
            if (!head.get(i).isBlank()) {
                commands.add(head.get(i).replaceAll("\\s+#.*", "").strip());
            }
        }
        assertEquals(List.of("environment/run-notebooks", "environment/run-tests"), commands);
        for (String script : List.of("environment/run-notebooks", "environment/run-tests")) {
            assertTrue(
                    Files.isExecutable(ReferenceFiles.projectRoot().resolve(script)),
                    script + " is not an executable file");
        }
    }

    @Test
    void noReadmeNamesACommitHashOrAnIssueNumber() throws Exception {
        Path root = ReferenceFiles.projectRoot();
        List<String> problems = new ArrayList<>();
        for (String file : readmes(root)) {
            String text = Files.readString(root.resolve(file));
            commitHashes(text).forEach(h -> problems.add(file + ": commit " + h));
            Matcher issue = ISSUE.matcher(text);
            while (issue.find()) {
                problems.add(file + ": \"" + issue.group() + "\"");
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Where the reference READMEs send a reader for the timm commit, it is. */
    @Test
    void everyReferenceJsonTheReadmesPointToRecordsItsTimmCommit() throws IOException {
        Path reference = ReferenceFiles.projectRoot().resolve("lib/src/test/resources/reference");
        List<Path> jsons = new ArrayList<>();
        for (String folder : List.of("timm", "timm/keys", "training")) {
            try (var files = Files.list(reference.resolve(folder))) {
                files.filter(f -> f.toString().endsWith(".json"))
                        // the augmentation reference holds no trajectory and names no model
                        .filter(f -> !f.getFileName().toString().equals("augment.json"))
                        .forEach(jsons::add);
            }
        }
        assertTrue(jsons.size() >= 20, "too few reference JSONs: " + jsons);
        List<String> without = new ArrayList<>();
        for (Path json : jsons) {
            if (!HEX.matcher(
                            com.google.gson.JsonParser.parseString(Files.readString(json))
                                    .getAsJsonObject()
                                    .get("timm_commit")
                                    .getAsString())
                    .matches()) {
                without.add(json.getFileName().toString());
            }
        }
        assertEquals(List.of(), without);
    }

    @Test
    void noReadmeHasATableCellOver200Characters() throws Exception {
        Path root = ReferenceFiles.projectRoot();
        List<String> problems = new ArrayList<>();
        for (String file : readmes(root)) {
            longCells(Files.readString(root.resolve(file)))
                    .forEach(c -> problems.add(file + " " + c));
        }
        assertEquals(List.of(), problems);
    }

    /** The rules themselves: each catches what it is for and lets the rest through. */
    @Test
    void theRulesCatchWhatTheyAreFor() {
        assertEquals(
                List.of("d27fe5d"),
                commitHashes("All rows from commit d27fe5d on run the current spec."));
        assertEquals(List.of("aa4b5850"), commitHashes("timm at commit `aa4b5850` made them"));
        assertEquals(
                List.of(),
                commitHashes(
                        "md5 5c4f3ee8e5d25df40f4fd59a7f44e54c, file resnet50_ram-a26f946b.pth, run quick-vit-full-72655244"));
        assertTrue(
                ISSUE.matcher("reported in issue 11").find()
                        && ISSUE.matcher("see issue #7545").find());
        assertFalse(ISSUE.matcher("https://github.com/pytorch/vision/issues/7545").find());
        assertEquals(
                List.of("line 2: 201 characters"),
                longCells("| a | b |\n| " + "x".repeat(201) + " | `<\\|endoftext\\|>` |"));
        assertEquals(List.of(), longCells("| " + "x".repeat(200) + " |"));
    }
}
