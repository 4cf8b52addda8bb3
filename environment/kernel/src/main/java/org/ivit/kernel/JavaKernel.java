package org.ivit.kernel;

import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.zeromq.ZMQ;

/**
 * The Jupyter side of the kernel: jjava-jupyter's BaseKernel does the protocol, this class
 * hands cells to the {@link CellEvaluator} and reports results and errors.
 */
public final class JavaKernel extends BaseKernel {

    private final CellEvaluator evaluator;
    private final StopOnError stopOnError = new StopOnError();

    private JavaKernel(String name, String version, HistoryManager history, JupyterIO io, CommManager comms,
                       Renderer unusedRenderer, MagicsRegistry magics, StringStyler errorStyler,
                       CellEvaluator evaluator) {
        // No magics and no extensions: notebooks stay plain Java that JJava or IJava also run.
        super(name, version, languageInfo(), List.of(), history, io, comms, unusedRenderer, null, magics,
                false, errorStyler);
        this.evaluator = evaluator;
    }

    public static JavaKernel create(CellEvaluator evaluator) {
        return new Builder(evaluator).name("ivit-java-kernel").version(kernelVersion()).build();
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("java")
                .build();
    }

    private static String kernelVersion() {
        String version = JavaKernel.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " (JShell), Instruction-ViT notebook kernel";
    }

    /** display(...) and execute results render with the evaluator's renderer (it knows toHtml()). */
    @Override
    public Renderer getRenderer() {
        return evaluator.renderer();
    }

    // Replaces BaseKernel's handler so errors carry the cell's own exception name and a
    // traceback of the user's code instead of the kernel's internals, and so a failure aborts
    // the requests queued behind it (stop_on_error), as Jupyter's own kernels do.
    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        env.setBusyDeferIdle();
        if (stopOnError.abortNext(() -> requestsWaiting(env))) {
            replyAborted(env);
            return;
        }
        int count = executionCount.getAndIncrement();
        env.publish(new PublishExecuteInput(request.getCode(), count));

        CellResult result = evaluator.evaluate(request.getCode(), new PublishingCellOutput(env));
        CellError error = result.error();
        DisplayData value = null;
        if (error == null && result.hasValue()) {
            try {
                value = evaluator.render(result.value());
            } catch (RuntimeException | LinkageError e) {
                // e.g. a toHtml() that throws: without this the request would get no reply.
                error = CellErrors.renderFailure(e);
            }
        }
        if (error == null) {
            if (value != null) {
                env.publish(new PublishExecuteResult(count, value));
            }
            env.defer().reply(new ExecuteReply(count, Map.of()));
        } else {
            env.publish(new PublishError(error.name(), error.message(), error.traceback()));
            ErrorReply reply = new ErrorReply(error.name(), error.message(), error.traceback());
            reply.setExecutionCount(count);
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
        }
        stopOnError.finished(error != null, stopOnErrorOf(request), () -> requestsWaiting(env));
    }

    /**
     * The request's stop_on_error. jjava-jupyter parses the field into a primitive boolean, so
     * a request without it reads false; every Jupyter client (notebook, lab, nbclient) sends it.
     */
    static boolean stopOnErrorOf(ExecuteRequest request) {
        return request.shouldStopOnError();
    }

    /** Whether another message already waits on the shell socket (called on the shell thread). */
    private static boolean requestsWaiting(ShellReplyEnvironment env) {
        try {
            return (env.getShell().getEvents() & ZMQ.Poller.POLLIN) != 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void replyAborted(ShellReplyEnvironment env) {
        // jjava-jupyter's ExecuteReply knows only "ok" and "error"; the content is plain JSON.
        env.defer().reply(new Message(env.getContext(), ExecuteReply.MESSAGE_TYPE, new AbortedReply()));
    }

    @Override
    public void interrupt() {
        evaluator.interrupt();
    }

    @Override
    public Object evalRaw(String code) {
        throw new UnsupportedOperationException("eval(...) from inside a cell is not supported; write the code in the cell");
    }

    @Override
    public DisplayData inspect(String code, int cursor, boolean extraDetail) {
        String signatures = evaluator.inspect(code, cursor);
        return signatures == null ? null : new DisplayData(signatures);
    }

    @Override
    public ReplacementOptions complete(String code, int cursor) {
        return evaluator.complete(code, cursor);
    }

    @Override
    public String isComplete(String code) {
        switch (evaluator.completeness(code)) {
            case COMPLETE:
            case COMPLETE_WITH_SEMI:
            case EMPTY:
                return IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE:
            case CONSIDERED_INCOMPLETE:
                return "    "; // incomplete: the indent for the next line
            default:
                return IS_COMPLETE_MAYBE;
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        evaluator.interrupt();
    }

    private static final class Builder extends BaseKernelBuilder<Builder, JavaKernel> {

        private final CellEvaluator evaluator;

        Builder(CellEvaluator evaluator) {
            this.evaluator = evaluator;
        }

        @Override
        public JavaKernel build() {
            return new JavaKernel(buildName(), buildVersion(), buildHistoryManager(),
                    buildJupyterIO(buildJupyterIOEncoding()), buildCommManager(), buildRenderer(),
                    buildMagicsRegistry(), buildErrorStyler(), evaluator);
        }
    }
}
