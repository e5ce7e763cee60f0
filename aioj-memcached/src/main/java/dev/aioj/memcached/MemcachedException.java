package dev.aioj.memcached;

/**
 * The root of every failure aioj-memcached reports, sealed so a caller can
 * switch on what went wrong:
 *
 * <pre>
 * switch (e) {
 *     case MemcachedReplyException r      -&gt; ...  // the server said no (CLIENT_ERROR, SERVER_ERROR); the connection goes on
 *     case MemcachedProtocolException p   -&gt; ...  // malformed reply or a desync; the connection was recycled
 *     case MemcachedConnectionException c -&gt; ...  // no connection, lost, or the server is marked down
 *     case MemcachedTimeoutException t    -&gt; ...  // no reply within the request's deadline
 *     case MemcachedOverloadedException o -&gt; ...  // too many requests in flight on that server: slow down
 * }
 * </pre>
 *
 * <p>Unchecked: callers meet it wrapped in a {@code CompletionException} or
 * through {@code exceptionally}; the blocking view throws it unwrapped.
 */
public abstract sealed class MemcachedException extends RuntimeException
        permits MemcachedReplyException, MemcachedProtocolException, MemcachedConnectionException,
        MemcachedTimeoutException, MemcachedOverloadedException {

    private final String server;

    MemcachedException(String message, String server, Throwable cause) {
        super(message, cause);
        this.server = server;
    }

    /** The server the request went to, {@code host:port}; {@code null} when none was chosen yet. */
    public String server() {
        return server;
    }
}
