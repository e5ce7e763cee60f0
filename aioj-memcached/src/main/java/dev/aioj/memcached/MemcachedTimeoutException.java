package dev.aioj.memcached;

import java.time.Duration;
import java.util.Objects;

/**
 * A request got no reply within its deadline ({@link MemcachedOptions#timeout},
 * default 1 s). The connection goes on: a late reply is read and dropped,
 * never handed to another request (its opaque token names it). {@link
 * #written()} tells whether the request had reached the socket, so the server
 * may still execute it.
 */
public final class MemcachedTimeoutException extends MemcachedException {

    private final String command;
    private final Duration timeout;
    private final boolean written;

    /**
     * @param command the meta command, e.g. {@code "mg"}
     * @param timeout the deadline that passed
     * @param written whether the request had been written to the socket
     * @param server  the server's {@code host:port}
     */
    public MemcachedTimeoutException(String command, Duration timeout, boolean written, String server) {
        super(Objects.requireNonNull(command, "command") + " to " + server + " got no reply within "
                + Objects.requireNonNull(timeout, "timeout").toMillis() + " ms"
                + (written ? "" : " (never written: the connection was not ready)"), server, null);
        this.command = command;
        this.timeout = timeout;
        this.written = written;
    }

    /** The meta command: {@code mg}, {@code ms}, {@code md}, {@code ma} or {@code mn}. */
    public String command() {
        return command;
    }

    /** The deadline that passed. */
    public Duration timeout() {
        return timeout;
    }

    /** Whether the request had been written, so the server may have executed it. */
    public boolean written() {
        return written;
    }
}
