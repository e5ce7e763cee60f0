package dev.aioj.redis.resp;

/**
 * How large a reply {@link RespParser} accepts before it gives up with a
 * {@link RespLimitException}. Every limit is checked
 * as soon as the size is known (a length header, a line's bytes so far), before
 * anything of that size is allocated: a broken or hostile peer cannot make the
 * parser allocate more than it actually sent, or hold an endless line.
 *
 * @param maxBulkLength      bytes in one bulk string, verbatim string or blob error
 * @param maxAggregateLength elements in one array, set or push; entries in one map or attribute
 * @param maxDepth           aggregates nested inside each other (an attribute counts as one)
 * @param maxLineLength      bytes in one line: simple string, simple error, number, length header
 */
public record RespLimits(long maxBulkLength, int maxAggregateLength, int maxDepth, int maxLineLength) {

    /** The largest Java byte array, hence the largest bulk string one value can hold. */
    public static final long MAX_BULK_LENGTH = Integer.MAX_VALUE - 8;

    /** The parser keeps one counter per open aggregate; more than this is no real reply. */
    public static final int MAX_DEPTH = 1024;

    /** A length header or integer line can need 20 bytes ({@code -9223372036854775808}). */
    public static final int MIN_LINE_LENGTH = 20;

    /**
     * The defaults: bulk strings up to 512 MiB (Redis's own {@code proto-max-bulk-len});
     * 2^28 elements per aggregate, far beyond any real reply: elements are
     * allocated only once they have arrived, so this guards array sizes, not
     * memory; 128 levels of nesting (Redis nests a handful; a Lua script could
     * go deeper); lines up to 64 KiB (Redis's own inline-command limit; simple
     * strings and errors are short).
     */
    public static final RespLimits DEFAULTS = new RespLimits(512L * 1024 * 1024, 1 << 28, 128, 64 * 1024);

    public RespLimits {
        if (maxBulkLength < 0 || maxBulkLength > MAX_BULK_LENGTH) {
            throw new IllegalArgumentException("maxBulkLength not in 0.." + MAX_BULK_LENGTH + ": " + maxBulkLength);
        }
        if (maxAggregateLength < 0 || maxAggregateLength > (Integer.MAX_VALUE - 8) / 2) {
            throw new IllegalArgumentException("maxAggregateLength not in 0.." + (Integer.MAX_VALUE - 8) / 2
                    + ": " + maxAggregateLength);
        }
        if (maxDepth < 0 || maxDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("maxDepth not in 0.." + MAX_DEPTH + ": " + maxDepth);
        }
        if (maxLineLength < MIN_LINE_LENGTH) {
            throw new IllegalArgumentException("maxLineLength < " + MIN_LINE_LENGTH + ": " + maxLineLength);
        }
    }

    public RespLimits withMaxBulkLength(long value) {
        return new RespLimits(value, maxAggregateLength, maxDepth, maxLineLength);
    }

    public RespLimits withMaxAggregateLength(int value) {
        return new RespLimits(maxBulkLength, value, maxDepth, maxLineLength);
    }

    public RespLimits withMaxDepth(int value) {
        return new RespLimits(maxBulkLength, maxAggregateLength, value, maxLineLength);
    }

    public RespLimits withMaxLineLength(int value) {
        return new RespLimits(maxBulkLength, maxAggregateLength, maxDepth, value);
    }
}
