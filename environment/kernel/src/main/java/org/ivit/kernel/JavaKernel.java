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
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.zeromq.ZMQ;

/**
 * The Jupyter side of the kernel: jjava-jupyter's BaseKernel does the protocol, this class hands
 * cells to the {@link CellEvaluator} and reports results and errors.
 */
public final class JavaKernel extends BaseKernel {

    private final CellEvaluator evaluator;
    private final StopOnError stopOnError = new StopOnError();
    private final CellHistory history = new CellHistory();
    private final IdleMemoryRelease idleRelease = IdleMemoryRelease.forKernel();

    private JavaKernel(
            String name,
            String version,
            HistoryManager history,
            JupyterIO io,
            CommManager comms,
            Renderer unusedRenderer,
            MagicsRegistry magics,
            StringStyler errorStyler,
            CellEvaluator evaluator) {
        // No magics and no extensions: notebooks stay plain Java that JJava or IJava also run.
        super(
                name,
                version,
                languageInfo(),
                List.of(),
                history,
                io,
                comms,
                unusedRenderer,
                null,
                magics,
                false,
                errorStyler);
        this.evaluator = evaluator;
    }

    public static JavaKernel create(CellEvaluator evaluator) {
        return new Builder(evaluator)
                .name("ivit-java-kernel")
                .version(KernelVersion.current())
                .build();
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

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " (JShell), Instruction-ViT notebook kernel";
    }

    /**
     * display(...) and execute results render with the evaluator's renderer (it knows toHtml()).
     */
    @Override
    public Renderer getRenderer() {
        return evaluator.renderer();
    }

    // Replaces BaseKernel's handler so errors carry the cell's own exception name and a
    // traceback of the user's code instead of the kernel's internals, and so a failure aborts
    // the requests queued behind it (stop_on_error), as Jupyter's own kernels do.
    @Override
    protected synchronized void handleExecuteRequest(
            ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        env.setBusyDeferIdle();
        if (stopOnError.abortNext(() -> requestsWaiting(env))) {
            replyAborted(env);
            return;
        }
        int count = executionCount.getAndIncrement();
        env.publish(new PublishExecuteInput(request.getCode(), count));

        CellResult result;
        idleRelease.cellStarted();
        try {
            result = evaluator.evaluate(request.getCode(), new PublishingCellOutput(env));
        } finally {
            idleRelease.cellFinished();
        }
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
        if (request.shouldStoreHistory() && !request.isSilent()) {
            history.add(count, request.getCode(), value == null ? null : plainText(value));
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

    private static String plainText(DisplayData value) {
        Object text = value.getData(MIMEType.TEXT_PLAIN);
        return text == null ? null : text.toString();
    }

    // jjava-jupyter's reply lacks the "status" field the protocol requires.
    @Override
    protected void handleKernelInfoRequest(
            ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(
                new OkKernelInfoReply(
                        "5.3", name, version, getLanguageInfo(), getBanner(), getHelpLinks()));
    }

    // jjava-jupyter sends no reply at all without a HistoryManager; this one always answers.
    @Override
    protected void handleHistoryRequest(
            ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setBusyDeferIdle();
        HistoryRequest request = message.getContent();
        boolean output = request.includeOutput();
        List<HistoryEntry> entries;
        if (request instanceof HistoryRequest.Tail tail) {
            entries = history.tail(tail.getMaxReturnLength(), output);
        } else if (request instanceof HistoryRequest.Range range) {
            entries =
                    history.range(
                            range.getSessionIndex(), range.getStart(), range.getStop(), output);
        } else if (request instanceof HistoryRequest.Search search) {
            entries =
                    history.search(
                            search.getPattern(),
                            search.getMaxReturnLength(),
                            search.filterUnique(),
                            output);
        } else {
            entries = List.of();
        }
        replyHistory(env, new OkHistoryReply(entries));
    }

    /**
     * The request's stop_on_error. jjava-jupyter parses the field into a primitive boolean, so a
     * request without it reads false; every Jupyter client (notebook, lab, nbclient) sends it.
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
    private static void replyHistory(ShellReplyEnvironment env, OkHistoryReply content) {
        env.reply(new Message(env.getContext(), HistoryReply.MESSAGE_TYPE, content));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void replyAborted(ShellReplyEnvironment env) {
        // jjava-jupyter's ExecuteReply knows only "ok" and "error"; the content is plain JSON.
        env.defer()
                .reply(
                        new Message(
                                env.getContext(), ExecuteReply.MESSAGE_TYPE, new AbortedReply()));
    }

    @Override
    public void interrupt() {
        evaluator.interrupt();
    }

    @Override
    public Object evalRaw(String code) {
        throw new UnsupportedOperationException(
                "eval(...) from inside a cell is not supported; write the code in the cell");
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
            case UNKNOWN:
                // JShell's parser gave up on a syntax error (")" or "int x = ;"): more lines
                // cannot fix it, so front ends run it and show the compiler's message.
                return IS_COMPLETE_BAD;
            default:
                return IS_COMPLETE_MAYBE;
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        idleRelease.close();
        evaluator.interrupt();
    }

    private static final class Builder extends BaseKernelBuilder<Builder, JavaKernel> {

        private final CellEvaluator evaluator;

        Builder(CellEvaluator evaluator) {
            this.evaluator = evaluator;
        }

        @Override
        public JavaKernel build() {
            return new JavaKernel(
                    buildName(),
                    buildVersion(),
                    buildHistoryManager(),
                    buildJupyterIO(buildJupyterIOEncoding()),
                    buildCommManager(),
                    buildRenderer(),
                    buildMagicsRegistry(),
                    buildErrorStyler(),
                    evaluator);
        }
    }
}
