package org.ivit.kernel;

/**
 * Where a snippet came from: which cell, and where in that cell's text it starts. Lets errors point
 * at "In [3], line 2" with the line itself, even for a method declared cells earlier. Compile
 * diagnostics count characters, and stack frames count lines, from startOffset.
 */
record SnippetOrigin(int cell, String cellCode, int startOffset) {

    /** The 1-based line of the cell holding the given 0-based offset into the snippet. */
    int cellLineAtOffset(int snippetOffset) {
        int end = Math.min(cellCode.length(), Math.max(0, startOffset + snippetOffset));
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (cellCode.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The 1-based cell line where the snippet begins. */
    int firstLine() {
        return cellLineAtOffset(0);
    }

    /** The 1-based line of the cell holding the given 1-based line of the snippet. */
    int cellLine(int snippetLine) {
        return firstLine() + Math.max(0, snippetLine - 1);
    }

    /** The text of a 1-based cell line, empty past the end. */
    String lineText(int cellLine) {
        String[] lines = cellCode.split("\n", -1);
        return cellLine >= 1 && cellLine <= lines.length ? lines[cellLine - 1] : "";
    }

    /** Column (0-based) of a 0-based snippet offset within its cell line. */
    int columnAtOffset(int snippetOffset) {
        int position = Math.min(cellCode.length(), Math.max(0, startOffset + snippetOffset));
        int lineStart = cellCode.lastIndexOf('\n', position - 1) + 1;
        return position - lineStart;
    }

    String label(int cellLine) {
        return "In [" + cell + "], line " + cellLine;
    }
}
