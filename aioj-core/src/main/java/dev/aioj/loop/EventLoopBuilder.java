package dev.aioj.loop;

import java.nio.channels.spi.SelectorProvider;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * Options for a new {@link EventLoop}; {@link #build} starts its thread.
 *
 * <p>Thread contract: not thread-safe; build on one thread.
 */
public final class EventLoopBuilder {

    String name;
    SelectorProvider selectorProvider = SelectorProvider.provider();
    ExecutorService offloadExecutor;
    EventLoop.ExceptionHandler exceptionHandler;
    boolean debug = Boolean.getBoolean("aioj.debug");
    /** asyncio's debug-mode threshold for a slow callback. */
    Duration slowCallback = Duration.ofMillis(100);
    Duration shutdownGrace = Duration.ofSeconds(5);
    boolean daemon;

    EventLoopBuilder() {}

    /** The loop's name, also its thread's name; default {@code aioj-loop-N}. */
    public EventLoopBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Where the loop's selector and channels come from: the pluggable poller
     * (the seeds' ZmqSelector idea). Default: the platform's (epoll on Linux).
     */
    public EventLoopBuilder selectorProvider(SelectorProvider provider) {
        this.selectorProvider = Objects.requireNonNull(provider, "provider");
        return this;
    }

    /**
     * Runs {@link EventLoop#runBlocking} work; default: a virtual thread per
     * task, shut down with the loop. An executor given here is not shut down.
     */
    public EventLoopBuilder offloadExecutor(ExecutorService executor) {
        this.offloadExecutor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /** Receives exceptions thrown by callbacks; default: logged at ERROR. */
    public EventLoopBuilder exceptionHandler(EventLoop.ExceptionHandler handler) {
        this.exceptionHandler = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /**
     * Debug mode: every callback slower than {@link #slowCallback} (100 ms) is
     * logged at WARNING. Default: the system property {@code aioj.debug}.
     */
    public EventLoopBuilder debug(boolean debug) {
        this.debug = debug;
        return this;
    }

    /** The debug-mode threshold; default 100 ms, as asyncio's. */
    public EventLoopBuilder slowCallback(Duration threshold) {
        if (Objects.requireNonNull(threshold, "threshold").isNegative()) {
            throw new IllegalArgumentException("threshold < 0: " + threshold);
        }
        this.slowCallback = threshold;
        return this;
    }

    /** How long a graceful shutdown waits for connections to flush and close; default 5 s. */
    public EventLoopBuilder shutdownGrace(Duration grace) {
        if (Objects.requireNonNull(grace, "grace").isNegative()) {
            throw new IllegalArgumentException("grace < 0: " + grace);
        }
        this.shutdownGrace = grace;
        return this;
    }

    /** Whether the loop's thread is a daemon thread; default false, so a live loop keeps the JVM up. */
    public EventLoopBuilder daemon(boolean daemon) {
        this.daemon = daemon;
        return this;
    }

    /** Creates the loop and starts its thread. */
    public EventLoop build() {
        return new EventLoop(this);
    }
}
