package dev.aioj.redis;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Hears what a connection does: commands started and finished, connections
 * made, lost and rebuilt, pipelined batches written. Register one with
 * {@link RedisOptions.Builder#observer}; the optional modules aioj-micrometer
 * and aioj-opentelemetry are observers, and {@link #all} combines several.
 * Every method has an empty default, so an observer overrides what it wants.
 *
 * <p>With no observer registered a connection pays one null check per
 * command and per batch and allocates nothing. With one, each command costs
 * the observer's own work plus one small completion callback.
 *
 * <p>Command names are upper case ({@code GET}, {@code MULTI} for a
 * transaction); arguments are never passed, as they may hold secrets.
 *
 * <p>Thread contract: {@link #commandStarted} runs on the thread that
 * submitted the command; {@link #commandSucceeded} and {@link
 * #commandFailed} on the thread that completed it, usually the connection's
 * loop; everything else on the loop thread. Keep each call short and never
 * block in it. An exception an observer throws is logged and otherwise
 * ignored: it never fails a command or breaks a connection.
 */
public interface RedisObserver {

    /**
     * A command was submitted. Returns a context (a span, a timer sample)
     * handed back with the command's outcome, or null.
     */
    default Object commandStarted(RedisEndpoint endpoint, String command) {
        return null;
    }

    /** A command completed with a reply that is not an error. */
    default void commandSucceeded(RedisEndpoint endpoint, String command, long durationNanos, Object context) {}

    /**
     * A command failed: an error reply ({@link RedisReplyException}, whose
     * {@link #errorCode} is the server's prefix), a timeout, a lost or refused
     * connection, a reply its conversion could not take, or a cancellation.
     */
    default void commandFailed(RedisEndpoint endpoint, String command, long durationNanos, Throwable error,
            Object context) {}

    /**
     * A connection is up and greeted: {@code connectNanos} to open the socket
     * (and TLS), then {@code handshakeNanos} for HELLO/AUTH, SELECT and
     * SETNAME. {@code attempt} is 0 for the first connection, n for the n-th
     * try of a reconnect.
     */
    default void connected(RedisEndpoint endpoint, int protocol, long connectNanos, long handshakeNanos,
            int attempt) {}

    /** Opening or greeting a connection failed; {@code attempt} as in {@link #connected}. */
    default void connectFailed(RedisEndpoint endpoint, int attempt, Throwable error) {}

    /**
     * A connection that was up went away: lost by the network or the server,
     * dropped after a protocol error ({@link RedisProtocolException}) or a
     * dead peer, or closed ({@code cause} is then null).
     */
    default void disconnected(RedisEndpoint endpoint, Throwable cause) {}

    /** A reconnect was scheduled: try number {@code attempt} (from 1) in {@code delay}. */
    default void reconnectScheduled(RedisEndpoint endpoint, int attempt, Duration delay, Throwable cause) {}

    /** The loop wrote one pipelined batch: {@code commands} commands in {@code bytes} bytes, one write. */
    default void batchWritten(RedisEndpoint endpoint, int commands, long bytes) {}

    /** A read went through the client-side cache: answered from it ({@code hit}) or sent to the server. */
    default void cacheAccessed(RedisEndpoint endpoint, String command, boolean hit) {}

    /**
     * The server said keys changed (an {@code invalidate} message, or a flush's
     * null key list) and {@code entries} cached replies were dropped (at least
     * one: an invalidation of keys the cache does not hold is not reported).
     */
    default void cacheInvalidated(RedisEndpoint endpoint, long entries) {}

    /** One observer that calls each of {@code observers} in turn; null entries are skipped. */
    static RedisObserver all(RedisObserver... observers) {
        return ObserverList.of(observers);
    }

    /**
     * The server's error prefix if {@code error} is (or wraps) an error reply
     * ({@code WRONGTYPE}, {@code ERR}, {@code NOSCRIPT}), else null: OpenTelemetry's
     * {@code db.response.status_code}.
     */
    static String errorCode(Throwable error) {
        return unwrap(error) instanceof RedisReplyException reply ? reply.kind() : null;
    }

    /**
     * A low-cardinality name for what went wrong: the error prefix for an
     * error reply, {@code timeout} for a timeout, else the exception's class
     * name. OpenTelemetry's {@code error.type}.
     */
    static String errorType(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof RedisReplyException reply) {
            return reply.kind();
        }
        if (e instanceof RedisTimeoutException) {
            return "timeout";
        }
        return e == null ? "unknown" : e.getClass().getName();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
