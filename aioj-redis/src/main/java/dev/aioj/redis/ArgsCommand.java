package dev.aioj.redis;

import dev.aioj.redis.resp.RespEncoder;
import dev.aioj.redis.resp.RespOutput;
import java.nio.charset.StandardCharsets;

/**
 * A command given as an argument array (name first): what {@code execute}
 * and most typed commands send.
 *
 * <p>Thread contract: as {@link Command}.
 */
class ArgsCommand<T> extends Command<T> {

    final Object[] args;

    ArgsCommand(Object[] args, Reply<T> reply, CommandSettings settings) {
        super(reply, settings);
        this.args = args;
    }

    @Override
    void encode(RespOutput out) {
        RespEncoder.encodeCommand(out, args);
    }

    @Override
    String name() {
        Object first = args.length > 0 ? args[0] : "";
        return first instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(first);
    }
}
