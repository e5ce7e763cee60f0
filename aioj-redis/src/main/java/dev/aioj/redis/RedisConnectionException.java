package dev.aioj.redis;

/**
 * The connection to the server could not be made, or was lost while the
 * command was pending. {@link #endpoint()} names the server;
 * {@link #mayHaveExecuted()} tells whether the command had already been
 * written, so the server may have run it: a caller retries a non-idempotent
 * command (INCR, LPUSH) only when this is {@code false}.
 */
public final class RedisConnectionException extends RedisException {

    private final String endpoint;
    private final boolean mayHaveExecuted;

    /**
     * @param message         what happened
     * @param endpoint        the server, e.g. {@code "127.0.0.1:6379"} or {@code "unix:/run/redis.sock"}
     * @param mayHaveExecuted whether the command had been written before the connection broke
     * @param cause           the underlying I/O error, or {@code null}
     */
    public RedisConnectionException(String message, String endpoint, boolean mayHaveExecuted, Throwable cause) {
        super(message, cause);
        if (endpoint == null) throw new IllegalArgumentException("endpoint is null");
        this.endpoint = endpoint;
        this.mayHaveExecuted = mayHaveExecuted;
    }

    /** The server this connection talks to. */
    public String endpoint() {
        return endpoint;
    }

    /** Whether the command reached the socket before the failure, so the server may have executed it. */
    public boolean mayHaveExecuted() {
        return mayHaveExecuted;
    }
}
