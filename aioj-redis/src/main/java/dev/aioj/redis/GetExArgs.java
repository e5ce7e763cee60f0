package dev.aioj.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The options of {@code GETEX} (Redis 6.2): read a string and change its
 * time to live in one step, {@code EX}/{@code PX} (expire after),
 * {@code EXAT}/{@code PXAT} (expire at) or {@code PERSIST} (never expire).
 * {@link #of()} has none: the key's time to live is left alone.
 *
 * <pre>{@code
 * String session = redis.getex("session:42", GetExArgs.of().ex(Duration.ofMinutes(30))).join(); // sliding expiry
 * }</pre>
 *
 * <p>Immutable; the last option wins. Durations are sent exactly or refused,
 * instants truncated to the option's unit, as in {@link SetArgs}.
 *
 * <p>Thread contract: immutable, any thread.
 */
public final class GetExArgs {

    private static final GetExArgs NONE = new GetExArgs(null, false);

    private final Expiry expiry;
    private final boolean persist;

    private GetExArgs(Expiry expiry, boolean persist) {
        this.expiry = expiry;
        this.persist = persist;
    }

    /** No option: GETEX then reads like GET. */
    public static GetExArgs of() {
        return NONE;
    }

    /** {@code EX}: expire after {@code ttl}, a whole number of seconds. */
    public GetExArgs ex(Duration ttl) {
        return new GetExArgs(Expiry.ex(ttl), false);
    }

    /** {@code PX}: expire after {@code ttl}, a whole number of milliseconds. */
    public GetExArgs px(Duration ttl) {
        return new GetExArgs(Expiry.px(ttl), false);
    }

    /** {@code EXAT}: expire at {@code at}, truncated to the second. */
    public GetExArgs exAt(Instant at) {
        return new GetExArgs(Expiry.exAt(at), false);
    }

    /** {@code PXAT}: expire at {@code at}, truncated to the millisecond. */
    public GetExArgs pxAt(Instant at) {
        return new GetExArgs(Expiry.pxAt(at), false);
    }

    /** {@code PERSIST}: remove the key's time to live. */
    public GetExArgs persist() {
        return new GetExArgs(null, true);
    }

    void appendTo(Args args) {
        if (expiry != null) {
            expiry.appendTo(args);
        }
        if (persist) {
            args.add("PERSIST");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GetExArgs other && Objects.equals(expiry, other.expiry) && persist == other.persist;
    }

    @Override
    public int hashCode() {
        return Objects.hash(expiry, persist);
    }

    @Override
    public String toString() {
        Args args = Args.of(2);
        appendTo(args);
        return args.describe("GetExArgs");
    }
}
