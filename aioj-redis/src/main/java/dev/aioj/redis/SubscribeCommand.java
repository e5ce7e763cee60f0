package dev.aioj.redis;

import dev.aioj.redis.resp.RespValue;
import java.util.List;

/**
 * A (P|S)SUBSCRIBE or (P|S)UNSUBSCRIBE for named channels. The server answers
 * with one confirmation per channel (a push in RESP3, an array in RESP2) or
 * with one error for the whole command; this command takes those replies off
 * the FIFO and completes once all channels are confirmed.
 *
 * <p>Thread contract: as {@link Command}: encoded on the loop, or on its
 * caller's thread when the caller writes it on an idle connection; its
 * replies are taken on the loop thread.
 */
final class SubscribeCommand extends ArgsCommand<Void> {

    private final String kind; // "subscribe", "punsubscribe", ...
    private int confirmations;

    SubscribeCommand(String kind, List<String> names, long timeoutNanos) {
        super(args(kind, names), null, new CommandSettings(null, timeoutNanos));
        this.kind = kind;
        this.confirmations = names.size();
    }

    private static Object[] args(String kind, List<String> names) {
        Object[] args = new Object[names.size() + 1];
        args[0] = kind.toUpperCase(java.util.Locale.ROOT);
        for (int i = 0; i < names.size(); i++) {
            args[i + 1] = names.get(i);
        }
        return args;
    }

    @Override
    boolean acceptsPush(RespValue.Push push) {
        return isConfirmation(push.elements());
    }

    @Override
    boolean isLastReply(RespValue value) {
        return value instanceof RespValue.ErrorReply || confirmations <= 1;
    }

    @Override
    void onReply(RespValue value) {
        switch (value) {
            case RespValue.ErrorReply error -> completeExceptionally(new RedisReplyException(error.kind(), error.message()));
            case RespValue.Push push when isConfirmation(push.elements()) -> confirmed();
            case RespValue.Array array when isConfirmation(array.elements()) -> confirmed();
            default -> completeExceptionally(new IllegalStateException(
                    "expected a " + kind + " confirmation, got " + value));
        }
    }

    private void confirmed() {
        if (--confirmations <= 0) {
            complete(null);
        }
    }

    private boolean isConfirmation(List<RespValue> elements) {
        return !elements.isEmpty() && kind.equalsIgnoreCase(PubSub.text(elements.get(0)));
    }
}
