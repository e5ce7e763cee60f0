package dev.aioj.redis;

import dev.aioj.redis.resp.RespEncoder;
import dev.aioj.redis.resp.RespOutput;

/**
 * A command of one key (GET, INCR, DEL k, ...), held in fields: no argument
 * array per command, on the commands sent most. {@link KeyValueCommand} is
 * its sibling with a value (SET k v): the commands without one do not carry
 * its field (8 bytes less per GET, measured with {@code AllocationSplit}).
 *
 * <p>Thread contract: as {@link Command}.
 */
final class KeyCommand<T> extends Command<T> {

    private final String name;
    private final Object key;

    KeyCommand(String name, Object key, Reply<T> reply, CommandSettings settings) {
        super(reply, settings);
        this.name = name;
        this.key = key;
    }

    @Override
    void encode(RespOutput out) {
        RespEncoder.encodeCommand(out, name, key);
    }

    @Override
    String name() {
        return name;
    }
}
