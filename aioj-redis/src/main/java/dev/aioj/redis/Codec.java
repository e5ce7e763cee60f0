package dev.aioj.redis;

import java.nio.charset.StandardCharsets;

/**
 * How bulk strings in replies become Java values: the seed's {@code
 * encoding}. {@link #STRING} decodes UTF-8 text (the default, as in Lettuce);
 * {@link #BYTES} keeps the raw bytes (aioredis' default, for binary values).
 *
 * <p>Thread contract: implementations must be stateless and thread-safe; they
 * run on the connection's loop thread.
 *
 * @param <V> the type bulk strings decode to
 */
@FunctionalInterface
public interface Codec<V> {

    /** UTF-8 text. */
    Codec<String> STRING = new Codec<>() {
        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] buffer, int offset, int length) {
            return new String(buffer, offset, length, StandardCharsets.UTF_8); // one copy, not two
        }
    };

    /** Raw bytes, as sent by the server. */
    Codec<byte[]> BYTES = bytes -> bytes;

    /** Decodes one bulk string. {@code bytes} is owned by the codec from now on. */
    V decode(byte[] bytes);

    /**
     * Decodes {@code buffer[offset, offset + length)}, a reply still in the
     * connection's read buffer (valid only during the call). The default
     * copies it out and calls {@link #decode(byte[])}; a codec that builds
     * its value from a range (like {@link #STRING}) can skip that copy.
     */
    default V decode(byte[] buffer, int offset, int length) {
        return decode(java.util.Arrays.copyOfRange(buffer, offset, offset + length));
    }
}
