package dev.aioj.memcached;

import java.util.concurrent.CompletableFuture;

/**
 * {@code mg}: a get in one of its shapes; the shape decides the flags sent
 * and what the future receives.
 */
final class GetRequest<T> extends FutureRequest<T> {

    /** What is asked and what the future gets. */
    enum Shape {
        /** {@code mg k v}: the value, or null. */
        VALUE,
        /** {@code mg k v f c t}: an {@link Item}, or null. */
        ITEM,
        /** {@code mg k v T<ttl>}: the value with a new TTL, or null. */
        VALUE_AND_TOUCH,
        /** {@code mg k T<ttl>}: whether the item existed. */
        TOUCH,
        /** {@code mg k v c t N<lock> R<recache>}: a {@link Lease}, never null (the miss vivifies). */
        LEASE
    }

    /** What a stampede-protected get learned: the value and who recomputes. */
    record Lease(byte[] value, long cas, boolean win, boolean stale, boolean alreadyWon) {}

    private final String key;
    private final Shape shape;
    private final long ttl;
    private final int recache;

    /**
     * @param ttl     the TTL for {@code VALUE_AND_TOUCH}/{@code TOUCH}, the placeholder's TTL (N) for {@code LEASE}
     * @param recache the R window in seconds for {@code LEASE} (0: none)
     */
    GetRequest(String key, Shape shape, long ttl, int recache, CompletableFuture<T> future) {
        super(future);
        this.key = key;
        this.shape = shape;
        this.ttl = ttl;
        this.recache = recache;
    }

    @Override
    String command() {
        return "mg";
    }

    @Override
    void encode(RequestBuffer out, int opaque) {
        out.command("mg", key);
        switch (shape) {
            case VALUE -> out.flag('v');
            case ITEM -> out.flag('v').flag('f').flag('c').flag('t');
            case VALUE_AND_TOUCH -> out.flag('v').flag('T', ttl);
            case TOUCH -> out.flag('T', ttl);
            case LEASE -> {
                out.flag('v').flag('c').flag('t').flag('N', ttl);
                if (recache > 0) {
                    out.flag('R', recache);
                }
            }
        }
        out.flag('O', opaque).crlf();
    }

    @Override
    @SuppressWarnings("unchecked")
    void complete(MetaReply reply, String server) {
        Object result = switch (reply.status) {
            case MISS -> shape == Shape.TOUCH ? Boolean.FALSE : null;
            case OK -> {
                if (shape != Shape.TOUCH) throw unexpected(reply, server);
                yield Boolean.TRUE;
            }
            case VALUE -> switch (shape) {
                case VALUE, VALUE_AND_TOUCH -> reply.value;
                case ITEM -> new Item(key, reply.value, (int) reply.clientFlags, reply.cas, reply.ttl, reply.stale);
                case LEASE -> new Lease(reply.value, reply.cas, reply.win, reply.stale, reply.alreadyWon);
                case TOUCH -> throw unexpected(reply, server);
            };
            case NOT_FOUND, NOT_STORED, EXISTS, NOOP, DEBUG, ERROR -> throw unexpected(reply, server);
        };
        future.complete((T) result);
    }
}
