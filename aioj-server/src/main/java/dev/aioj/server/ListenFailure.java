package dev.aioj.server;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A listener that could not be opened at start: which (TCP, TLS or the unix
 * socket), where, and the system's reason as the cause. The message is for
 * Java users ("cannot listen on 127.0.0.1:6379 (TCP): Address already in
 * use"); {@link #redisLine()} is what redis-server logs before it exits.
 */
final class ListenFailure extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String where;
    private final int port;

    ListenFailure(String kind, String where, int port, IOException cause) {
        super("cannot listen on " + where + " (" + kind + "): " + cause.getMessage(), cause);
        this.kind = kind;
        this.where = where;
        this.port = port;
    }

    /** "TCP", "TLS" or "unix". */
    String kind() {
        return kind;
    }

    /** host:port, or the socket's path. */
    String where() {
        return where;
    }

    /** Redis's log line for it. */
    String redisLine() {
        return kind.equals("unix") ? "Failed opening Unix socket: " + getCause().getMessage()
                : "Failed listening on port " + port + " (" + kind + "), aborting.";
    }
}
