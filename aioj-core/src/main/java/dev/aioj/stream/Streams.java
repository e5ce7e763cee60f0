package dev.aioj.stream;

import dev.aioj.loop.EventLoop;
import dev.aioj.net.Connection;
import dev.aioj.net.Protocol;
import dev.aioj.net.Server;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Stream connections and servers: asyncio's {@code open_connection} and
 * {@code start_server}, on an explicit {@link EventLoop} (no global loop),
 * over TCP, unix sockets, or TLS ({@link StreamOptions#withTls}).
 * Built only on the loop's public API: a {@link StreamReaderProtocol} under
 * each connection turns transport events into a reader and a writer.
 *
 * <pre>{@code
 * StreamConnection c = Streams.openConnection(loop, "127.0.0.1", 10000).join(); // off the loop thread
 * c.writer().write("hello\n".getBytes(UTF_8));
 * byte[] line = c.reader().sync().readLine();
 * }</pre>
 *
 * <p>Thread contract: any thread. Futures complete on the loop thread.
 */
public final class Streams {

    private Streams() {}

    /** Connects to {@code host:port} (host null: 127.0.0.1) with the default options. */
    public static CompletableFuture<StreamConnection> openConnection(EventLoop loop, String host, int port) {
        return openConnection(loop, host, port, StreamOptions.DEFAULTS);
    }

    /**
     * Connects to {@code host:port} with {@code options}; over TLS, {@code
     * host} is also the name the server's certificate must match.
     */
    public static CompletableFuture<StreamConnection> openConnection(EventLoop loop, String host, int port,
            StreamOptions options) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(options, "options");
        CompletableFuture<StreamConnection> result = loop.createFuture();
        Supplier<StreamReaderProtocol> factory = clientProtocol(options, result);
        forward(options.tls() == null
                ? loop.createConnection(factory, host, port)
                : options.tls().connect(loop, factory, host == null ? "127.0.0.1" : host, port), result);
        return result;
    }

    /** Connects to {@code address}: TCP, or a unix socket for a {@link UnixDomainSocketAddress}. */
    public static CompletableFuture<StreamConnection> openConnection(EventLoop loop, SocketAddress address,
            StreamOptions options) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(options, "options");
        CompletableFuture<StreamConnection> result = loop.createFuture();
        Supplier<StreamReaderProtocol> factory = clientProtocol(options, result);
        forward(options.tls() == null
                ? loop.createConnection(factory, address)
                : options.tls().connect(loop, factory, address), result);
        return result;
    }

    /** asyncio's {@code open_unix_connection}: connects to the unix socket at {@code path}. */
    public static CompletableFuture<StreamConnection> openUnixConnection(EventLoop loop, Path path) {
        return openConnection(loop, UnixDomainSocketAddress.of(path), StreamOptions.DEFAULTS);
    }

    /**
     * Listens on {@code host:port} (host null: 127.0.0.1; port 0: any free
     * port) and runs {@code handler} for each connection <em>on the loop
     * thread</em>: it must not block; it chains the reader's futures.
     */
    public static CompletableFuture<Server> startServer(EventLoop loop, StreamHandler handler, String host, int port) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(handler, "handler");
        return startServer(loop, handler, host, port, StreamOptions.DEFAULTS);
    }

    /** Like {@link #startServer(EventLoop, StreamHandler, String, int)} with {@code options} (TLS, limit). */
    public static CompletableFuture<Server> startServer(EventLoop loop, StreamHandler handler, String host, int port,
            StreamOptions options) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        return loop.createServer(serverProtocol(options, onLoop(handler)), host, port);
    }

    /** Like {@link #startServer(EventLoop, StreamHandler, String, int)} on {@code address} (TCP or unix). */
    public static CompletableFuture<Server> startServer(EventLoop loop, StreamHandler handler, SocketAddress address,
            StreamOptions options) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        return loop.createServer(serverProtocol(options, onLoop(handler)), address);
    }

    /** asyncio's {@code start_unix_server}: a loop-thread handler on the unix socket at {@code path}. */
    public static CompletableFuture<Server> startUnixServer(EventLoop loop, StreamHandler handler, Path path) {
        return startServer(loop, handler, UnixDomainSocketAddress.of(path), StreamOptions.DEFAULTS);
    }

    /**
     * Listens on {@code host:port} and runs {@code handler} for each
     * connection on a virtual thread of its own, where it may block: it uses
     * {@link StreamReader#sync()} and {@link StreamWriter#sync()}, and reads
     * like asyncio code with {@code await}. When the handler returns or
     * throws, the connection is closed (after sending what was written).
     */
    public static CompletableFuture<Server> startBlockingServer(EventLoop loop, StreamHandler handler, String host,
            int port) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(handler, "handler");
        return startBlockingServer(loop, handler, host, port, StreamOptions.DEFAULTS);
    }

    /** Like {@link #startBlockingServer(EventLoop, StreamHandler, String, int)} with {@code options}. */
    public static CompletableFuture<Server> startBlockingServer(EventLoop loop, StreamHandler handler, String host,
            int port, StreamOptions options) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        return loop.createServer(serverProtocol(options, onVirtualThread(handler)), host, port);
    }

    /** Like {@link #startBlockingServer(EventLoop, StreamHandler, String, int)} on {@code address}. */
    public static CompletableFuture<Server> startBlockingServer(EventLoop loop, StreamHandler handler,
            SocketAddress address, StreamOptions options) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        return loop.createServer(serverProtocol(options, onVirtualThread(handler)), address);
    }

    // ---------------------------------------------------------------- wiring

    private static Supplier<StreamReaderProtocol> clientProtocol(StreamOptions options,
            CompletableFuture<StreamConnection> result) {
        return () -> new StreamReaderProtocol(options.limit(), result::complete);
    }

    private static Supplier<? extends Protocol> serverProtocol(StreamOptions options, Consumer<StreamConnection> start) {
        Supplier<Protocol> plain = () -> new StreamReaderProtocol(options.limit(), start);
        return options.tls() == null ? plain : options.tls().wrap(plain);
    }

    /**
     * Fails {@code result} if the connect fails (success completed it already,
     * in connectionMade); a caller who gave up on {@code result} (cancel,
     * timeout) gives up the connect, or the connection if it came too late.
     */
    private static void forward(CompletableFuture<? extends Connection<?>> connecting,
            CompletableFuture<StreamConnection> result) {
        connecting.whenComplete((connection, error) -> {
            if (error != null) {
                result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            } else if (result.isCompletedExceptionally()) {
                connection.transport().abort();
            }
        });
        result.whenComplete((connection, error) -> {
            if (error != null) {
                connecting.cancel(false);
            }
        });
    }

    private static Consumer<StreamConnection> onLoop(StreamHandler handler) {
        return connection -> {
            try {
                handler.handle(connection.reader(), connection.writer());
            } catch (Exception e) {
                EventLoop loop = connection.reader().loop();
                loop.callExceptionHandler("stream handler failed on " + connection.writer(), e);
                connection.writer().transport().abort();
            }
        };
    }

    private static Consumer<StreamConnection> onVirtualThread(StreamHandler handler) {
        return connection -> Thread.ofVirtual()
                .name("aioj-stream-" + connection.writer().remoteAddress())
                .start(() -> runBlocking(handler, connection));
    }

    private static void runBlocking(StreamHandler handler, StreamConnection connection) {
        try {
            handler.handle(connection.reader(), connection.writer());
        } catch (Throwable t) {
            EventLoop loop = connection.reader().loop();
            try {
                loop.execute(() -> loop.callExceptionHandler("stream handler failed on " + connection.writer(), t));
            } catch (RejectedExecutionException terminated) {
                // the loop is gone, and the connection with it
            }
        } finally {
            connection.writer().close();
        }
    }
}
