package dev.aioj.memcached;

import java.util.concurrent.CompletableFuture;

/**
 * {@code ma <key> D<delta> [MD] v}, with {@code N<ttl> J<initial>} to create a
 * missing counter (auto-vivify). memcached counters are unsigned 64-bit:
 * incr wraps at 2^64, decr stops at 0.
 */
final class ArithmeticRequest extends FutureRequest<Long> {

    private final String key;
    private final boolean decrement;
    private final long delta;
    private final long initial;
    private final long vivifyTtl; // -1: do not create

    ArithmeticRequest(String key, boolean decrement, long delta, long initial, long vivifyTtl,
            CompletableFuture<Long> future) {
        super(future);
        this.key = key;
        this.decrement = decrement;
        this.delta = delta;
        this.initial = initial;
        this.vivifyTtl = vivifyTtl;
    }

    @Override
    String command() {
        return "ma";
    }

    @Override
    void encode(RequestBuffer out, int opaque) {
        out.command("ma", key);
        if (vivifyTtl >= 0) {
            out.flag('N', vivifyTtl).flag('J').unsigned(initial);
        }
        out.flag('D').unsigned(delta);
        if (decrement) {
            out.flag('M').ascii("D");
        }
        out.flag('v').flag('O', opaque).crlf();
    }

    @Override
    void complete(MetaReply reply, String server) {
        future.complete(switch (reply.status) {
            case VALUE -> parseCounter(reply.value, server);
            case NOT_FOUND -> null;
            case OK, MISS, NOT_STORED, EXISTS, NOOP, DEBUG, ERROR -> throw unexpected(reply, server);
        });
    }

    /** The counter's decimal text, unsigned 64 bits, as a long's bits. */
    private static Long parseCounter(byte[] text, String server) {
        if (text.length == 0 || text.length > 20) {
            throw new MemcachedProtocolException("counter value of " + text.length + " bytes", -1, server);
        }
        long v = 0;
        for (byte b : text) {
            int d = b - '0';
            if (d < 0 || d > 9) {
                throw new MemcachedProtocolException("counter value is not a number", -1, server);
            }
            long next = v * 10 + d;
            if (Long.compareUnsigned(v, 1844674407370955161L) > 0 || Long.compareUnsigned(next, v) < 0) {
                throw new MemcachedProtocolException("counter value above 2^64-1", -1, server);
            }
            v = next;
        }
        return v;
    }
}
