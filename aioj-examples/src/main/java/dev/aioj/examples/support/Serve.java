package dev.aioj.examples.support;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * How a server example runs from the command line: up until Ctrl-C, then
 * closed cleanly by a shutdown hook (sockets closed, a unix socket file
 * removed, the loop shut down).
 *
 * <p>Thread contract: call from the program's main thread.
 */
public final class Serve {

    private Serve() {}

    /** Blocks until the JVM is asked to exit, then closes {@code running}. */
    public static void untilInterrupted(Running running, PrintStream out) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            closed.countDown();
        }, "aioj-example-shutdown"));
        out.println("(press Ctrl-C to stop)");
        closed.await();
    }
}
