package org.ivit.kernel;

import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;

/**
 * Runs notebook cells with JShell inside this JVM. State (variables, methods, classes, imports)
 * lives on from cell to cell. A cell may hold several snippets; they run in order and the first
 * failure ends the cell. The value of a cell ending in an expression is returned as the object.
 */
public final class CellEvaluator implements AutoCloseable {

    /** JShell's usual default imports, plus the notebook functions (display, render). */
    static final List<String> STARTUP_SNIPPETS =
            List.of(
                    "import java.io.*;",
                    "import java.math.*;",
                    "import java.net.*;",
                    "import java.nio.file.*;",
                    "import java.util.*;",
                    "import java.util.concurrent.*;",
                    "import java.util.function.*;",
                    "import java.util.regex.*;",
                    "import java.util.stream.*;",
                    "import static " + Notebook.class.getName() + ".*;");

    private final JShell jshell;
    private final ValueCapturingExecutionControl control;
    private final Renderer renderer;
    private final Map<String, SnippetOrigin> origins = new ConcurrentHashMap<>();
    private final OutputBatcher output = new OutputBatcher(null, OutputBatcher.DEFAULT_INTERVAL_MS);
    private volatile boolean stopRequested;
    private volatile boolean routeOutputAfterCells;
    private PrintStream outsideOut;
    private PrintStream outsideErr;
    private int cellCount;

    public CellEvaluator(List<Path> classpath) {
        this(classpath, DisplayRenderers.create());
    }

    public CellEvaluator(List<Path> classpath, Renderer renderer) {
        this.renderer = renderer;
        ValueCapturingExecutionControl.Provider provider =
                new ValueCapturingExecutionControl.Provider();
        this.jshell = JShell.builder().executionEngine(provider, Map.of()).build();
        this.control = provider.control();
        for (Path entry : kernelCodeMissingFromClasspath()) {
            jshell.addToClasspath(entry.toString());
        }
        for (Path entry : classpath) {
            jshell.addToClasspath(entry.toString());
        }
        runStartupSnippets();
    }

    public Renderer renderer() {
        return renderer;
    }

    /** The notebook output for a cell value: images as PNG, toHtml() as HTML, else text. */
    public DisplayData render(Object value) {
        return DisplayRenderers.toDisplayData(renderer, value);
    }

    /**
     * Keeps System.out and System.err on the notebook after each cell, so that text printed later
     * by threads a cell started (a timer, a training thread) shows under the last cell run instead
     * of going to the Jupyter server's log. The kernel turns this on; close() restores the streams.
     */
    public void routeOutputAfterCells() {
        routeOutputAfterCells = true;
    }

    /**
     * Runs one cell. System.out and System.err are routed to output while it runs, and so are
     * display(...) calls; System.in is empty. Printed text reaches output in batches (every {@value
     * OutputBatcher#DEFAULT_INTERVAL_MS} ms) and all of it before this returns. Never throws for
     * problems in the cell: they come back as a failed result.
     */
    public CellResult evaluate(String code, CellOutput cellOutput) {
        stopRequested = false;
        control.clearStopRequest();
        int cell = ++cellCount;
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        InputStream originalIn = System.in;
        if (originalOut != output.out()) {
            outsideOut = originalOut;
            outsideErr = originalErr;
        }
        output.setTarget(cellOutput);
        System.setOut(output.out());
        System.setErr(output.err());
        // Notebooks have no keyboard here: reading stdin sees its end instead of hanging the
        // kernel.
        System.setIn(InputStream.nullInputStream());
        Notebook.attach(renderer, output.displaysInOrder(cellOutput));
        try {
            CellResult result = runSnippets(code, cell);
            // A cell ending in display(x) shows x; the id string display returns is noise.
            boolean onlyDisplayId = result.hasValue() && Notebook.isDisplayId(result.value());
            return onlyDisplayId ? CellResult.noValue() : result;
        } catch (RuntimeException | LinkageError e) {
            return CellResult.failed(CellErrors.internal(e));
        } finally {
            output.flush();
            if (!routeOutputAfterCells) {
                System.setOut(outsideOut);
                System.setErr(outsideErr);
            }
            System.setIn(originalIn);
            Notebook.detach();
        }
    }

    /** Stops the running cell (called from another thread); the cell reports an interruption. */
    public void interrupt() {
        stopRequested = true;
        try {
            jshell.stop();
        } catch (IllegalStateException closed) {
            // nothing runs in a closed JShell
        }
    }

    /** Completion candidates for the code at cursor, for the notebook's Tab key. */
    public ReplacementOptions complete(String code, int cursor) {
        int start = snippetStartBefore(code, cursor);
        int[] anchor = new int[1];
        List<String> candidates =
                jshell
                        .sourceCodeAnalysis()
                        .completionSuggestions(code.substring(start), cursor - start, anchor)
                        .stream()
                        .map(SourceCodeAnalysis.Suggestion::continuation)
                        .distinct()
                        .toList();
        return new ReplacementOptions(candidates, anchor[0] + start, cursor);
    }

    /**
     * What the notebook's Shift+Tab shows for the code at cursor: the signatures of the method or
     * the type of the variable under or just before the cursor, with their javadoc where JShell
     * finds it (the JDK's src.zip, comments of cell declarations). The cursor may be on the name,
     * right after it, inside the call's parentheses or right after the call. Null if nothing is
     * known.
     */
    public String inspect(String code, int cursor) {
        cursor = Math.max(0, Math.min(cursor, code.length()));
        int start = snippetStartBefore(code, cursor);
        String snippet = code.substring(start);
        int at = cursor - start;
        List<SourceCodeAnalysis.Documentation> docs = documentation(snippet, at);
        if (docs.isEmpty()) {
            for (String[] attempt : InspectTarget.attempts(snippet, at)) {
                docs = documentation(attempt[0], attempt[0].length());
                if (!docs.isEmpty()) {
                    break;
                }
            }
        }
        if (docs.isEmpty()) {
            return null;
        }
        boolean anyJavadoc =
                docs.stream().anyMatch(d -> d.javadoc() != null && !d.javadoc().isBlank());
        List<String> declared =
                anyJavadoc ? List.of() : cellDeclarations(InspectTarget.nameAt(snippet, at));
        return InspectTarget.format(
                docs.stream()
                        .map(d -> new String[] {CellErrors.clean(d.signature()), d.javadoc()})
                        .toList(),
                declared);
    }

    /** Sources of the live cell declarations (methods, types, variables) named name. */
    private List<String> cellDeclarations(String name) {
        if (name.isEmpty()) {
            return List.of();
        }
        List<String> sources = new ArrayList<>();
        java.util.stream.Stream.of(jshell.methods(), jshell.types(), jshell.variables())
                .flatMap(s -> s)
                .filter(snippet -> snippet.name().equals(name))
                .filter(snippet -> jshell.status(snippet).isActive())
                .forEach(snippet -> sources.add(snippet.source()));
        return sources;
    }

    private List<SourceCodeAnalysis.Documentation> documentation(String snippet, int at) {
        try {
            return jshell.sourceCodeAnalysis().documentation(snippet, at, true);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Whether code can run as it is (for consoles deciding between run and newline). */
    public Completeness completeness(String code) {
        String remaining = code;
        while (true) {
            CompletionInfo info = jshell.sourceCodeAnalysis().analyzeCompletion(remaining);
            if (!info.completeness().isComplete() || info.remaining().isBlank()) {
                return info.completeness();
            }
            remaining = info.remaining();
        }
    }

    @Override
    public void close() {
        jshell.close();
        output.close();
        if (System.out == output.out() && outsideOut != null) {
            System.setOut(outsideOut);
            System.setErr(outsideErr);
        }
    }

    private CellResult runSnippets(String code, int cell) {
        CellResult last = CellResult.noValue();
        String remaining = code;
        while (!remaining.isBlank()) {
            CompletionInfo info = jshell.sourceCodeAnalysis().analyzeCompletion(remaining);
            if (info.completeness() == Completeness.EMPTY) {
                break; // only comments are left
            }
            // Incomplete code still goes to JShell: its compile error names what is missing.
            boolean complete = info.completeness().isComplete();
            String source = complete ? info.source() : remaining;
            // JShell miscounts stack-frame lines of a snippet that starts with blank lines.
            String trimmed = source.stripLeading();
            int offset = code.length() - remaining.length() + (source.length() - trimmed.length());
            remaining = complete ? info.remaining() : "";
            last = runSnippet(trimmed, new SnippetOrigin(cell, code, offset));
            if (!last.succeeded()) {
                return last;
            }
            if (stopRequested) {
                return CellResult.failed(CellErrors.interrupted());
            }
        }
        return last;
    }

    private CellResult runSnippet(String source, SnippetOrigin origin) {
        List<SnippetEvent> events = jshell.eval(source);
        if (stopRequested) {
            return CellResult.failed(CellErrors.interrupted());
        }
        CellResult result = CellResult.noValue();
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // a dependent declaration updated as a side effect
            }
            Snippet snippet = event.snippet();
            origins.put(snippet.id(), origin);
            CellError error = errorOf(event, origin);
            if (error != null) {
                return CellResult.failed(error);
            }
            result =
                    producesValue(snippet)
                            ? CellResult.value(control.lastValue())
                            : CellResult.noValue();
        }
        return result;
    }

    private CellError errorOf(SnippetEvent event, SnippetOrigin origin) {
        Snippet snippet = event.snippet();
        switch (event.status()) {
            case REJECTED:
                return CellErrors.compileError(errorsOf(snippet), origin);
            case RECOVERABLE_DEFINED:
            case RECOVERABLE_NOT_DEFINED:
                DeclarationSnippet declaration = (DeclarationSnippet) snippet;
                return CellErrors.unresolvedDeclaration(
                        declaration, unresolved(declaration), origin);
            default:
                break;
        }
        JShellException exception = event.exception();
        if (exception instanceof EvalException eval) {
            return CellErrors.runtimeError(eval, origins);
        }
        if (exception instanceof UnresolvedReferenceException unresolved) {
            DeclarationSnippet declaration = unresolved.getSnippet();
            return CellErrors.unresolvedCall(declaration, unresolved(declaration), origin);
        }
        if (exception != null) {
            return CellErrors.internal(exception);
        }
        return null;
    }

    private List<Diag> errorsOf(Snippet snippet) {
        return jshell.diagnostics(snippet).filter(Diag::isError).toList();
    }

    private List<String> unresolved(DeclarationSnippet declaration) {
        return jshell.unresolvedDependencies(declaration).toList();
    }

    /** Expressions, including those JShell stores in a temporary variable like $3, show a value. */
    private static boolean producesValue(Snippet snippet) {
        return snippet.kind() == Snippet.Kind.EXPRESSION
                || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    /** Start offset of the snippet of code that contains cursor. */
    private int snippetStartBefore(String code, int cursor) {
        int start = 0;
        String remaining = code;
        while (true) {
            CompletionInfo info = jshell.sourceCodeAnalysis().analyzeCompletion(remaining);
            if (!info.completeness().isComplete()) {
                return start;
            }
            int next = code.length() - info.remaining().length();
            if (next >= cursor || info.remaining().isBlank()) {
                return start;
            }
            start = next;
            remaining = info.remaining();
        }
    }

    private void runStartupSnippets() {
        for (String snippet : STARTUP_SNIPPETS) {
            for (SnippetEvent event : jshell.eval(snippet)) {
                if (event.status() != Snippet.Status.VALID) {
                    List<String> messages = new ArrayList<>();
                    jshell.diagnostics(event.snippet())
                            .forEach(d -> messages.add(d.getMessage(null)));
                    throw new IllegalStateException(
                            "start-up snippet failed: " + snippet + " " + messages);
                }
            }
        }
    }

    /**
     * Cells compile against the kernel's own classes (Notebook, DisplayData). They are on
     * java.class.path when the kernel runs from its jar; add them when they are not (e.g. when a
     * test runner loads classes another way).
     */
    private static List<Path> kernelCodeMissingFromClasspath() {
        Set<Path> onClasspath =
                Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
                        .filter(s -> !s.isBlank())
                        .map(s -> Path.of(s).toAbsolutePath().normalize())
                        .collect(Collectors.toSet());
        List<Path> missing = new ArrayList<>();
        for (Class<?> type : List.of(Notebook.class, DisplayData.class)) {
            Path location = codeLocation(type);
            if (location != null
                    && !onClasspath.contains(location)
                    && !missing.contains(location)) {
                missing.add(location);
            }
        }
        return missing;
    }

    private static Path codeLocation(Class<?> type) {
        try {
            var source = type.getProtectionDomain().getCodeSource();
            return source == null
                    ? null
                    : Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | SecurityException e) {
            return null;
        }
    }
}
