package org.ivit.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Drives the JShell evaluator the way the kernel does, without Jupyter or ZeroMQ. */
class CellEvaluatorTest {

    private static final byte[] PNG_SIGNATURE = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
    };

    private static CellEvaluator evaluator;

    @BeforeAll
    static void startJShell() {
        evaluator = new CellEvaluator(List.of());
    }

    @AfterAll
    static void closeJShell() {
        evaluator.close();
    }

    private static CellResult run(String code) {
        return evaluator.evaluate(code, new RecordingOutput());
    }

    private static CellResult runOk(String code) {
        CellResult result = run(code);
        assertTrue(result.succeeded(), () -> "cell failed: " + result);
        return result;
    }

    @Test
    void stateIsKeptAcrossCells() {
        runOk("int answer = 40;");
        CellResult next = runOk("answer + 2");
        assertEquals(42, next.value());
    }

    @Test
    void methodsAndClassesDeclaredInOneCellAreUsableInTheNext() {
        runOk(
                "record Point(int x, int y) { int sum() { return x + y; } }\nint twice(int v) { return 2 * v; }");
        assertEquals(14, runOk("twice(new Point(3, 4).sum())").value());
    }

    @Test
    void severalSnippetsInOneCellRunInOrderAndTheLastExpressionIsTheValue() {
        RecordingOutput output = new RecordingOutput();
        CellResult result =
                evaluator.evaluate(
                        "String greeting = \"hi\";\nSystem.out.println(greeting);\n// a comment\ngreeting.length() * 10",
                        output);
        assertTrue(result.succeeded(), result::toString);
        assertEquals(20, result.value());
        assertEquals("hi\n", output.out());
    }

    @Test
    void aCellEndingInAStatementOrDeclarationHasNoValue() {
        assertFalse(runOk("int unused = 5;").hasValue());
        assertFalse(runOk("System.out.print(\"\");").hasValue());
    }

    @Test
    void aCellEndingInAnExpressionReturnsTheObjectItself() {
        CellResult result = runOk("new StringBuilder(\"abc\")");
        assertInstanceOf(StringBuilder.class, result.value());
        assertEquals("abc", result.value().toString());
    }

    @Test
    void aNullValueIsAValueAndRendersAsText() {
        CellResult result = runOk("String nothing = null;\nnothing");
        assertTrue(result.hasValue());
        assertNull(result.value());
        assertEquals("null", evaluator.render(result.value()).getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void compileErrorFailsTheCellWithMessageSourceLineAndCaret() {
        runOk("int base = 1;");
        CellResult result = run("int ok = 2;\nint broken = base + \"text\";");
        assertFalse(result.succeeded());
        CellError error = result.error();
        assertEquals(CellErrors.COMPILE_ERROR, error.name());
        assertTrue(error.message().contains("incompatible types"), error.message());
        String text = error.text();
        assertTrue(text.contains("line 2"), text);
        assertTrue(text.contains("int broken = base + \"text\";"), text);
        // The caret sits under the offending expression, which starts at column 13.
        assertTrue(text.contains("\n    " + " ".repeat(13) + "^"), text);
    }

    @Test
    void snippetsAfterAFailingOneDoNotRun() {
        RecordingOutput output = new RecordingOutput();
        CellResult result =
                evaluator.evaluate(
                        "int k = undefinedThing;\nSystem.out.println(\"after\");", output);
        assertFalse(result.succeeded());
        assertTrue(result.error().text().contains("undefinedThing"), result.error().text());
        assertEquals("", output.out());
    }

    @Test
    void runtimeExceptionFailsTheCellNamingTheExceptionAndTheUserLine() {
        CellResult result = run("int zero = 0;\nthrow new IllegalStateException(\"boom\");");
        assertFalse(result.succeeded());
        CellError error = result.error();
        assertEquals("java.lang.IllegalStateException", error.name());
        assertEquals("boom", error.message());
        assertTrue(error.text().startsWith("java.lang.IllegalStateException: boom"), error.text());
        assertTrue(
                error.text().contains("line 2: throw new IllegalStateException(\"boom\");"),
                error.text());
    }

    @Test
    void stackTraceShowsUserFramesAcrossCellsAndNoKernelInternals() {
        runOk("int divide(int a, int b) {\n    return a / b;\n}");
        CellResult result = run("divide(1, 0)");
        assertFalse(result.succeeded());
        String text = result.error().text();
        assertEquals("java.lang.ArithmeticException", result.error().name());
        assertTrue(text.contains("at divide, In ["), text);
        assertTrue(text.contains("line 2: return a / b;"), text);
        assertTrue(text.contains("line 1: divide(1, 0)"), text);
        assertFalse(text.contains("ValueCapturingExecutionControl"), text);
        assertFalse(text.contains("jdk.jshell"), text);
        assertFalse(text.contains("$JShell$"), text);
    }

    @Test
    void frameLinesPointAtTheRightCellLinesDespiteBlankLinesAndComments() {
        runOk(
                "\n\n// a helper\nstatic int parse(String text) {\n    // no check\n    return Integer.parseInt(text);\n}");
        CellResult result = run("int unused = 0;\n\n   parse(\"x\")");
        assertFalse(result.succeeded());
        String text = result.error().text();
        assertTrue(text.contains("at parse, In ["), text);
        assertTrue(text.contains("], line 6: return Integer.parseInt(text);"), text);
        assertTrue(text.contains("], line 3: parse(\"x\")"), text);
    }

    @Test
    void causesAreReported() {
        CellResult result =
                run(
                        "throw new RuntimeException(\"outer\", new java.io.IOException(\"disk full\"));");
        assertFalse(result.succeeded());
        assertTrue(
                result.error().text().contains("Caused by: java.io.IOException: disk full"),
                result.error().text());
    }

    @Test
    void unresolvedReferenceInADeclarationIsAnError() {
        CellResult result = run("void callsMissing() { missingHelper(); }");
        assertFalse(result.succeeded());
        assertEquals(CellErrors.UNRESOLVED_REFERENCE, result.error().name());
        assertTrue(result.error().message().contains("missingHelper"), result.error().message());
    }

    @Test
    void stdoutAndStderrAreCapturedAndRestoredAfterTheCell() {
        var originalOut = System.out;
        RecordingOutput output = new RecordingOutput();
        CellResult result =
                evaluator.evaluate(
                        "System.out.println(\"to out\");\nSystem.err.print(\"to err\");\nSystem.out.print(\"no newline\");",
                        output);
        assertTrue(result.succeeded(), result::toString);
        assertEquals("to out\nno newline", output.out());
        assertEquals("to err", output.err());
        assertEquals(originalOut, System.out);
    }

    @Test
    void readingStdinSeesItsEndInsteadOfBlocking() {
        assertEquals(-1, runOk("System.in.read()").value());
    }

    @Test
    void aBufferedImageValueRendersAsPng() {
        CellResult result =
                runOk(
                        """
                var image = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
                var g = image.createGraphics();
                g.setColor(java.awt.Color.ORANGE);
                g.fillRect(5, 5, 20, 10);
                g.dispose();
                image""");
        BufferedImage image = assertInstanceOf(BufferedImage.class, result.value());
        assertEquals(40, image.getWidth());
        assertEquals(0xFFC800, image.getRGB(10, 10) & 0xFFFFFF);

        DisplayData data = evaluator.render(result.value());
        byte[] png = Base64.getMimeDecoder().decode((String) data.getData(MIMEType.IMAGE_PNG));
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
        assertTrue(data.hasDataForType(MIMEType.TEXT_PLAIN));
    }

    @Test
    void displayShowsImagesAndItsIdIsNotTheCellValue() {
        RecordingOutput output = new RecordingOutput();
        CellResult result =
                evaluator.evaluate(
                        "display(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_ARGB))",
                        output);
        assertTrue(result.succeeded(), result::toString);
        assertFalse(result.hasValue(), "display(...) as last expression must not also show its id");
        assertEquals(1, output.displayed().size());
        assertTrue(output.displayed().get(0).hasDataForType(MIMEType.IMAGE_PNG));
    }

    @Test
    void objectsWithToHtmlDisplayAsHtml() {
        RecordingOutput output = new RecordingOutput();
        CellResult result =
                evaluator.evaluate(
                        """
                class Table {
                    public String toHtml() { return "<table><tr><td>1</td></tr></table>"; }
                    public String toString() { return "Table[1]"; }
                }
                display(new Table());
                new Table()""",
                        output);
        assertTrue(result.succeeded(), result::toString);
        DisplayData shown = output.displayed().get(0);
        assertEquals("<table><tr><td>1</td></tr></table>", shown.getData(MIMEType.TEXT_HTML));
        assertEquals("Table[1]", shown.getData(MIMEType.TEXT_PLAIN));
        DisplayData value = evaluator.render(result.value());
        assertEquals("<table><tr><td>1</td></tr></table>", value.getData(MIMEType.TEXT_HTML));
    }

    @Test
    void aToHtmlThatThrowsFailsDisplayLikeAnyUserException() {
        CellResult result =
                run(
                        "class Broken { public String toHtml() { throw new IllegalStateException(\"no html\"); } }\n"
                                + "display(new Broken());");
        assertFalse(result.succeeded());
        assertTrue(result.error().text().contains("no html"), result.error().text());
    }

    @Test
    void aToHtmlFailureWhileShowingTheValueBecomesACellError() {
        CellError error =
                CellErrors.renderFailure(
                        new IllegalStateException(
                                "toHtml() of Broken failed",
                                new IllegalArgumentException("no html")));
        assertEquals("java.lang.IllegalArgumentException", error.name());
        assertEquals("no html", error.message());
        assertTrue(error.text().contains("could not be shown"), error.text());
    }

    @Test
    void displayWithAMimeTypeShowsStringsAsHtml() {
        RecordingOutput output = new RecordingOutput();
        CellResult result = evaluator.evaluate("display(\"<b>bold</b>\", \"text/html\");", output);
        assertTrue(result.succeeded(), result::toString);
        assertEquals("<b>bold</b>", output.displayed().get(0).getData(MIMEType.TEXT_HTML));
    }

    @Test
    void renderBuildsDisplayDataThatBecomesTheCellOutput() {
        CellResult result = runOk("render(\"<i>x</i>\", \"text/html\")");
        DisplayData data = evaluator.render(result.value());
        assertEquals("<i>x</i>", data.getData(MIMEType.TEXT_HTML));
    }

    @Test
    void plainObjectsRenderAsText() {
        CellResult result = runOk("java.util.List.of(1, 2, 3)");
        DisplayData data = evaluator.render(result.value());
        assertEquals("[1, 2, 3]", data.getData(MIMEType.TEXT_PLAIN));
        assertFalse(data.hasDataForType(MIMEType.TEXT_HTML));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void interruptStopsAnInfiniteLoopAndTheKernelStaysUsable() throws Exception {
        RecordingOutput output = new RecordingOutput();
        CompletableFuture<CellResult> running =
                CompletableFuture.supplyAsync(
                        () ->
                                evaluator.evaluate(
                                        "long spins = 0;\nSystem.out.println(\"looping\");\nwhile (true) { spins++; }",
                                        output));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!output.out().contains("looping") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(output.out().contains("looping"), "the loop cell never started");

        evaluator.interrupt();
        CellResult result = running.get(20, TimeUnit.SECONDS);
        assertFalse(result.succeeded());
        assertEquals(CellErrors.INTERRUPTED, result.error().name());
        assertEquals(7, runOk("3 + 4").value());
    }

    @Test
    void fiveThousandPrintedLinesArriveWholeInAFewStreamMessages() {
        CountingOutput output = new CountingOutput();
        CellResult result =
                evaluator.evaluate(
                        "for (int i = 0; i < 5000; i++) System.out.println(\"line \" + i);",
                        output);
        assertTrue(result.succeeded(), result::toString);
        String[] lines = output.out().split("\n");
        assertEquals(5000, lines.length);
        assertEquals("line 4999", lines[4999]);
        assertTrue(output.messages() < 50, "stream messages: " + output.messages());
    }

    @Test
    void compileErrorsDoNotEndInAnEmptyLocationLine() {
        CellResult result = run("int y = undefinedVariable + 1;");
        assertFalse(result.succeeded());
        String all =
                String.join("\n", result.error().traceback()) + "\n" + result.error().message();
        assertTrue(all.contains("undefinedVariable"), all);
        assertFalse(all.contains("location: class"), all);
        assertFalse(all.contains("$JShell$"), all);
    }

    @Test
    void valuesOfCellClassesShowWithoutJShellWrapperNames() {
        runOk("class Plain {}");
        CellResult result = runOk("new Plain()");
        String text = (String) evaluator.render(result.value()).getData(MIMEType.TEXT_PLAIN);
        assertTrue(text.startsWith("Plain@"), text);
        assertFalse(text.contains("$JShell$") || text.contains("REPL."), text);
        CellResult list = runOk("List.of(new Plain())");
        String listText = (String) evaluator.render(list.value()).getData(MIMEType.TEXT_PLAIN);
        assertTrue(listText.startsWith("[Plain@"), listText);
    }

    @Test
    void errorsNameCellClassesWithoutWrapperNames() {
        runOk("class Boom { void go() { throw new IllegalStateException(\"in \" + this); } }");
        CellResult result = run("new Boom().go();");
        assertFalse(result.succeeded());
        String all = result.error().message() + String.join("\n", result.error().traceback());
        assertTrue(all.contains("in Boom@"), all);
        assertFalse(all.contains("$JShell$"), all);
    }

    @Test
    void inspectAnswersWithTheCursorOnTheNameAfterItInsideOrAfterTheCall() {
        runOk("String greeting = \"hello\";");
        String code = "greeting.substring(1)";
        int onName = code.indexOf("substring") + 3;
        for (int cursor :
                new int[] {onName, code.indexOf('('), code.indexOf('(') + 1, code.length()}) {
            String shown = evaluator.inspect(code, cursor);
            assertTrue(
                    shown != null && shown.contains("String String.substring(int beginIndex)"),
                    "cursor " + cursor + ": " + shown);
        }
        String variable = evaluator.inspect("greeting", 3);
        assertTrue(
                variable != null && variable.contains("java.lang.String"),
                String.valueOf(variable));
        String method = evaluator.inspect("Math.max", "Math.max".length());
        assertTrue(
                method != null && method.contains("int Math.max(int a, int b)"),
                String.valueOf(method));
        assertNull(evaluator.inspect("  ", 1));
    }

    @Test
    void inspectShowsTheDeclarationOfCellMethodsAndJavadocOrWhereItComesFrom() {
        runOk("/** Doubles the value. */\nint doubled(int v) { return 2 * v; }");
        String shown = evaluator.inspect("doubled(3)", 2);
        assertTrue(shown != null && shown.contains("int doubled(int v)"), String.valueOf(shown));
        assertTrue(
                shown.contains("Declared in a cell:") && shown.contains("Doubles the value."),
                shown);
        String jdk = evaluator.inspect("Math.abs(-1)", 6);
        assertTrue(jdk != null && jdk.contains("Math.abs"), String.valueOf(jdk));
        boolean jdkSources =
                java.nio.file.Files.isRegularFile(
                        java.nio.file.Path.of(System.getProperty("java.home"), "lib", "src.zip"));
        if (jdkSources) {
            assertTrue(jdk.contains("absolute value"), jdk);
        } else {
            assertTrue(jdk.contains("no javadoc found") && jdk.contains("src.zip"), jdk);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void outputOfThreadsThatOutliveTheirCellGoesToTheLastCell() throws Exception {
        var originalOut = System.out;
        try (CellEvaluator kernelLike = new CellEvaluator(List.of())) {
            kernelLike.routeOutputAfterCells();
            RecordingOutput first = new RecordingOutput();
            CellResult started =
                    kernelLike.evaluate(
                            "var later = new Thread(() -> { try { Thread.sleep(300); } catch (InterruptedException e) { }"
                                    + " System.out.println(\"late line\"); System.err.println(\"late err\"); });\n"
                                    + "later.start();",
                            first);
            assertTrue(started.succeeded(), started::toString);
            RecordingOutput second = new RecordingOutput();
            assertTrue(kernelLike.evaluate("int unrelated = 1;", second).succeeded());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!(second.out().contains("late line") && second.err().contains("late err"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("late line\n", second.out());
            assertEquals("late err\n", second.err());
            assertEquals("", first.out());
        }
        assertEquals(originalOut, System.out);
    }

    /** Counts the stream messages as the kernel would send them. */
    private static final class CountingOutput implements CellOutput {
        private final StringBuffer out = new StringBuffer();
        private final java.util.concurrent.atomic.AtomicInteger messages =
                new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void stdout(String text) {
            messages.incrementAndGet();
            out.append(text);
        }

        @Override
        public void stderr(String text) {
            messages.incrementAndGet();
        }

        @Override
        public void display(DisplayData data) {}

        String out() {
            return out.toString();
        }

        int messages() {
            return messages.get();
        }
    }
}
