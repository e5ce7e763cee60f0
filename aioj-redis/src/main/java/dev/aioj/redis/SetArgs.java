package dev.aioj.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The options of {@code SET}: a condition ({@code NX}: only if absent,
 * {@code XX}: only if present) and what happens to the key's time to live
 * ({@code EX}/{@code PX}: expire after, {@code EXAT}/{@code PXAT}: expire at,
 * {@code KEEPTTL}: keep the current one; none of them: the key no longer
 * expires).
 *
 * <pre>{@code
 * redis.set("lock", token, SetArgs.of().nx().px(Duration.ofMillis(500)));
 * }</pre>
 *
 * <p>Immutable: each method returns new arguments. Options of one kind
 * replace each other, the last one wins ({@code nx().xx()} is {@code XX};
 * {@code ex(..).keepTtl()} is {@code KEEPTTL}), so no combination Redis would
 * reject can be built. Durations are sent exactly or refused, instants are
 * truncated to the option's unit (see {@code ex}, {@code exAt}).
 *
 * <p>Thread contract: immutable, any thread.
 */
public final class SetArgs {

    private static final SetArgs NONE = new SetArgs(null, null, false);

    private final String condition;
    private final Expiry expiry;
    private final boolean keepTtl;

    private SetArgs(String condition, Expiry expiry, boolean keepTtl) {
        this.condition = condition;
        this.expiry = expiry;
        this.keepTtl = keepTtl;
    }

    /** No option: a plain {@code SET}. */
    public static SetArgs of() {
        return NONE;
    }

    /** {@code NX}: set only if the key does not exist. */
    public SetArgs nx() {
        return new SetArgs("NX", expiry, keepTtl);
    }

    /** {@code XX}: set only if the key exists. */
    public SetArgs xx() {
        return new SetArgs("XX", expiry, keepTtl);
    }

    /** {@code EX}: expire after {@code ttl}, a whole number of seconds (else {@link IllegalArgumentException}). */
    public SetArgs ex(Duration ttl) {
        return new SetArgs(condition, Expiry.ex(ttl), false);
    }

    /** {@code PX}: expire after {@code ttl}, a whole number of milliseconds (else {@link IllegalArgumentException}). */
    public SetArgs px(Duration ttl) {
        return new SetArgs(condition, Expiry.px(ttl), false);
    }

    /** {@code EXAT}: expire at {@code at}, truncated to the second. */
    public SetArgs exAt(Instant at) {
        return new SetArgs(condition, Expiry.exAt(at), false);
    }

    /** {@code PXAT}: expire at {@code at}, truncated to the millisecond. */
    public SetArgs pxAt(Instant at) {
        return new SetArgs(condition, Expiry.pxAt(at), false);
    }

    /** {@code KEEPTTL}: keep the key's current time to live (Redis 6.0). */
    public SetArgs keepTtl() {
        return new SetArgs(condition, null, true);
    }

    void appendTo(Args args) {
        if (condition != null) {
            args.add(condition);
        }
        if (expiry != null) {
            expiry.appendTo(args);
        }
        if (keepTtl) {
            args.add("KEEPTTL");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetArgs other && Objects.equals(condition, other.condition)
                && Objects.equals(expiry, other.expiry) && keepTtl == other.keepTtl;
    }

    @Override
    public int hashCode() {
        return Objects.hash(condition, expiry, keepTtl);
    }

    /** The options as sent, e.g. {@code SetArgs[NX PX 500]}. */
    @Override
    public String toString() {
        Args args = Args.of(4);
        appendTo(args);
        return args.describe("SetArgs");
    }
}
