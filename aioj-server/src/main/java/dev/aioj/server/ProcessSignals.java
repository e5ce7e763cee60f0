package dev.aioj.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * SIGTERM and SIGINT handlers for {@code aioj server}, through the JDK's
 * {@code sun.misc.Signal} (module jdk.unsupported), so a signal is told apart
 * from a normal exit, logged as Redis logs it, and answered with a graceful
 * shutdown whose exit status is 0. Where jdk.unsupported is missing (a
 * trimmed runtime), a shutdown hook does the graceful part instead.
 */
final class ProcessSignals {

    private static final System.Logger LOG = System.getLogger(ProcessSignals.class.getName());

    private ProcessSignals() {}

    /**
     * Calls {@code handler} with "SIGTERM" or "SIGINT", on a thread of the
     * JDK's, for each signal; without signal handlers, a shutdown hook calls it
     * and waits (at most 30 s) for {@code stopped}, since the JVM exits when
     * its hooks return.
     */
    static void install(Consumer<String> handler, CompletableFuture<Void> stopped) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> handler.accept("SIG" + signal.getName()));
            }
        } catch (LinkageError | IllegalArgumentException unavailable) {
            LOG.log(System.Logger.Level.DEBUG, "no signal handlers ({0}); a shutdown hook stops the server",
                    unavailable.toString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                handler.accept("SIGTERM");
                try {
                    stopped.get(30, TimeUnit.SECONDS);
                } catch (InterruptedException | ExecutionException | TimeoutException e) {
                    LOG.log(System.Logger.Level.WARNING, "the server did not stop in time: {0}", e.toString());
                }
            }, "aioj-server-stop"));
        }
    }
}
