package dev.aioj.redis;

/**
 * A command was refused because the connection already holds {@link #limit()}
 * commands submitted and not yet answered ({@link RedisOptions#maxPending}).
 * Nothing was sent: the caller may retry later. A producer that outruns the
 * server gets this instead of filling the heap.
 */
public final class RedisQueueFullException extends RedisException {

    private final long limit;

    /** @param limit the pending-command limit that was reached */
    public RedisQueueFullException(long limit) {
        super(limit + " commands are already pending on this connection (RedisOptions.maxPending)", null);
        this.limit = limit;
    }

    /** The limit that was reached. */
    public long limit() {
        return limit;
    }
}
