package dev.aioj.server;

import dev.aioj.loop.EventLoop;
import dev.aioj.loop.TimerHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Redis-compatible server running on one aioj event loop: the embeddable
 * entry point of aioj-server. Everything (parsing, commands, expiry) runs on
 * that loop's thread, as Redis runs on its main thread, so commands are atomic
 * without locks.
 *
 * <pre>{@code
 * try (RedisServer server = RedisServer.start(ServerConfig.builder().port(0).build())) {
 *     int port = server.port();   // redis-cli -p <port>, or any Redis client
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #start(ServerConfig)} creates a loop the server owns and stops
 * with it; {@link #start(ServerConfig, EventLoop)} runs on a loop the caller
 * owns (the server then only adds its listener, connections and a timer).
 * The server stops on {@link #close}, or when a loopback client sends
 * SHUTDOWN; {@link #waitClosed} completes then.
 *
 * <p>Thread contract: any thread. {@link #close} and {@link #start(ServerConfig)}
 * block and refuse to run on a loop thread.
 */
public final class RedisServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisServer.class.getName());

    /** This module's version, reported by INFO as {@code aioj_version}. */
    public static final String VERSION = "0.1.0";

    private final ServerState state;
    private final EventLoop loop;
    private final boolean ownsLoop;
    private final Listeners listeners;
    private final ActiveExpiry activeExpiry;
    private final IdleClients idleClients;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private TimerHandle cron;
    private boolean stopping;

    private RedisServer(ServerState state, EventLoop loop, boolean ownsLoop, Listeners listeners) {
        this.state = state;
        this.loop = loop;
        this.ownsLoop = ownsLoop;
        this.listeners = listeners;
        this.activeExpiry = new ActiveExpiry(state);
        this.idleClients = new IdleClients(state);
        state.port = Math.max(0, listeners.port());
        if (state.config.anyFreePort()) {
            state.live.set(NetworkDirectives.PORT, (long) listeners.port()); // CONFIG GET port: the one chosen
        }
        if (state.config.anyFreeTlsPort()) {
            state.live.set(TlsDirectives.TLS_PORT, (long) listeners.tlsPort());
        }
        state.shutdown = this::stopOnLoop;
    }

    /**
     * Starts a server on a new event loop of its own, and returns once it
     * listens.
     *
     * @throws UncheckedIOException if an address cannot be bound (port in use, ...)
     * @throws ConfigException if the configuration cannot run (no listener at all, unreadable TLS files, ...)
     * @throws IllegalStateException on an event loop thread, where waiting would deadlock
     */
    public static RedisServer start(ServerConfig config) {
        Objects.requireNonNull(config, "config");
        EventLoop.refuseOnLoopThread("RedisServer.start()");
        EventLoop loop = EventLoop.builder().name("aioj-server").shutdownGrace(Duration.ofSeconds(1)).build();
        try {
            return start(config, loop, true).join();
        } catch (CompletionException e) {
            loop.shutdownGracefully();
            throw asUnchecked(config, e.getCause());
        }
    }

    /**
     * Starts a server on {@code loop}, which the caller keeps owning: closing
     * the server leaves the loop running.
     *
     * @return a future completing once the server listens
     */
    public static CompletableFuture<RedisServer> start(ServerConfig config, EventLoop loop) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(loop, "loop");
        return start(config, loop, false);
    }

    private static CompletableFuture<RedisServer> start(ServerConfig config, EventLoop loop, boolean ownsLoop) {
        ServerState state;
        try {
            state = new ServerState(config, loop);
        } catch (ConfigException e) {
            return CompletableFuture.failedFuture(e);
        }
        try {
            state.persistence.loadOnStart(); // before anyone connects, as Redis's loadDataFromDisk
        } catch (IOException | RdbInput.RdbException | AofLoader.AofException e) {
            return CompletableFuture.failedFuture(ConfigException.general(
                    "Fatal error loading the DB (" + state.persistence.rdbPath() + "): " + e.getMessage()
                            + ". Exiting."));
        }
        return Listeners.open(state, loop)
                .thenApplyAsync(listeners -> {
                    RedisServer server = new RedisServer(state, loop, ownsLoop, listeners);
                    server.scheduleCron();
                    LOG.log(System.Logger.Level.DEBUG, "aioj-server listening on {0}", listeners);
                    return server;
                }, loop);
    }

    private static RuntimeException asUnchecked(ServerConfig config, Throwable cause) {
        if (cause instanceof IOException io) {
            return new UncheckedIOException("cannot listen on " + config.bind() + ":" + config.port(), io);
        }
        if (cause instanceof RuntimeException re) {
            return re;
        }
        return new IllegalStateException("cannot start the server on " + config.bind() + ":" + config.port(), cause);
    }

    /** The TCP port the server listens on (the one chosen when port 0 was asked), or -1 without TCP. */
    public int port() {
        return listeners.port();
    }

    /** The first TCP address the server listens on, or null without TCP. */
    public InetSocketAddress address() {
        return listeners.tcpAddress();
    }

    /** The TLS port (the one chosen when {@code tlsPort(0)} was asked), or -1 without TLS. */
    public int tlsPort() {
        return listeners.tlsPort();
    }

    /** The unix socket the server listens on, or null for none. */
    public Path unixSocket() {
        return listeners.unixSocket();
    }

    /** Every address it listens on: TCP, TLS, then the unix socket. */
    public List<SocketAddress> addresses() {
        return listeners.addresses();
    }

    /** The configuration the server started with (CONFIG SET changes are not reflected). */
    public ServerConfig config() {
        return state.config;
    }

    /** The loop the server runs on. */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Stops listening, disconnects every client, and, for a server that owns
     * its loop, shuts the loop down. Idempotent.
     *
     * @return {@link #waitClosed()}
     */
    public CompletableFuture<Void> closeAsync() {
        try {
            loop.execute(this::stopOnLoop);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            closed.complete(null); // the loop is already gone, and the server with it
        }
        return closed;
    }

    /**
     * Empties every database, as FLUSHALL does (WATCHed keys are touched),
     * and waits: for tests that share a server.
     *
     * @throws IllegalStateException on an event loop thread
     */
    public void flushAll() {
        EventLoop.refuseOnLoopThread("RedisServer.flushAll()");
        loop.submit(() -> {
            for (Database db : state.dbs) {
                db.flush();
            }
            state.tracking.flushed();
            return null;
        }).join();
    }

    /** Completes when the server has stopped: after {@link #close}, or SHUTDOWN from a client. */
    public CompletableFuture<Void> waitClosed() {
        return closed;
    }

    /**
     * Stops the server and waits for it.
     *
     * @throws IllegalStateException on an event loop thread
     */
    @Override
    public void close() {
        EventLoop.refuseOnLoopThread("RedisServer.close()");
        closeAsync().join();
    }

    @Override
    public String toString() {
        return "RedisServer[" + listeners + "]";
    }

    /** Runs {@code task} on the server's loop and waits: for tests in this package. */
    <T> T onLoop(java.util.concurrent.Callable<T> task) {
        return loop.submit(task).join();
    }

    /** The engine state: for tests in this package, on the loop thread only. */
    ServerState state() {
        return state;
    }

    /** One active expiry cycle now, on the loop: for tests in this package. */
    long runActiveExpiryCycle() {
        return onLoop(activeExpiry::cycle);
    }

    private void scheduleCron() {
        cron = loop.callLater(Duration.ofMillis(1000L / state.hz), this::cronTick);
    }

    /**
     * Redis's serverCron, reduced: active expiry, idle clients, the ops/sec
     * sample and the save rules. The next tick is scheduled even if this one
     * throws (the loop logs the error): one failure must not end active expiry
     * and the save rules for the server's lifetime. A tick that falls in a
     * DEBUG SLEEP or MIGRATE pause runs when the pause ends, as Redis's cron
     * runs late after its main thread was blocked.
     */
    private void cronTick() {
        if (stopping) {
            return;
        }
        try {
            state.access.tick(state.now());
            if (state.pause.active()) {
                state.pause.afterPause(this::cronWork);
            } else {
                cronWork();
            }
        } finally {
            scheduleCron();
        }
    }

    private void cronWork() {
        if (stopping || state.cronPaused) {
            return;
        }
        long now = state.now();
        if (state.activeExpireEnabled) {
            activeExpiry.cycle();
        }
        idleClients.closeIdle();
        state.stats.sample(now);
        state.persistence.cron();
    }

    private void stopOnLoop() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (cron != null) {
            cron.cancel();
        }
        listeners.close();
        if (state.persistence.bgsave != null) {
            state.persistence.bgsave.abort(); // its temporary file goes; the last complete file stays
        }
        if (state.cow != null) {
            state.cow.abort(); // a BGREWRITEAOF's snapshot
        }
        if (state.aof != null) {
            state.aof.close(); // what is written is fsynced, as Redis's prepareForShutdown does
        }
        for (Client c : new ArrayList<>(state.clients.values())) {
            state.blocking.unblock(c);
            c.disconnect();
        }
        LOG.log(System.Logger.Level.DEBUG, "aioj-server on {0} stopped", listeners.toString());
        if (ownsLoop) {
            loop.shutdownGracefully().whenComplete((v, e) -> closed.complete(null));
        } else {
            listeners.waitClosed().whenComplete((v, e) -> closed.complete(null));
        }
    }
}
