package dev.aioj.redis;

import dev.aioj.redis.jfr.CacheAccessEvent;
import dev.aioj.redis.jfr.CommandTimeoutEvent;
import dev.aioj.redis.jfr.ConnectEvent;
import dev.aioj.redis.jfr.HandshakeEvent;
import dev.aioj.redis.jfr.PipelineFlushEvent;
import dev.aioj.redis.jfr.ProtocolErrorEvent;
import dev.aioj.redis.jfr.ReconnectEvent;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Where a connection reports what it does, to JFR ({@code dev.aioj.redis.jfr})
 * and to the user's {@link RedisObserver}: one per connection (and one per
 * {@link ClientCache}, for its reads), so the caller's code calls one method
 * per event and knows neither.
 *
 * <p>Cost when nobody listens: a command is reported only if {@link
 * #observer} is not null, which the caller checks; a batch costs a JFR
 * {@code isEnabled()} on an event the JIT removes, and the same null check;
 * so does a read through the cache. Connection events are rare and always
 * built.
 *
 * <p>Thread contract: {@link #commandSubmitted} and {@link #cacheAccessed}
 * on the calling thread; everything else on the connection's loop thread. An observer that throws
 * is logged, never allowed to fail a command or break the connection.
 */
final class Telemetry {

    private static final System.Logger LOG = System.getLogger(Telemetry.class.getName());

    /** The user's observer, or null: the field callers check before {@link #commandSubmitted}. */
    final RedisObserver observer;
    final RedisEndpoint endpoint;
    private final String endpointName;

    // Loop thread only: the connect in progress.
    private ConnectEvent connectEvent;
    private HandshakeEvent handshakeEvent;
    private long dialStart;
    private long greetStart;
    private int attempt;

    Telemetry(RedisEndpoint endpoint, RedisObserver observer) {
        this.endpoint = endpoint;
        this.endpointName = endpoint.toString();
        this.observer = observer;
    }

    // ---------------------------------------------------------------- commands (observer only)

    /**
     * Reports {@code command} started and watches its future for the outcome.
     * Call only when {@link #observer} is not null.
     */
    void commandSubmitted(Command<?> command) {
        String name = observedName(command);
        Object context;
        try {
            context = observer.commandStarted(endpoint, name);
        } catch (RuntimeException e) {
            report("commandStarted", e);
            context = null;
        }
        command.future.whenComplete(new Outcome(this, name, context, System.nanoTime()));
    }

    private static String observedName(Command<?> command) {
        return command instanceof TransactionCommand ? "MULTI" : command.name().toUpperCase(Locale.ROOT);
    }

    /** The completion callback of one observed command. */
    private record Outcome(Telemetry telemetry, String name, Object context, long start)
            implements BiConsumer<Object, Throwable> {

        @Override
        public void accept(Object result, Throwable error) {
            long nanos = System.nanoTime() - start;
            RedisObserver observer = telemetry.observer;
            try {
                if (error == null) {
                    observer.commandSucceeded(telemetry.endpoint, name, nanos, context);
                } else {
                    observer.commandFailed(telemetry.endpoint, name, nanos, error, context);
                }
            } catch (RuntimeException e) {
                telemetry.report(error == null ? "commandSucceeded" : "commandFailed", e);
            }
        }
    }

    /** A command's deadline passed. JFR only: the observer hears it as a failed command. */
    void commandTimedOut(Command<?> command, boolean written) {
        CommandTimeoutEvent event = new CommandTimeoutEvent();
        if (event.isEnabled()) {
            event.endpoint = endpointName;
            event.command = command.name();
            event.timeout = command.settings.timeoutNanos();
            event.written = written;
            event.commit();
        }
    }

    // ---------------------------------------------------------------- the write path

    /** The loop wrote {@code commands} commands in {@code bytes} bytes, one write. */
    void batchWritten(int commands, long bytes) {
        PipelineFlushEvent event = new PipelineFlushEvent();
        if (event.isEnabled()) {
            event.endpoint = endpointName;
            event.commands = commands;
            event.bytes = bytes;
            event.commit();
        }
        if (observer != null) {
            try {
                observer.batchWritten(endpoint, commands, bytes);
            } catch (RuntimeException e) {
                report("batchWritten", e);
            }
        }
    }

    // ---------------------------------------------------------------- the client-side cache

    /** A read went through the client-side cache: answered locally ({@code hit}) or not. Any thread. */
    void cacheAccessed(String command, boolean hit) {
        CacheAccessEvent event = new CacheAccessEvent();
        if (event.isEnabled()) {
            event.endpoint = endpointName;
            event.command = command;
            event.hit = hit;
            event.commit();
        }
        if (observer != null) {
            try {
                observer.cacheAccessed(endpoint, command, hit);
            } catch (RuntimeException e) {
                report("cacheAccessed", e);
            }
        }
    }

    /**
     * The server's invalidations dropped {@code entries} cached replies. The
     * observer only: JFR has them in the cache's periodic statistics. Loop thread.
     */
    void cacheInvalidated(long entries) {
        if (observer != null) {
            try {
                observer.cacheInvalidated(endpoint, entries);
            } catch (RuntimeException e) {
                report("cacheInvalidated", e);
            }
        }
    }

    // ---------------------------------------------------------------- connecting

    /** Dialing starts: try {@code attempt} (0 for the first connection). */
    void dialing(int attempt) {
        this.attempt = attempt;
        dialStart = System.nanoTime();
        connectEvent = new ConnectEvent();
        connectEvent.begin();
    }

    /** The socket is open, or could not be opened ({@code error} not null). */
    void dialed(Throwable error) {
        ConnectEvent event = connectEvent;
        connectEvent = null;
        if (event != null) {
            event.end();
            if (event.shouldCommit()) {
                event.endpoint = endpointName;
                event.attempt = attempt;
                event.error = describe(error);
                event.commit();
            }
        }
        if (error != null) {
            connectFailed(error);
            return;
        }
        greetStart = System.nanoTime();
        handshakeEvent = new HandshakeEvent();
        handshakeEvent.begin();
    }

    /** The greeting ended: the connection is ready with {@code protocol}, or refused ({@code error}). */
    void greeted(int protocol, Throwable error) {
        long now = System.nanoTime();
        HandshakeEvent event = handshakeEvent;
        handshakeEvent = null;
        if (event != null) {
            event.end();
            if (event.shouldCommit()) {
                event.endpoint = endpointName;
                event.database = endpoint.database();
                event.protocol = error == null ? protocol : 0;
                event.attempt = attempt;
                event.error = describe(error);
                event.commit();
            }
        }
        if (error != null) {
            connectFailed(error);
        } else if (observer != null) {
            try {
                observer.connected(endpoint, protocol, greetStart - dialStart, now - greetStart, attempt);
            } catch (RuntimeException e) {
                report("connected", e);
            }
        }
    }

    private void connectFailed(Throwable error) {
        if (observer != null) {
            try {
                observer.connectFailed(endpoint, attempt, error);
            } catch (RuntimeException e) {
                report("connectFailed", e);
            }
        }
    }

    /** A connection that was up went away; {@code cause} null for a close that was asked for. */
    void disconnected(Throwable cause) {
        if (cause instanceof RedisProtocolException protocolError) {
            ProtocolErrorEvent event = new ProtocolErrorEvent();
            if (event.isEnabled()) {
                event.endpoint = endpointName;
                event.message = protocolError.getMessage();
                event.position = protocolError.position();
                event.commit();
            }
        }
        if (observer != null) {
            try {
                observer.disconnected(endpoint, cause);
            } catch (RuntimeException e) {
                report("disconnected", e);
            }
        }
    }

    /** Reconnect try {@code attempt} (from 1) will start in {@code delay}. */
    void reconnectScheduled(int attempt, Duration delay, Throwable cause) {
        ReconnectEvent event = new ReconnectEvent();
        if (event.isEnabled()) {
            event.endpoint = endpointName;
            event.attempt = attempt;
            event.delay = delay.toNanos();
            event.cause = describe(cause);
            event.commit();
        }
        if (observer != null) {
            try {
                observer.reconnectScheduled(endpoint, attempt, delay, cause);
            } catch (RuntimeException e) {
                report("reconnectScheduled", e);
            }
        }
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return null;
        }
        String message = error.getMessage();
        return message == null ? error.getClass().getName() : error.getClass().getSimpleName() + ": " + message;
    }

    private void report(String method, RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "RedisObserver." + method + " threw for " + endpointName
                + " (ignored)", e);
    }
}
