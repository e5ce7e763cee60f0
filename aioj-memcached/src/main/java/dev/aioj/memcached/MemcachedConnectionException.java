package dev.aioj.memcached;

/**
 * There was no usable connection to the server, or it was lost while the
 * request was pending. {@link #mayHaveExecuted()} tells whether the request
 * had been written: a request that was never written surely did not run and
 * may be retried (it will be routed to the next server if this one is
 * {@linkplain #serverDown() marked down}); one that was written may have run
 * (aioj never writes it twice: at most once).
 */
public final class MemcachedConnectionException extends MemcachedException {

    private final boolean mayHaveExecuted;
    private final boolean serverDown;

    /**
     * @param message         what happened
     * @param server          the server's {@code host:port}
     * @param mayHaveExecuted whether the request had been written before the failure
     * @param serverDown      whether the server is marked down (its keys go to the next server meanwhile)
     * @param cause           the underlying I/O error, or {@code null}
     */
    public MemcachedConnectionException(String message, String server, boolean mayHaveExecuted, boolean serverDown,
            Throwable cause) {
        super(message, server, cause);
        this.mayHaveExecuted = mayHaveExecuted;
        this.serverDown = serverDown;
    }

    /** Whether the request reached the socket before the failure, so the server may have executed it. */
    public boolean mayHaveExecuted() {
        return mayHaveExecuted;
    }

    /** Whether the server was marked down when this was raised. */
    public boolean serverDown() {
        return serverDown;
    }
}
