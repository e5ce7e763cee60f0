package dev.aioj.redis;

import dev.aioj.redis.resp.BulkSink;

/**
 * Decodes a bulk reply with the codec of the command at the head of the
 * FIFO, straight from the parser's read buffer: no intermediate array, no
 * {@code RespValue.Bulk}. One per pipeline, reused for every reply. A codec's
 * null or exception becomes a sentinel, so the parser never mistakes it for
 * "need more bytes" or a broken stream.
 *
 * <p>Thread contract: loop thread only.
 */
final class BulkDecoder implements BulkSink {

    /** Stands for a codec's null (the parser's null means "need more bytes"). */
    static final Object NULL = new Object();

    /** The codec threw: that command fails, the connection goes on. */
    record Failure(RuntimeException error) {}

    /** Set by the pipeline before each reply: the head command's codec. */
    Codec<?> codec;

    @Override
    public Object bulk(byte[] buffer, int offset, int length) {
        try {
            Object decoded = codec.decode(buffer, offset, length);
            return decoded == null ? NULL : decoded;
        } catch (RuntimeException e) {
            return new Failure(e);
        }
    }
}
