package org.ivit.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Where Shift+Tab looks. JShell documents a method only with the cursor inside its call's
 * parentheses, and a variable or type only with the cursor at the end of its name; these are the
 * rewrites of the code before the cursor that put the cursor there.
 */
final class InspectTarget {

    private static final int MAX_SIGNATURES = 12;
    private static final int MAX_DOC_CHARS = 4000;
    private static final int MAX_SOURCE_LINES = 15;

    private InspectTarget() {}

    /** Code prefixes to ask JShell about, each with the cursor at its end, best first. */
    static List<String[]> attempts(String code, int cursor) {
        List<String[]> attempts = new ArrayList<>();
        int end = nameEnd(code, cursor);
        int nameStart = nameStart(code, end);
        if (nameStart == end) {
            // Not on a name: right after a call "foo(1)|" or inside "foo(|...": the name before the
            // '('.
            int open = openingParenthesis(code, cursor);
            if (open < 0) {
                return attempts;
            }
            end = open;
            while (end > 0 && Character.isWhitespace(code.charAt(end - 1))) {
                end--;
            }
            nameStart = nameStart(code, end);
            if (nameStart == end) {
                return attempts;
            }
        }
        String upToName = code.substring(0, end);
        int next = end;
        while (next < code.length() && Character.isWhitespace(code.charAt(next))) {
            next++;
        }
        boolean isCall = next < code.length() && code.charAt(next) == '(';
        if (isCall) {
            attempts.add(new String[] {upToName + "("});
            attempts.add(new String[] {upToName});
        } else {
            attempts.add(new String[] {upToName});
            attempts.add(new String[] {upToName + "("});
        }
        return attempts;
    }

    /** The name the attempts look at (under, before, or called around the cursor), or "". */
    static String nameAt(String code, int cursor) {
        List<String[]> attempts = attempts(code, cursor);
        if (attempts.isEmpty()) {
            return "";
        }
        String prefix = attempts.get(attempts.size() - 1)[0];
        String upToName = prefix.endsWith("(") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return upToName.substring(nameStart(upToName, upToName.length()));
    }

    /**
     * Signatures, each followed by its javadoc (shortened) where there is one; then the source of
     * the cell declarations of that name, which JShell has no javadoc for.
     */
    static String format(List<String[]> signatureAndDoc, List<String> cellDeclarations) {
        StringBuilder text = new StringBuilder();
        int shown = 0;
        boolean anyDoc = false;
        for (String[] entry : signatureAndDoc) {
            if (shown == MAX_SIGNATURES) {
                text.append("... ").append(signatureAndDoc.size() - shown).append(" more\n");
                break;
            }
            text.append(entry[0]).append('\n');
            String doc = entry[1];
            if (doc != null && !doc.isBlank()) {
                anyDoc = true;
                String trimmed = doc.strip();
                if (trimmed.length() > MAX_DOC_CHARS) {
                    trimmed = trimmed.substring(0, MAX_DOC_CHARS) + " ...";
                }
                text.append('\n').append(trimmed.indent(4)).append('\n');
            }
            shown++;
        }
        for (String source : cellDeclarations) {
            List<String> lines = source.strip().lines().toList();
            text.append("\nDeclared in a cell:\n");
            lines.stream()
                    .limit(MAX_SOURCE_LINES)
                    .forEach(line -> text.append("    ").append(line).append('\n'));
            if (lines.size() > MAX_SOURCE_LINES) {
                text.append("    ...\n");
            }
        }
        if (!anyDoc && cellDeclarations.isEmpty()) {
            text.append(
                    "\n(no javadoc found: JShell reads the JDK's from lib/src.zip; Debian: openjdk-17-source)\n");
        }
        return text.toString().stripTrailing();
    }

    private static int nameEnd(String code, int cursor) {
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int nameStart(String code, int end) {
        int start = end;
        while (start > 0 && Character.isJavaIdentifierPart(code.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    /** The '(' of the innermost call that contains or ends right before cursor, or -1. */
    private static int openingParenthesis(String code, int cursor) {
        int i = cursor - 1;
        while (i >= 0 && Character.isWhitespace(code.charAt(i))) {
            i--;
        }
        int depth = 0;
        if (i >= 0 && code.charAt(i) == ')') {
            depth = 0;
        } else {
            i = cursor - 1;
            depth = 1; // inside the parentheses: find the unmatched '('
            for (; i >= 0; i--) {
                char c = code.charAt(i);
                if (c == ')') {
                    depth++;
                } else if (c == '(' && --depth == 0) {
                    return i;
                }
            }
            return -1;
        }
        for (; i >= 0; i--) {
            char c = code.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
