package dev.aioj.redis.resp;

/**
 * Where {@link RespParser#next(FrameHandler)} puts each complete top-level
 * value: one typed callback per kind of result, instead of a bare return
 * value to be told apart. A handler that {@linkplain #takesBulk takes bulk
 * strings} gets a top-level bulk string as a slice of the parser's buffer (no
 * copy, no {@link RespValue.Bulk}), so a client can decode a GET's reply
 * straight into its final form; every other value, a null bulk string
 * included, comes as a {@link RespValue}.
 *
 * <p>The parser calls the handler after it has consumed the frame: an
 * exception from the handler reaches the caller of {@code next} and leaves
 * the parser usable.
 *
 * <p>Thread contract: called on the thread that calls {@code next}.
 */
public interface FrameHandler {

    /** A complete top-level value. */
    void value(RespValue value);

    /**
     * Whether the next top-level bulk string, if that is what comes, goes to
     * {@link #bulk} instead of {@link #value}. Asked once per frame, before it
     * is built.
     */
    default boolean takesBulk() {
        return false;
    }

    /**
     * A top-level bulk string, {@code buffer[offset, offset + length)}. The
     * bytes are valid only during the call: copy what is kept. Called only
     * when {@link #takesBulk} said yes.
     */
    default void bulk(byte[] buffer, int offset, int length) {
        value(new RespValue.Bulk(java.util.Arrays.copyOfRange(buffer, offset, offset + length)));
    }
}
