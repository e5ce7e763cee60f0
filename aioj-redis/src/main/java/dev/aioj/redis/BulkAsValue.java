package dev.aioj.redis;

import dev.aioj.redis.resp.RespValue;

/**
 * A {@link Reply} whose result for a top-level bulk string is that string
 * decoded by the command's codec, and nothing else: {@link Reply#OBJECT} and
 * {@link Reply#value()} (GET and the like). A command with such a reply has
 * its bulk reply decoded straight from the parser's buffer ({@link
 * Command#takesBulk}), with no intermediate array or {@code RespValue.Bulk};
 * any other reply goes through {@link #convert} as usual.
 *
 * <p>Thread contract: stateless.
 */
final class BulkAsValue<T> implements Reply<T> {

    private final Reply<T> conversion;

    BulkAsValue(Reply<T> conversion) {
        this.conversion = conversion;
    }

    @Override
    public T convert(RespValue value, Codec<?> codec) {
        return conversion.convert(value, codec);
    }
}
