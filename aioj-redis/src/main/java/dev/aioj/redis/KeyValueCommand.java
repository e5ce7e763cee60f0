package dev.aioj.redis;

import dev.aioj.redis.resp.RespEncoder;
import dev.aioj.redis.resp.RespOutput;

/**
 * A command of one key and one value (SET k v, APPEND, LPUSH k v, ...), held
 * in fields like {@link KeyCommand}'s.
 *
 * <p>Thread contract: as {@link Command}.
 */
final class KeyValueCommand<T> extends Command<T> {

    private final String name;
    private final Object key;
    private final Object value;

    KeyValueCommand(String name, Object key, Object value, Reply<T> reply, CommandSettings settings) {
        super(reply, settings);
        this.name = name;
        this.key = key;
        this.value = value;
    }

    @Override
    void encode(RespOutput out) {
        RespEncoder.encodeCommand(out, name, key, value);
    }

    @Override
    String name() {
        return name;
    }
}
