package dev.aioj.redis;

/**
 * The root of every failure aioj-redis reports, so a caller can catch one type
 * and still switch exhaustively on what went wrong:
 *
 * <pre>
 * switch (e) {
 *     case RedisReplyException r      -&gt; ...  // the server said no; the connection goes on
 *     case RedisProtocolException p   -&gt; ...  // the byte stream is broken; the connection was dropped
 *     case RedisConnectionException c -&gt; ...  // the connection was lost or could not be made
 *     case RedisTimeoutException t    -&gt; ...  // no reply within the command's deadline
 *     case RedisQueueFullException q  -&gt; ...  // too many commands pending: slow down
 *     case RedisClusterException k    -&gt; ...  // a cluster command found no owner for its slot
 * }
 * </pre>
 *
 * <p>Unchecked, like every exception that completes a future: callers meet it
 * wrapped in a {@code CompletionException} or through {@code exceptionally}.
 * The hierarchy is sealed: a new kind of failure is a new permitted subclass,
 * and the build shows every switch that must handle it.
 */
public abstract sealed class RedisException extends RuntimeException
        permits RedisReplyException, RedisProtocolException, RedisConnectionException, RedisTimeoutException,
        RedisQueueFullException, RedisClusterException {

    RedisException(String message, Throwable cause) {
        super(message, cause);
    }
}
