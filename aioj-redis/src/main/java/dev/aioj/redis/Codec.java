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
    Codec<String> STRING = bytes -> new String(bytes, StandardCharsets.UTF_8);

    /** Raw bytes, as sent by the server. */
    Codec<byte[]> BYTES = bytes -> bytes;

    /** Decodes one bulk string. {@code bytes} is owned by the caller from now on. */
    V decode(byte[] bytes);
}
