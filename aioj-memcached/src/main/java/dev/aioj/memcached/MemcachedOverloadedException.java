package dev.aioj.memcached;

/**
 * A request was refused at once because its server's connection already has
 * {@link #limit()} requests in flight ({@link MemcachedOptions#maxInFlight},
 * default 1,000). Nothing was sent: the caller may retry later. A producer
 * that outruns the server gets this instead of filling the heap or blocking.
 */
public final class MemcachedOverloadedException extends MemcachedException {

    private final int limit;

    /**
     * @param limit  the in-flight bound that was reached
     * @param server the server's {@code host:port}
     */
    public MemcachedOverloadedException(int limit, String server) {
        super(limit + " requests are already in flight to " + server + " (MemcachedOptions.maxInFlight)", server,
                null);
        this.limit = limit;
    }

    /** The bound that was reached. */
    public int limit() {
        return limit;
    }
}
