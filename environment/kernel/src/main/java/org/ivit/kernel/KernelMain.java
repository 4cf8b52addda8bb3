package org.ivit.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Starts the kernel: {@code java -jar ivit-kernel-all.jar <connection_file>}, as Jupyter runs it
 * from the kernelspec. The connection file holds the session's signing key: it is read, never
 * printed or logged.
 */
public final class KernelMain {

    private KernelMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -jar ivit-kernel-all.jar <connection_file>");
            System.exit(2);
        }
        KernelConnectionProperties connection = readConnection(Path.of(args[0]));
        // Taken first: a client that dies while JShell starts must still end the kernel.
        ParentProcessWatch.parentPidFrom(System.getenv())
                .ifPresent(
                        pid ->
                                new ParentProcessWatch(
                                                pid,
                                                ParentProcessWatch.DEFAULT_INTERVAL,
                                                () -> exitWithoutClient(pid))
                                        .start());

        List<Path> classpath =
                ClasspathEntries.fromEnvironment(System.getenv(), System.err::println);
        CellEvaluator evaluator = new CellEvaluator(classpath);
        evaluator.routeOutputAfterCells();
        JavaKernel kernel = JavaKernel.create(evaluator);

        JupyterConnection jupyter = new JupyterConnection(connection);
        kernel.becomeHandlerForConnection(jupyter);
        kernel.onStartup();
        jupyter.connect();
        jupyter.waitUntilClose();

        // Leave at once after shutdown_request: lingering threads (user threads, JShell)
        // would otherwise keep the JVM up until the client kills it.
        System.exit(0);
    }

    /** No client can send shutdown_request any more: leave, even if a cell is still running. */
    private static void exitWithoutClient(long parentPid) {
        System.err.println("kernel: the client process " + parentPid + " is gone, exiting");
        // A shutdown hook that blocks must not keep an orphaned kernel alive.
        Thread halt =
                new Thread(
                        () -> {
                            try {
                                Thread.sleep(5_000);
                            } catch (InterruptedException ignored) {
                                // halt at once
                            }
                            Runtime.getRuntime().halt(1);
                        },
                        "kernel-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(1);
    }

    private static KernelConnectionProperties readConnection(Path file) {
        try {
            return KernelConnectionProperties.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            System.err.println("cannot read the connection file " + file + ": " + e.getMessage());
            System.exit(2);
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            // Say only that it is malformed: the parser's message could quote the key.
            System.err.println(
                    "the connection file " + file + " is not valid Jupyter connection JSON");
            System.exit(2);
            throw e;
        }
    }
}
