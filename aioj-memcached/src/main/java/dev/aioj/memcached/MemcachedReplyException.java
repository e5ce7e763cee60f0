package dev.aioj.memcached;

import java.util.Objects;

/**
 * The server refused one request with an error line: {@code CLIENT_ERROR}
 * (e.g. "cannot increment or decrement non-numeric value"), {@code
 * SERVER_ERROR} (e.g. "object too large for cache": the value passes the
 * server's item size limit, {@code -I}) or a bare {@code ERROR}. Only that
 * request fails; the connection goes on.
 */
public final class MemcachedReplyException extends MemcachedException {

    /** Which error line the server sent. */
    public enum Kind { ERROR, CLIENT_ERROR, SERVER_ERROR }

    private final Kind kind;
    private final String serverMessage;

    /**
     * @param kind          the error line's kind
     * @param serverMessage the server's text after the kind, e.g. {@code "object too large for cache"}
     * @param server        the server's {@code host:port}
     */
    public MemcachedReplyException(Kind kind, String serverMessage, String server) {
        super(Objects.requireNonNull(kind, "kind") + (serverMessage == null || serverMessage.isEmpty() ? ""
                : " " + serverMessage) + " (from " + server + ")", server, null);
        this.kind = kind;
        this.serverMessage = serverMessage == null ? "" : serverMessage;
    }

    /** The error line's kind. */
    public Kind kind() {
        return kind;
    }

    /** The server's text after the kind; empty for a bare {@code ERROR}. */
    public String serverMessage() {
        return serverMessage;
    }
}
