package org.ivit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** is_complete: what a console does with Enter (run, new line, or run to show the syntax error). */
class JavaKernelIsCompleteTest {

    private static CellEvaluator evaluator;
    private static JavaKernel kernel;

    @BeforeAll
    static void start() {
        evaluator = new CellEvaluator(List.of());
        kernel = JavaKernel.create(evaluator);
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    @Test
    void completeCodeRuns() {
        for (String code :
                List.of("1 + 1", "int x = 1;", "class Box { int v; }", "int a = 1; int b = 2;")) {
            assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete(code), code);
        }
    }

    @Test
    void unfinishedCodeAsksForAnIndentedLine() {
        for (String code :
                List.of("for (int i = 0; i < 3; i++) {", "System.out.println(\"x\"", "1 +")) {
            assertEquals("    ", kernel.isComplete(code), code);
        }
    }

    @Test
    void syntaxErrorsNoLineCanFixAreInvalid() {
        for (String code : List.of("int x = ;", ")", "int y = 1; )", "\"unterminated")) {
            assertEquals(BaseKernel.IS_COMPLETE_BAD, kernel.isComplete(code), code);
        }
    }
}
