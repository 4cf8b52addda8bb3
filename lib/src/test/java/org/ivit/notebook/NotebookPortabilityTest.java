package org.ivit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ivit.Project;
import org.junit.jupiter.api.Test;

/**
 * The notebooks run the same on the bundled kernel, JJava and IJava:
 *
 * <ul>
 *   <li>every {@code import} comes before the notebook's first other statement: on JJava an import
 *       that is not the first statement of its cell, once variables exist, resets the variables of
 *       earlier cells (dflib/jjava #119);
 *   <li>no code cell ends with a {@code display(...)} call: JJava and IJava show its return value,
 *       a display id, as the cell's result. Such a cell ends with the value itself instead.
 * </ul>
 */
class NotebookPortabilityTest {

    /**
     * One code cell: its notebook, its index among all cells, and its source lines without
     * comments.
     */
    record CodeCell(Path notebook, int index, List<String> lines) {
        String where() {
            return notebook.getFileName() + " cell " + index;
        }
    }

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(Project.root().resolve("notebooks"))) {
            return files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    static List<CodeCell> codeCells(Path notebook) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
        List<CodeCell> cells = new ArrayList<>();
        JsonArray all = nb.getAsJsonArray("cells");
        for (int i = 0; i < all.size(); i++) {
            JsonObject cell = all.get(i).getAsJsonObject();
            if (!cell.get("cell_type").getAsString().equals("code")) {
                continue;
            }
            StringBuilder source = new StringBuilder();
            JsonElement src = cell.get("source");
            if (src.isJsonArray()) {
                src.getAsJsonArray().forEach(l -> source.append(l.getAsString()));
            } else {
                source.append(src.getAsString());
            }
            cells.add(new CodeCell(notebook, i, codeLines(source.toString())));
        }
        return cells;
    }

    /** The non-blank lines of Java source with its comments removed (strings are respected). */
    static List<String> codeLines(String source) {
        StringBuilder code = new StringBuilder();
        boolean inString = false;
        boolean inBlock = false;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            char next = i + 1 < source.length() ? source.charAt(i + 1) : '\0';
            if (inBlock) {
                if (c == '*' && next == '/') {
                    inBlock = false;
                    i++;
                } else if (c == '\n') {
                    code.append('\n');
                }
            } else if (inString) {
                code.append(c);
                if (c == '\\') {
                    code.append(next);
                    i++;
                } else if (c == '"' || c == '\n') {
                    inString = false;
                }
            } else if (c == '/' && next == '/') {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
                code.append('\n');
            } else if (c == '/' && next == '*') {
                inBlock = true;
                i++;
            } else {
                if (c == '"') {
                    inString = true;
                }
                code.append(c);
            }
        }
        return code.toString()
                .lines()
                .filter(l -> !l.isBlank())
                .map(String::stripTrailing)
                .toList();
    }

    static List<String> importsAfterOtherStatements(Path notebook) throws IOException {
        List<String> problems = new ArrayList<>();
        String firstStatement = null;
        for (CodeCell cell : codeCells(notebook)) {
            for (String line : cell.lines()) {
                boolean isImport = line.strip().startsWith("import ");
                if (isImport && firstStatement != null) {
                    problems.add(
                            cell.where()
                                    + ": \""
                                    + line.strip()
                                    + "\" comes after "
                                    + firstStatement);
                } else if (!isImport && firstStatement == null) {
                    firstStatement = "\"" + line.strip() + "\" (" + cell.where() + ")";
                }
            }
        }
        return problems;
    }

    static List<String> cellsEndingInDisplay(Path notebook) throws IOException {
        List<String> problems = new ArrayList<>();
        for (CodeCell cell : codeCells(notebook)) {
            if (cell.lines().isEmpty()) {
                continue;
            }
            // A statement that starts at the cell's top level: "display(" at column 0 opens the
            // last one.
            List<String> lines = cell.lines();
            int start = lines.size() - 1;
            while (start > 0 && Character.isWhitespace(lines.get(start).charAt(0))) {
                start--;
            }
            String last = lines.get(start);
            if (last.startsWith("display(") || last.startsWith("render(")) {
                problems.add(cell.where() + " ends with \"" + last.strip() + "\"");
            }
        }
        return problems;
    }

    @Test
    void everyNotebookIsChecked() throws IOException {
        assertEquals(
                List.of(
                        "00-setup-check.ipynb",
                        "01-prompt-construction.ipynb",
                        "01b-the-method.ipynb",
                        "02-fine-tuning.ipynb",
                        "03-prompt-tuning.ipynb",
                        "04-results.ipynb",
                        "05-few-shot.ipynb"),
                notebooks().stream().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void everyImportComesBeforeTheNotebooksFirstOtherStatement() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path notebook : notebooks()) {
            problems.addAll(importsAfterOtherStatements(notebook));
        }
        assertTrue(
                problems.isEmpty(),
                "imports after other statements reset earlier variables on JJava (dflib/jjava #119): "
                        + String.join("; ", problems));
    }

    @Test
    void noCellEndsWithADisplayCallWhoseIdWouldBeItsResult() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path notebook : notebooks()) {
            problems.addAll(cellsEndingInDisplay(notebook));
        }
        assertTrue(
                problems.isEmpty(),
                "end such cells with the value itself: " + String.join("; ", problems));
    }

    @Test
    void theCheckerSeesThroughCommentsAndStrings() {
        assertEquals(
                List.of("import a.B;", "int x = 1;"),
                codeLines(
                        "// import not.This;\nimport a.B;\n/* import\nno */\nint x = 1; // display(x)"));
        assertEquals(
                List.of("String s = \"// not a comment\";"),
                codeLines("String s = \"// not a comment\";"));
    }
}
