package dev.aioj.redis.resp;

import java.util.Objects;

/**
 * A value declared or grew a size beyond the {@link RespLimits}: a bulk
 * string longer than the bulk limit, an aggregate with more elements than
 * allowed, aggregates nested too deep, or a line too long. Raised as soon as
 * the size is known, before anything of that size is allocated, so a broken
 * or hostile peer cannot make the parser run out of memory.
 */
public final class RespLimitException extends RespProtocolException {

    /** Which limit was exceeded. */
    public enum Limit {
        /** Length of one bulk string ({@code $}), verbatim string ({@code =}) or blob error ({@code !}). */
        BULK_LENGTH,
        /** Declared element count of one array, set, push, map or attribute (map entries count once). */
        AGGREGATE_LENGTH,
        /** Number of aggregates open inside each other. */
        NESTING_DEPTH,
        /** Length of one line: a simple string, error, number, or a length header. */
        LINE_LENGTH,
        /** Bytes of one value that must be buffered at once: a Java array holds at most ~2 GiB. */
        BUFFERED_BYTES,
    }

    private final Limit limit;
    private final long max;
    private final long actual;

    /**
     * @param limit    which limit
     * @param max      the limit's value
     * @param actual   the size met; for {@link Limit#LINE_LENGTH} it is {@code max + 1}
     *                 (the parser stops reading a line as soon as it is too long)
     * @param position stream offset of the value that is too large
     */
    public RespLimitException(Limit limit, long max, long actual, long position) {
        super(describe(limit, max, actual), position, -1);
        this.limit = limit;
        this.max = max;
        this.actual = actual;
    }

    /** The message for these figures, in words. */
    public static String describe(Limit limit, long max, long actual) {
        Objects.requireNonNull(limit, "limit");
        if (actual <= max) throw new IllegalArgumentException("actual <= max: " + actual + " <= " + max);
        return switch (limit) {
            case BULK_LENGTH -> "bulk length " + actual + " exceeds the limit of " + max + " bytes";
            case AGGREGATE_LENGTH -> "aggregate length " + actual + " exceeds the limit of " + max + " elements";
            case NESTING_DEPTH -> "aggregates nested " + actual + " deep exceed the limit of " + max;
            case LINE_LENGTH -> "line longer than the limit of " + max + " bytes";
            case BUFFERED_BYTES -> "reply needs " + actual + " buffered bytes, more than the " + max + " a buffer holds";
        };
    }

    /** Which limit was exceeded. */
    public Limit limit() {
        return limit;
    }

    /** The limit's value. */
    public long max() {
        return max;
    }

    /** The size met (for lines: {@code max + 1}, reading stops there). */
    public long actual() {
        return actual;
    }
}
