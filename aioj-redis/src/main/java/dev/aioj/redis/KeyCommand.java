package dev.aioj.redis;

import dev.aioj.redis.resp.RespEncoder;
import dev.aioj.redis.resp.RespOutput;

/**
 * A command of one key, or a key and a value (GET, INCR, DEL k, SET k v, ...),
 * held in fields: no argument array per command, on the commands sent most.
 *
 * <p>Thread contract: as {@link Command}.
 */
final class KeyCommand<T> extends Command<T> {

    /** Marks a command without a value argument. */
    static final Object NO_VALUE = new Object();

    private final String name;
    private final Object key;
    private final Object value;

    KeyCommand(String name, Object key, Object value, Reply<T> reply, CommandSettings settings) {
        super(reply, settings);
        this.name = name;
        this.key = key;
        this.value = value;
    }

    @Override
    void encode(RespOutput out) {
        if (value == NO_VALUE) {
            RespEncoder.encodeCommand(out, name, key);
        } else {
            RespEncoder.encodeCommand(out, name, key, value);
        }
    }

    @Override
    String name() {
        return name;
    }
}
