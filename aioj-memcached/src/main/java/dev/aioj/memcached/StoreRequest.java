package dev.aioj.memcached;

import java.util.concurrent.CompletableFuture;

/** {@code ms <key> <length> T<ttl> F<flags> M<mode> [C<cas>] [I]}, then the value. */
final class StoreRequest extends FutureRequest<StoreResult> {

    private final String key;
    private final byte[] value;
    private final StoreMode mode;
    private final long ttl;
    private final int flags;
    private final long cas;
    private final boolean invalidate;

    /** @param cas 0 for none */
    StoreRequest(String key, byte[] value, StoreMode mode, long ttl, int flags, long cas, boolean invalidate,
            CompletableFuture<StoreResult> future) {
        super(future);
        this.key = key;
        this.value = value;
        this.mode = mode;
        this.ttl = ttl;
        this.flags = flags;
        this.cas = cas;
        this.invalidate = invalidate;
    }

    @Override
    String command() {
        return "ms";
    }

    @Override
    void encode(RequestBuffer out, int opaque) {
        out.command("ms", key, value.length);
        if (ttl != 0) {
            out.flag('T', ttl);
        }
        if (flags != 0) {
            out.flag('F').unsigned(Integer.toUnsignedLong(flags));
        }
        if (mode != StoreMode.SET) {
            out.flag('M').ascii(String.valueOf(mode.flag));
        }
        if (cas != 0) {
            out.flag('C').unsigned(cas);
        }
        if (invalidate) {
            out.flag('I');
        }
        out.flag('O', opaque).crlf().raw(value).crlf();
    }

    @Override
    void complete(MetaReply reply, String server) {
        future.complete(switch (reply.status) {
            case OK -> StoreResult.STORED;
            case NOT_STORED -> StoreResult.NOT_STORED;
            case EXISTS -> StoreResult.EXISTS;
            case NOT_FOUND -> StoreResult.NOT_FOUND;
            case VALUE, MISS, NOOP, DEBUG, ERROR -> throw unexpected(reply, server);
        });
    }
}
