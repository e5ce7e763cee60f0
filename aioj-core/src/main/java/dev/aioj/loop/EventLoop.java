package dev.aioj.loop;

import dev.aioj.net.Connection;
import dev.aioj.net.DatagramEndpoint;
import dev.aioj.net.DatagramProtocol;
import dev.aioj.net.Protocol;
import dev.aioj.net.Server;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.spi.SelectorProvider;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One thread, one {@link Selector}: asyncio's event loop. Runs callbacks
 * ({@link #callSoon}, {@link #callLater}, {@link #execute} from any thread),
 * owns the TCP transports and servers it creates, and offloads blocking work
 * ({@link #runBlocking}) so that its own thread never blocks.
 *
 * <p>Each iteration ({@link SelectorLoop}, the machinery behind this API):
 * poll the selector and handle ready channels, run the timers that are due,
 * take the tasks other threads queued, run the callbacks that were ready when
 * the iteration began, then flush every transport written to in this
 * iteration, each with one system call.
 *
 * <p>An exception thrown by a callback goes to the {@linkplain
 * ExceptionHandler exception handler} and the loop goes on; only a {@link
 * VirtualMachineError} such as {@link OutOfMemoryError} stops it, loudly.
 *
 * <p>Thread contract: every public method is safe from any thread.
 */
public final class EventLoop implements Executor, AutoCloseable {

    /** Receives exceptions that callbacks threw, so that the loop can go on. */
    @FunctionalInterface
    public interface ExceptionHandler {
        /** Called on the loop thread with what failed and why. */
        void handle(String message, Throwable error);
    }

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());
    private static final AtomicInteger LOOP_NUMBERS = new AtomicInteger();

    /** One direct buffer per loop for every read: 64 KiB, the most a loopback read usually returns. */
    static final int READ_BUFFER_SIZE = 64 * 1024;

    /** Queued bytes are copied here and written with one call; see WriteQueue for why. */
    static final int WRITE_STAGING_SIZE = 256 * 1024;

    private final String name;
    private final SelectorProvider provider;
    private final LoopThread thread;
    private final ExecutorService offload;
    private final boolean ownsOffload;
    private final ExceptionHandler exceptionHandler;
    private final boolean debug;
    private final SelectorLoop core;
    final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
    final ByteBuffer writeStaging = ByteBuffer.allocateDirect(WRITE_STAGING_SIZE);

    EventLoop(EventLoopBuilder builder) {
        this.name = builder.name != null ? builder.name : "aioj-loop-" + LOOP_NUMBERS.incrementAndGet();
        this.provider = builder.selectorProvider;
        this.ownsOffload = builder.offloadExecutor == null;
        this.offload = ownsOffload
                ? java.util.concurrent.Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name(name + "-offload-", 0).factory())
                : builder.offloadExecutor;
        this.exceptionHandler = builder.exceptionHandler != null ? builder.exceptionHandler : this::logException;
        this.debug = builder.debug;
        Selector selector;
        try {
            selector = provider.openSelector();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot open a selector from " + provider, e);
        }
        this.core = new SelectorLoop(this, selector, builder, () -> {
            if (ownsOffload) {
                offload.shutdown();
            }
        });
        this.thread = new LoopThread(this, core::run, name, builder.daemon);
        core.runOn(thread);
        thread.start();
    }

    /** A loop with the defaults: the platform's selector, virtual-thread offload. */
    public static EventLoop create() {
        return builder().build();
    }

    /** Options for a new loop: name, selector provider, offload executor, debug mode, ... */
    public static EventLoopBuilder builder() {
        return new EventLoopBuilder();
    }

    /** The loop's name, also its thread's name. */
    public String name() {
        return name;
    }

    /** True when called on this loop's thread. */
    public boolean inEventLoop() {
        return Thread.currentThread() == thread;
    }

    /** True when the calling thread runs any aioj event loop. */
    public static boolean onLoopThread() {
        return Thread.currentThread() instanceof LoopThread;
    }

    /**
     * Throws {@link IllegalStateException} on a loop thread, where a blocking
     * wait would deadlock. Blocking facades call it first.
     *
     * @param what the blocking call, for the message, e.g. {@code "join()"}
     */
    public static void refuseOnLoopThread(String what) {
        if (onLoopThread()) {
            throw new IllegalStateException(what + " on the event loop thread " + Thread.currentThread().getName()
                    + " would deadlock; use thenAccept/whenComplete, or run blocking code on another thread");
        }
    }

    /** True when debug mode is on: slow callbacks are logged. */
    public boolean isDebug() {
        return debug;
    }

    /** The provider this loop's selector and channels come from. */
    public SelectorProvider selectorProvider() {
        return provider;
    }

    // ---------------------------------------------------------------- callbacks

    /**
     * Runs {@code task} on the loop thread soon. From the loop thread it runs in
     * the next round of callbacks; from another thread it wakes the loop if it
     * is blocked.
     *
     * @throws RejectedExecutionException once the loop has terminated
     */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        core.execute(task);
    }

    /** asyncio's name for {@link #execute}. */
    public void callSoon(Runnable task) {
        execute(task);
    }

    /**
     * Runs {@code task} on the loop thread after {@code delay} (zero or negative:
     * as soon as possible). Timers with the same deadline run in the order they
     * were scheduled.
     *
     * @return a handle that can cancel the callback
     */
    public TimerHandle callLater(Duration delay, Runnable task) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(task, "task");
        long nanos = delay.isNegative() ? 0 : saturatedNanos(delay);
        TimerHandle handle = new TimerHandle(System.nanoTime() + nanos, task);
        if (inEventLoop()) {
            core.addTimer(handle);
        } else {
            execute(() -> core.addTimer(handle));
        }
        return handle;
    }

    /**
     * Runs {@code task} on the loop thread and completes the future with its
     * result; for code outside the loop that needs a value from it.
     */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        LoopFuture<T> future = new LoopFuture<>();
        execute(() -> {
            try {
                future.complete(task.call());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        return future;
    }

    /**
     * Runs blocking {@code work} on the offload executor (a virtual thread by
     * default) and completes the future on this loop's thread, so callbacks
     * attached to it run on the loop. Cancelling the future does not interrupt
     * the work.
     */
    public <T> CompletableFuture<T> runBlocking(Callable<T> work) {
        Objects.requireNonNull(work, "work");
        LoopFuture<T> future = new LoopFuture<>();
        try {
            offload.execute(() -> {
                T value = null;
                Throwable failure = null;
                try {
                    value = work.call();
                } catch (Throwable t) {
                    failure = t;
                }
                deliver(future, value, failure);
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    private <T> void deliver(LoopFuture<T> future, T value, Throwable failure) {
        Runnable complete = () -> {
            if (failure == null) {
                future.complete(value);
            } else {
                future.completeExceptionally(failure);
            }
        };
        try {
            execute(complete);
        } catch (RejectedExecutionException e) {
            complete.run(); // the loop is gone: completing here beats never completing
        }
    }

    /** A new incomplete future whose blocking waits refuse to run on a loop thread. */
    public <T> CompletableFuture<T> createFuture() {
        return new LoopFuture<>();
    }

    /**
     * Hands {@code error} to the loop's exception handler, as a callback's
     * exception would be. For code that catches what user code threw.
     */
    public void callExceptionHandler(String message, Throwable error) {
        try {
            exceptionHandler.handle(message, error);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "exception handler failed on: " + message, t);
            LOG.log(System.Logger.Level.ERROR, message, error);
        }
    }

    private void logException(String message, Throwable error) {
        LOG.log(System.Logger.Level.ERROR, name + ": " + message, error);
    }

    /**
     * For a callback that must keep the loop thread for long and still let the
     * loop answer its peers, as Redis's {@code processEventsWhileBlocked} does
     * during a slow Lua script: handles the channels ready now, without
     * blocking (reads reach their protocols, new connections are accepted),
     * then sends what the protocols wrote. Timers, tasks queued with {@link
     * #execute} and callbacks wait until the long callback returns. A call
     * from inside such a pass does nothing.
     *
     * <p>The caller must hold nothing that a nested {@code dataReceived} may
     * reuse: the buffer given to its own {@code dataReceived} (one per loop)
     * is overwritten by the nested reads.
     *
     * <p>Thread contract: the loop thread only.
     *
     * @return how many channels were ready
     * @throws IllegalStateException off the loop thread
     */
    public int runIoWhileBusy() {
        if (!inEventLoop()) {
            throw new IllegalStateException("runIoWhileBusy() off the loop thread of " + name);
        }
        try {
            return core.runIoWhileBusy();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(name + ": select failed", e);
        }
    }

    // ---------------------------------------------------------------- networking

    /**
     * Listens on {@code host:port} (host null: 127.0.0.1; port 0: any free
     * port) and runs a new protocol from {@code protocolFactory} for each
     * connection, on this loop.
     */
    public CompletableFuture<Server> createServer(Supplier<? extends Protocol> protocolFactory, String host, int port) {
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        return Addresses.resolve(this, host, port)
                .thenCompose(address -> createServer(protocolFactory, address));
    }

    /** Like {@link #createServer(Supplier, String, int)} for a resolved address. */
    public CompletableFuture<Server> createServer(Supplier<? extends Protocol> protocolFactory, SocketAddress address) {
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        Objects.requireNonNull(address, "address");
        return submitOnLoop(() -> TcpServer.open(this, () -> this, protocolFactory, address));
    }

    /**
     * Connects to {@code host:port}; the future completes after the new
     * protocol's {@link Protocol#connectionMade}, or fails with the connect
     * error (a refused connection: {@link java.net.ConnectException}).
     */
    public <P extends Protocol> CompletableFuture<Connection<P>> createConnection(
            Supplier<P> protocolFactory, String host, int port) {
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        return Addresses.resolve(this, host, port)
                .thenCompose(address -> createConnection(protocolFactory, address));
    }

    /** Like {@link #createConnection(Supplier, String, int)} for a resolved address. */
    public <P extends Protocol> CompletableFuture<Connection<P>> createConnection(
            Supplier<P> protocolFactory, SocketAddress address) {
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        Objects.requireNonNull(address, "address");
        LoopFuture<Connection<P>> future = new LoopFuture<>();
        runOnLoop(future, () -> TcpConnector.connect(this, protocolFactory, address, future));
        return future;
    }

    /**
     * Opens a UDP endpoint on this loop: bound to {@code localAddress} (null:
     * an ephemeral port chosen by the system) and, if {@code remoteAddress} is
     * not null, connected to it, so that it exchanges datagrams with that peer
     * only and hears of ICMP errors. The future completes after the new
     * protocol's {@link DatagramProtocol#connectionMade}.
     */
    public <P extends DatagramProtocol> CompletableFuture<DatagramEndpoint<P>> createDatagramEndpoint(
            Supplier<P> protocolFactory, SocketAddress localAddress, SocketAddress remoteAddress) {
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        return submitOnLoop(() -> UdpTransport.open(this, protocolFactory, localAddress, remoteAddress));
    }

    /** An unconnected UDP endpoint bound to {@code localAddress}; see the three-argument form. */
    public <P extends DatagramProtocol> CompletableFuture<DatagramEndpoint<P>> createDatagramEndpoint(
            Supplier<P> protocolFactory, SocketAddress localAddress) {
        return createDatagramEndpoint(protocolFactory, localAddress, null);
    }

    /** Runs {@code opener} on the loop, completing the future with its result or failure. */
    private <T> CompletableFuture<T> submitOnLoop(Callable<T> opener) {
        LoopFuture<T> future = new LoopFuture<>();
        runOnLoop(future, () -> future.complete(opener.call()));
        return future;
    }

    /** A step that may throw; its failure completes the caller's future. */
    private interface LoopAction {
        void run() throws Exception;
    }

    private void runOnLoop(CompletableFuture<?> future, LoopAction action) {
        Runnable body = () -> {
            if (!core.isRunning()) {
                future.completeExceptionally(new IllegalStateException(name + " is shutting down"));
                return;
            }
            try {
                action.run();
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        };
        try {
            execute(body);
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(e);
        }
    }

    // ---------------------------------------------------------------- internals for transports

    /** Registers {@code channel} with this loop's selector; loop thread only. */
    SelectionKey register(SelectableChannel channel, int ops, ChannelHandler handler) throws IOException {
        return core.register(channel, ops, handler);
    }

    /** Queues a transport's flush for the end of this iteration; loop thread only. */
    void flushLater(Runnable flush) {
        core.flushLater(flush);
    }

    /** Whether new channels may still be opened on this loop. */
    boolean isAcceptingWork() {
        return core.isRunning();
    }

    // ---------------------------------------------------------------- shutdown

    /**
     * Begins a graceful shutdown: servers stop listening, every transport is
     * closed after sending what it has queued (its protocol gets {@code
     * connectionLost}), then the thread ends. Connections still open after the
     * grace period (default 5 s) are aborted. Idempotent.
     *
     * @return a future completing when the loop has terminated
     */
    public CompletableFuture<Void> shutdownGracefully() {
        core.requestShutdown();
        return core.terminated();
    }

    /** Completes when the loop's thread has ended. */
    public CompletableFuture<Void> terminationFuture() {
        return core.terminated();
    }

    /** True once a shutdown has begun. */
    public boolean isShuttingDown() {
        return !core.isRunning();
    }

    /** True once the loop's thread has ended. */
    public boolean isTerminated() {
        return core.isTerminated();
    }

    /**
     * Shuts down gracefully and waits for it.
     *
     * @throws IllegalStateException on a loop thread
     */
    @Override
    public void close() {
        refuseOnLoopThread("close()");
        shutdownGracefully().join();
    }

    /** This loop's counters. */
    public LoopStats stats() {
        return core.stats();
    }

    @Override
    public String toString() {
        return "EventLoop[" + name + "]";
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4; // centuries: never, without overflowing deadline arithmetic
        }
    }
}
