package dev.aioj.memcached;

/**
 * The server's byte stream cannot be trusted: a malformed reply line, a
 * declared length over the limit, a value not followed by CRLF, or a desync
 * (a reply whose opaque token is not the one the oldest waiting request
 * sent). The connection is dropped and rebuilt; every request that was in
 * flight on it fails with this exception and may have been executed.
 * {@link #offset()} is how far into the offending reply line the parser got,
 * or -1 when the problem is not in one line (a desync).
 */
public final class MemcachedProtocolException extends MemcachedException {

    private final int offset;

    /**
     * @param message what is wrong, naming the bad value
     * @param offset  byte offset in the reply line, or -1
     * @param server  the server the bytes came from
     */
    public MemcachedProtocolException(String message, int offset, String server) {
        super(message + " (from " + server + ")", server, null);
        this.offset = offset;
    }

    /** Byte offset in the reply line where parsing failed, or -1. */
    public int offset() {
        return offset;
    }
}
