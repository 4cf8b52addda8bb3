package org.ivit.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControl.EngineTerminationException;
import jdk.jshell.spi.ExecutionControl.InternalException;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs snippets in this JVM (so cells can hand real objects to the notebook) and keeps the object
 * each snippet's doit method returned; JShell itself only passes on its toString.
 *
 * <p>Stopping is left to {@link LocalExecutionControl}: it runs the doit method on its own thread
 * and knows how to stop it. To see the return value we hand it a trampoline method instead of the
 * doit method; the trampoline calls the real doit and records the result.
 */
public class ValueCapturingExecutionControl extends LocalExecutionControl {

    /** The call in flight; inherited by the snippet thread LocalExecutionControl starts. */
    private static final InheritableThreadLocal<DoitCall> CURRENT_CALL =
            new InheritableThreadLocal<>();

    private static final Method TRAMPOLINE = trampoline();

    private volatile Object lastValue;
    private volatile boolean stopRequested;

    /** The object returned by the most recent snippet (null for statements). */
    public Object lastValue() {
        return lastValue;
    }

    /**
     * Stops the running snippet and keeps snippets that have not started from running: a stop that
     * arrives while JShell still compiles the next snippet would otherwise find nothing to stop,
     * and the snippet (say an endless loop) would start afterwards.
     */
    @Override
    public void stop() throws EngineTerminationException, InternalException {
        stopRequested = true;
        super.stop();
    }

    /** Lets snippets run again; called when a new cell starts. */
    public void clearStopRequest() {
        stopRequested = false;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        DoitCall call = new DoitCall(this, doitMethod);
        lastValue = null;
        CURRENT_CALL.set(call);
        try {
            String shown = super.invoke(TRAMPOLINE);
            lastValue = call.value;
            return shown;
        } finally {
            CURRENT_CALL.remove();
        }
    }

    /** Called reflectively, on the snippet thread, in place of the snippet's doit method. */
    public static Object callCurrentDoit() throws Throwable {
        DoitCall call = CURRENT_CALL.get();
        if (call.control.stopRequested) {
            return null; // stopped before it began; the evaluator reports the interruption
        }
        try {
            call.value = call.doit.invoke(null);
            return call.value;
        } catch (InvocationTargetException e) {
            // Rethrow the user's exception itself so JShell reports it with its own stack.
            throw e.getCause();
        }
    }

    private static Method trampoline() {
        try {
            return ValueCapturingExecutionControl.class.getMethod("callCurrentDoit");
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class DoitCall {
        final ValueCapturingExecutionControl control;
        final Method doit;
        volatile Object value;

        DoitCall(ValueCapturingExecutionControl control, Method doit) {
            this.control = control;
            this.doit = doit;
        }
    }

    /** Lets JShell.builder() create the control; remembers it so the evaluator can read values. */
    static final class Provider implements ExecutionControlProvider {

        private volatile ValueCapturingExecutionControl created;

        @Override
        public String name() {
            return "ivit-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            created = new ValueCapturingExecutionControl();
            return created;
        }

        ValueCapturingExecutionControl control() {
            return created;
        }
    }
}
