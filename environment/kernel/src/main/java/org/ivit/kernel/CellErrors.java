package org.ivit.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;

/** Turns JShell's compile diagnostics and exceptions into readable notebook errors. */
final class CellErrors {

    static final String COMPILE_ERROR = "CompilationError";
    static final String UNRESOLVED_REFERENCE = "UnresolvedReference";
    static final String INTERRUPTED = "Interrupted";

    /**
     * JShell's wrapper classes ("REPL.$JShell$12$Foo", "$JShell$12.Foo"): users know the class as
     * "Foo", and a cell's top level as no class at all.
     */
    private static final Pattern WRAPPER_CLASS =
            Pattern.compile("(?:REPL\\.)?\\$JShell\\$\\d+[$.]?");

    /**
     * javac's "location: class REPL.$JShell$12" line names only the wrapper: nothing is left of it.
     */
    private static final Pattern EMPTY_LOCATION =
            Pattern.compile("(?m)^[ \\t]*location: class[ \\t]*(?:\\R|\\z)");

    private static final int MAX_CAUSES = 5;
    private static final int LIBRARY_FRAMES_HEAD = 6;
    private static final int LIBRARY_FRAMES_TAIL = 3;

    private CellErrors() {}

    static CellError compileError(List<Diag> errors, SnippetOrigin origin) {
        List<String> lines = new ArrayList<>();
        String firstMessage = "";
        for (Diag diag : errors) {
            String message = clean(diag.getMessage(Locale.ROOT));
            if (firstMessage.isEmpty()) {
                firstMessage = message.lines().findFirst().orElse("");
            }
            lines.add(
                    "Compile error, "
                            + origin.label(origin.cellLineAtOffset(positionOf(diag)))
                            + ": "
                            + message.lines().findFirst().orElse(""));
            message.lines().skip(1).forEach(more -> lines.add("    " + more.strip()));
            lines.addAll(sourceWithCaret(diag, origin));
        }
        if (lines.isEmpty()) {
            lines.add(
                    "Compile error, "
                            + origin.label(origin.firstLine())
                            + ": the snippet was rejected");
        }
        return new CellError(COMPILE_ERROR, firstMessage, lines);
    }

    /** A declaration that compiled but uses names that are not declared (yet). */
    static CellError unresolvedDeclaration(
            DeclarationSnippet snippet, List<String> missing, SnippetOrigin origin) {
        String message = describe(snippet) + " uses undeclared " + String.join(", ", missing);
        int line = origin.firstLine();
        return new CellError(
                UNRESOLVED_REFERENCE,
                message,
                List.of(
                        "Unresolved reference, " + origin.label(line) + ": " + message,
                        "    " + origin.lineText(line).strip(),
                        "Declare the missing names before using " + snippet.name() + "."));
    }

    /** Code called a declaration whose references are still missing. */
    static CellError unresolvedCall(
            DeclarationSnippet snippet, List<String> missing, SnippetOrigin origin) {
        String message =
                describe(snippet)
                        + " cannot be used until "
                        + String.join(", ", missing)
                        + " is declared";
        int line = origin.firstLine();
        return new CellError(
                UNRESOLVED_REFERENCE,
                message,
                List.of(
                        "Unresolved reference, " + origin.label(line) + ": " + message,
                        "    " + origin.lineText(line).strip()));
    }

    static CellError runtimeError(EvalException exception, Map<String, SnippetOrigin> origins) {
        List<String> lines = new ArrayList<>();
        JShellException current = exception;
        for (int depth = 0; current instanceof EvalException eval && depth < MAX_CAUSES; depth++) {
            String header = className(eval) + messageSuffix(eval.getMessage());
            lines.add(depth == 0 ? header : "Caused by: " + header);
            lines.addAll(frames(eval.getStackTrace(), origins));
            current = eval.getCause();
        }
        return new CellError(className(exception), clean(exception.getMessage()), lines);
    }

    /** The cell ran, but showing its value failed (say, its toHtml() threw). */
    static CellError renderFailure(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        List<String> lines = new ArrayList<>();
        lines.add("The cell ran, but its value could not be shown: " + clean(failure.getMessage()));
        lines.add(clean(cause.getClass().getName()) + messageSuffix(cause.getMessage()));
        // The user's frames end where reflection (the renderer calling toHtml) begins.
        for (StackTraceElement frame : cause.getStackTrace()) {
            String type = frame.getClassName();
            if (type.startsWith("jdk.internal.reflect.")
                    || type.startsWith("java.lang.reflect.")
                    || type.startsWith(CellErrors.class.getPackageName() + ".")
                    || lines.size() > LIBRARY_FRAMES_HEAD + 2) {
                break;
            }
            lines.add("    at " + clean(frame.toString()));
        }
        return new CellError(clean(cause.getClass().getName()), clean(cause.getMessage()), lines);
    }

    static CellError interrupted() {
        return new CellError(
                INTERRUPTED,
                "The cell was interrupted",
                List.of(
                        INTERRUPTED
                                + ": the cell was interrupted; definitions made before the interrupt are kept"));
    }

    static CellError internal(Throwable failure) {
        String message = failure.getClass().getName() + messageSuffix(failure.getMessage());
        return new CellError(
                "KernelError", message, List.of("The kernel could not run the cell: " + message));
    }

    private static List<String> frames(
            StackTraceElement[] stack, Map<String, SnippetOrigin> origins) {
        int lastSnippetFrame = -1;
        for (int i = 0; i < stack.length; i++) {
            if (isSnippetFrame(stack[i])) {
                lastSnippetFrame = i;
            }
        }
        // Frames below the user's outermost snippet frame are JShell's and the kernel's own.
        int end = lastSnippetFrame >= 0 ? lastSnippetFrame + 1 : stack.length;
        List<String> lines = new ArrayList<>();
        List<String> libraryRun = new ArrayList<>();
        for (int i = 0; i < end; i++) {
            StackTraceElement frame = stack[i];
            if (isSnippetFrame(frame)) {
                lines.addAll(shortened(libraryRun));
                libraryRun.clear();
                lines.add(snippetFrame(frame, origins.get(frame.getFileName().substring(1))));
            } else {
                libraryRun.add("    at " + clean(frame.toString()));
            }
        }
        lines.addAll(shortened(libraryRun));
        return lines;
    }

    /** Long runs of library frames are cut to their ends: the user's frames are what matter. */
    private static List<String> shortened(List<String> run) {
        if (run.size() <= LIBRARY_FRAMES_HEAD + LIBRARY_FRAMES_TAIL + 1) {
            return List.copyOf(run);
        }
        List<String> lines = new ArrayList<>(run.subList(0, LIBRARY_FRAMES_HEAD));
        lines.add(
                "    ... "
                        + (run.size() - LIBRARY_FRAMES_HEAD - LIBRARY_FRAMES_TAIL)
                        + " more library frames");
        lines.addAll(run.subList(run.size() - LIBRARY_FRAMES_TAIL, run.size()));
        return lines;
    }

    private static String snippetFrame(StackTraceElement frame, SnippetOrigin origin) {
        String where = member(frame);
        if (origin == null) {
            return "    at "
                    + (where.isEmpty() ? "" : where + ", ")
                    + "snippet "
                    + frame.getFileName()
                    + " line "
                    + frame.getLineNumber();
        }
        int line = origin.cellLine(frame.getLineNumber());
        return "    at "
                + (where.isEmpty() ? "" : where + ", ")
                + origin.label(line)
                + ": "
                + origin.lineText(line).strip();
    }

    /** JShell names snippet frames' files "#id" after the snippet id. */
    private static boolean isSnippetFrame(StackTraceElement frame) {
        String file = frame.getFileName();
        return file != null && file.startsWith("#");
    }

    private static String member(StackTraceElement frame) {
        String type = clean(frame.getClassName());
        // javac names lambdas in a cell "lambda$do_it$$0"; the user wrote just a lambda.
        String method =
                frame.getMethodName().startsWith("lambda$") ? "lambda" : frame.getMethodName();
        if (type.isEmpty()) {
            return method;
        }
        return method.isEmpty() ? type : type + "." + method;
    }

    private static List<String> sourceWithCaret(Diag diag, SnippetOrigin origin) {
        int position = positionOf(diag);
        if (position < 0) {
            return List.of();
        }
        int line = origin.cellLineAtOffset(position);
        String text = origin.lineText(line);
        int column = Math.min(origin.columnAtOffset(position), text.length());
        long end = diag.getEndPosition() > position ? diag.getEndPosition() : position + 1;
        int width = (int) Math.max(1, Math.min(end - position, text.length() - column));
        return List.of("    " + text, "    " + " ".repeat(column) + "^".repeat(width));
    }

    private static int positionOf(Diag diag) {
        long start = diag.getStartPosition() >= 0 ? diag.getStartPosition() : diag.getPosition();
        return (int) Math.max(-1, Math.min(Integer.MAX_VALUE, start));
    }

    private static String describe(Snippet snippet) {
        String kind =
                switch (snippet.kind()) {
                    case METHOD -> "method";
                    case VAR -> "variable";
                    case TYPE_DECL -> "type";
                    default -> "declaration";
                };
        String name =
                snippet instanceof DeclarationSnippet declaration
                        ? declaration.name()
                        : snippet.source().strip();
        return kind + " " + name;
    }

    private static String className(EvalException exception) {
        return clean(exception.getExceptionClassName());
    }

    private static String messageSuffix(String message) {
        return message == null || message.isEmpty() ? "" : ": " + clean(message);
    }

    /** Removes JShell's wrapper class names from a message or a value's text. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        String cleaned = WRAPPER_CLASS.matcher(text).replaceAll("");
        return EMPTY_LOCATION.matcher(cleaned).replaceAll("");
    }
}
