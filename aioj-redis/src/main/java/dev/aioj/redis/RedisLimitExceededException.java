package dev.aioj.redis;

import dev.aioj.redis.resp.RespLimitException;
import java.util.Objects;

/**
 * A reply declared or grew a size beyond the parser's limits: a bulk string
 * longer than the bulk limit, an aggregate with more elements than allowed,
 * aggregates nested too deep, or a line (simple string, error, number) too
 * long. Raised as soon as the size is known, before anything of that size is
 * allocated, so a broken or hostile server cannot make the client run out of
 * memory. Fatal for the connection, like every protocol error.
 */
public final class RedisLimitExceededException extends RedisProtocolException {

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
        /** Bytes of one reply that must be buffered at once: a Java array holds at most ~2 GiB. */
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
    public RedisLimitExceededException(Limit limit, long max, long actual, long position) {
        super(describe(limit, max, actual), position, -1);
        this.limit = limit;
        this.max = max;
        this.actual = actual;
    }

    /** The client's form of the parser's {@link RespLimitException}, which becomes its cause. */
    RedisLimitExceededException(RespLimitException e) {
        super(e.getMessage(), e.position(), -1, e);
        this.limit = Limit.valueOf(e.limit().name());
        this.max = e.max();
        this.actual = e.actual();
    }

    private static String describe(Limit limit, long max, long actual) {
        Objects.requireNonNull(limit, "limit");
        return RespLimitException.describe(RespLimitException.Limit.valueOf(limit.name()), max, actual);
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
