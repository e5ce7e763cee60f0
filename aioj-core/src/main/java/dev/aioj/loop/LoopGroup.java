package dev.aioj.loop;

import dev.aioj.net.Connection;
import dev.aioj.net.Protocol;
import dev.aioj.net.Server;
import java.net.SocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * N event loops sharing the work of many connections: new connections go to
 * the loops in turn. A server made here accepts on the first loop and hands
 * each connection to the next loop.
 *
 * <p>Thread contract: any thread.
 */
public final class LoopGroup implements AutoCloseable {

    private final List<EventLoop> loops;
    private final AtomicInteger next = new AtomicInteger();

    private LoopGroup(List<EventLoop> loops) {
        this.loops = loops;
    }

    /** One loop per available processor. */
    public static LoopGroup create() {
        return create(Runtime.getRuntime().availableProcessors());
    }

    /** {@code size} loops with default options. */
    public static LoopGroup create(int size) {
        return create(size, builder -> {});
    }

    /**
     * {@code size} loops, each built from a builder that {@code configure}
     * adjusts (the loops are named {@code aioj-group-N-I} unless it names them).
     */
    public static LoopGroup create(int size, Consumer<EventLoopBuilder> configure) {
        if (size < 1) {
            throw new IllegalArgumentException("size < 1: " + size);
        }
        Objects.requireNonNull(configure, "configure");
        int group = GROUP_NUMBERS.incrementAndGet();
        EventLoop[] loops = new EventLoop[size];
        for (int i = 0; i < size; i++) {
            EventLoopBuilder builder = EventLoop.builder().name("aioj-group-" + group + "-" + i);
            configure.accept(builder);
            loops[i] = builder.build();
        }
        return new LoopGroup(List.of(loops));
    }

    private static final AtomicInteger GROUP_NUMBERS = new AtomicInteger();

    /** The loops, in order. */
    public List<EventLoop> loops() {
        return loops;
    }

    /** The next loop in turn. */
    public EventLoop next() {
        return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
    }

    /** Listens on {@code host:port}; each connection runs on the next loop in turn. */
    public CompletableFuture<Server> createServer(Supplier<? extends Protocol> protocolFactory, String host, int port) {
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        EventLoop acceptor = loops.get(0);
        return Addresses.resolve(acceptor, host, port)
                .thenCompose(address -> createServer(protocolFactory, address));
    }

    /** Like {@link #createServer(Supplier, String, int)} for a resolved address. */
    public CompletableFuture<Server> createServer(Supplier<? extends Protocol> protocolFactory, SocketAddress address) {
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        Objects.requireNonNull(address, "address");
        EventLoop acceptor = loops.get(0);
        return acceptor.submit(() -> TcpServer.open(acceptor, this::next, protocolFactory, address));
    }

    /** Connects on the next loop in turn. */
    public <P extends Protocol> CompletableFuture<Connection<P>> createConnection(
            Supplier<P> protocolFactory, String host, int port) {
        return next().createConnection(protocolFactory, host, port);
    }

    /** Shuts every loop down gracefully; completes when all have terminated. */
    public CompletableFuture<Void> shutdownGracefully() {
        return CompletableFuture.allOf(loops.stream()
                .map(EventLoop::shutdownGracefully)
                .toArray(CompletableFuture[]::new));
    }

    /** Shuts down and waits; refuses to run on a loop thread. */
    @Override
    public void close() {
        EventLoop.refuseOnLoopThread("close()");
        shutdownGracefully().join();
    }
}
