package dev.aioj.redis.resp;

/**
 * The bytes are not valid RESP: a type byte RESP does not know, a length that
 * is not a number, a line without its CRLF, or (the subclass {@link
 * RespLimitException}) a value larger than the {@link RespLimits} allow.
 * Thrown by {@link RespParser}, which is then broken for good: nobody can
 * tell where the next value begins. The codec's own type, so that any RESP
 * peer (a client, a server) can use the parser; aioj's client turns it into
 * its {@code RedisProtocolException}.
 *
 * <p>{@link #position()} and {@link #offendingByte()} say where and what.
 */
public sealed class RespProtocolException extends RuntimeException permits RespLimitException {

    private final long position;
    private final int offendingByte;

    /**
     * @param message       what is wrong, in words
     * @param position      offset of the offending byte in the byte stream, counted from the first byte
     *                      ever fed ({@code >= 0})
     * @param offendingByte the unexpected byte (0..255), or -1 when no single byte is to blame
     */
    public RespProtocolException(String message, long position, int offendingByte) {
        super(message);
        if (position < 0) throw new IllegalArgumentException("position < 0: " + position);
        if (offendingByte < -1 || offendingByte > 255) {
            throw new IllegalArgumentException("offendingByte not in -1..255: " + offendingByte);
        }
        this.position = position;
        this.offendingByte = offendingByte;
    }

    /** Offset in the byte stream where the problem was found. */
    public long position() {
        return position;
    }

    /** The byte that did not fit (0..255), or -1 when no single byte is to blame. */
    public int offendingByte() {
        return offendingByte;
    }
}
