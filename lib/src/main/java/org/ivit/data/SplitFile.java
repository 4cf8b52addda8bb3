package org.ivit.data;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes a split file: CSV with header {@code path,label}, quoted only where a path needs
 * it.
 */
public final class SplitFile {
    public static final String HEADER = "path,label";

    private SplitFile() {}

    public static void write(Path file, List<LabeledImage> rows) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (LabeledImage row : rows) {
                out.write(quote(row.path()));
                out.write(',');
                out.write(Integer.toString(row.label()));
                out.write('\n');
            }
        }
    }

    public static List<LabeledImage> read(Path file) throws IOException {
        return read(file, Integer.MAX_VALUE);
    }

    /**
     * The rows of {@code file}, each label checked to be below {@code classCount}; a row that is
     * malformed or names no class is an error naming the file and the line.
     */
    public static List<LabeledImage> read(Path file, int classCount) throws IOException {
        List<LabeledImage> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.strip().equals(HEADER)) {
                throw new IOException(
                        file + ": first line must be '" + HEADER + "' but is '" + header + "'");
            }
            int lineNumber = 1;
            for (String line; (line = in.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                LabeledImage row = parse(line, file, lineNumber);
                if (row.label() >= classCount) {
                    throw new IOException(
                            file
                                    + ":"
                                    + lineNumber
                                    + ": label "
                                    + row.label()
                                    + " of "
                                    + row.path()
                                    + " has no class (classes.txt has "
                                    + classCount
                                    + ")");
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * The line of {@code file} that holds {@code row} (1 is the header), or -1; for error messages.
     */
    public static int lineOf(Path file, LabeledImage row) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.readLine();
            int lineNumber = 1;
            for (String line; (line = in.readLine()) != null; ) {
                lineNumber++;
                if (!line.isBlank()) {
                    try {
                        if (parse(line, file, lineNumber).equals(row)) {
                            return lineNumber;
                        }
                    } catch (IOException e) {
                        // a malformed line names no row
                    }
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static LabeledImage parse(String line, Path file, int lineNumber) throws IOException {
        String path;
        String rest;
        if (line.startsWith("\"")) {
            StringBuilder value = new StringBuilder();
            int i = 1;
            while (true) {
                if (i >= line.length()) {
                    throw new IOException(file + ":" + lineNumber + ": unterminated quote");
                }
                char c = line.charAt(i);
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        value.append('"');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                value.append(c);
                i++;
            }
            path = value.toString();
            rest = line.substring(i);
            if (!rest.startsWith(",")) {
                throw new IOException(
                        file + ":" + lineNumber + ": expected ',' after the quoted path");
            }
            rest = rest.substring(1);
        } else {
            int comma = line.lastIndexOf(',');
            if (comma < 0) {
                throw new IOException(
                        file + ":" + lineNumber + ": expected 'path,label' but got '" + line + "'");
            }
            path = line.substring(0, comma);
            rest = line.substring(comma + 1);
        }
        int label;
        try {
            label = Integer.parseInt(rest.strip());
        } catch (NumberFormatException e) {
            throw new IOException(
                    file
                            + ":"
                            + lineNumber
                            + ": label '"
                            + rest.strip()
                            + "' is not an integer (a row is"
                            + " 'path,label'; quote a path that holds a comma)",
                    e);
        }
        try {
            return new LabeledImage(path, label);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ":" + lineNumber + ": " + e.getMessage(), e);
        }
    }

    private static String quote(String value) {
        if (value.indexOf(',') < 0
                && value.indexOf('"') < 0
                && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
