package dev.aioj.redis.resp;

/**
 * Takes a complete top-level bulk string (the usual reply to GET) straight
 * from the parser's buffer, so that a client can decode it into its final form
 * without an intermediate array or {@link RespValue.Bulk}. The bytes are valid
 * only during the call: copy what is kept.
 *
 * <p>Thread contract: called on the parser's (loop) thread.
 */
@FunctionalInterface
public interface BulkSink {

    /** Decodes {@code buffer[offset, offset + length)}; must not return null or a {@link RespValue}. */
    Object bulk(byte[] buffer, int offset, int length);
}
