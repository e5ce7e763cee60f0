package dev.aioj.redis;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How Java times become Redis's time arguments, in one place so every command
 * rounds the same way: a time to live ({@code EX}/{@code PX}), a point in time
 * ({@code EXAT}/{@code PXAT}), an {@code EXPIRE} of either unit, and the block
 * timeout of BLPOP and friends with the client deadline that goes with it.
 *
 * <p>The rule: a {@link Duration} is the caller's exact intent, so it is sent
 * exactly or refused, never silently rounded ({@code ex(1.5 s)} is refused:
 * use {@code px}). An {@link Instant} usually comes from a clock that carries
 * micro- or nanoseconds nobody means, so it is truncated to the option's unit,
 * as Lettuce and redis-py do.
 *
 * @param option the option word ({@code EX}, {@code PX}, {@code EXAT}, {@code PXAT})
 * @param amount its number
 */
record Expiry(String option, long amount) {

    /** {@code EX seconds}: {@code ttl} must be a whole number of seconds, at least one. */
    static Expiry ex(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.getNano() != 0 || ttl.getSeconds() < 1) {
            throw new IllegalArgumentException("EX needs whole seconds >= 1 (use PX for milliseconds): " + ttl);
        }
        return new Expiry("EX", ttl.getSeconds());
    }

    /** {@code PX milliseconds}: {@code ttl} must be a whole number of milliseconds, at least one. */
    static Expiry px(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.getNano() % 1_000_000 != 0 || ttl.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("PX needs whole milliseconds >= 1: " + ttl);
        }
        return new Expiry("PX", ttl.toMillis());
    }

    /** {@code EXAT unix-seconds}, truncated; must be after the epoch's first second. */
    static Expiry exAt(Instant at) {
        Objects.requireNonNull(at, "at");
        if (at.getEpochSecond() < 1) {
            throw new IllegalArgumentException("EXAT needs a time after 1970-01-01T00:00:01Z: " + at);
        }
        return new Expiry("EXAT", at.getEpochSecond());
    }

    /** {@code PXAT unix-milliseconds}, truncated; must be after the epoch's first millisecond. */
    static Expiry pxAt(Instant at) {
        Objects.requireNonNull(at, "at");
        if (at.toEpochMilli() < 1) {
            throw new IllegalArgumentException("PXAT needs a time after 1970-01-01T00:00:00.001Z: " + at);
        }
        return new Expiry("PXAT", at.toEpochMilli());
    }

    void appendTo(Args args) {
        args.add(option, amount);
    }

    /**
     * {@code EXPIRE key seconds} when {@code ttl} is whole seconds (what
     * MONITOR and the slow log usually show), else {@code PEXPIRE key ms}.
     * Zero or negative is allowed: Redis then deletes the key.
     */
    static Object[] expire(Object key, Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.getNano() == 0) {
            return new Object[] {"EXPIRE", key, ttl.getSeconds()};
        }
        return new Object[] {"PEXPIRE", key, exactMillis(ttl)};
    }

    /** {@code EXPIREAT key seconds} when {@code at} is a whole second, else {@code PEXPIREAT key ms} (truncated). */
    static Object[] expireAt(Object key, Instant at) {
        Objects.requireNonNull(at, "at");
        if (at.getNano() == 0) {
            return new Object[] {"EXPIREAT", key, at.getEpochSecond()};
        }
        return new Object[] {"PEXPIREAT", key, at.toEpochMilli()};
    }

    /** {@code ttl} in milliseconds, refusing a sub-millisecond part that Redis could not honour. */
    static long exactMillis(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("ttl has a sub-millisecond part Redis cannot keep: " + ttl);
        }
        return ttl.toMillis();
    }

    /**
     * A block timeout as Redis reads it: decimal seconds with millisecond
     * precision; zero waits forever. A part below a millisecond rounds up,
     * and one millisecond is sent as two: Redis 6.2 multiplies {@code 0.001}
     * by 1000 in {@code long double}, truncates 0.999... to 0 and waits
     * forever. So a tiny positive timeout never turns into "forever".
     */
    static String blockSeconds(Duration timeout) {
        checkBlock(timeout);
        long millis = timeout.toMillis() + (timeout.getNano() % 1_000_000 != 0 ? 1 : 0);
        if (millis == 1) {
            millis = 2;
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    /**
     * Redis ends a block on its timer tick, every {@code 1000/hz} ms (100 ms
     * at the default {@code hz 10}): a BLPOP of 250 ms answers after up to
     * about 350 ms. The client deadline of a blocking command allows two
     * ticks on top of the block, so a block that ends late is never failed
     * by the client first.
     */
    static final Duration BLOCK_SLACK = Duration.ofMillis(200);

    /**
     * The client deadline of a command blocking up to {@code block} on a view
     * whose deadline is {@code viewTimeout}: block + slack + view timeout;
     * zero (none) if either is zero, as a forever-block must not time out.
     */
    static Duration blockDeadline(Duration block, Duration viewTimeout) {
        if (checkBlock(block).isZero() || viewTimeout.isZero()) {
            return Duration.ZERO;
        }
        return block.plus(BLOCK_SLACK).plus(viewTimeout);
    }

    static Duration checkBlock(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout < 0: " + timeout);
        }
        return timeout;
    }
}
