package dev.aioj.redis;

import dev.aioj.redis.resp.RespLimitException;
import dev.aioj.redis.resp.RespProtocolException;

/**
 * The bytes from the server are not valid RESP: a type byte RESP does not
 * know, a length that is not a number, a line without its CRLF, or (the
 * subclass {@link RedisLimitExceededException}) a value larger than the
 * parser's limits allow.
 *
 * <p>This is fatal for the connection: the parser can no longer tell where the
 * next reply begins, so the connection closes and every pending command fails.
 * {@link #position()} and {@link #offendingByte()} say where and what, for the
 * bug report.
 */
public sealed class RedisProtocolException extends RedisException permits RedisLimitExceededException {

    private final long position;
    private final int offendingByte;

    /**
     * @param message       what is wrong, in words
     * @param position      offset of the offending byte in the connection's byte
     *                      stream, counted from the first byte ever fed ({@code >= 0})
     * @param offendingByte the unexpected byte (0..255), or -1 when no single byte is to blame
     */
    public RedisProtocolException(String message, long position, int offendingByte) {
        this(message, position, offendingByte, null);
    }

    RedisProtocolException(String message, long position, int offendingByte, Throwable cause) {
        super(message, cause);
        if (position < 0) throw new IllegalArgumentException("position < 0: " + position);
        if (offendingByte < -1 || offendingByte > 255) {
            throw new IllegalArgumentException("offendingByte not in -1..255: " + offendingByte);
        }
        this.position = position;
        this.offendingByte = offendingByte;
    }

    /** Offset in the connection's byte stream where the problem was found. */
    public long position() {
        return position;
    }

    /** The byte that did not fit (0..255), or -1 when no single byte is to blame. */
    public int offendingByte() {
        return offendingByte;
    }

    /** The client's exception for the codec's: a limit stays a {@link RedisLimitExceededException}. */
    static RedisProtocolException from(RespProtocolException e) {
        return e instanceof RespLimitException limit ? new RedisLimitExceededException(limit)
                : new RedisProtocolException(e.getMessage(), e.position(), e.offendingByte(), e);
    }
}
