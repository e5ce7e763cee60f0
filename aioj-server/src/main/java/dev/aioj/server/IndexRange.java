package dev.aioj.server;

/**
 * Redis's reading of a command's start and end indexes over a sequence of
 * {@code length} elements: negative indexes count from the end ({@code -1}
 * is the last), then the range is clamped to the sequence. Inclusive at both
 * ends; empty when {@code start > end}. Two flavours, as in Redis:
 *
 * <ul>
 *   <li>{@link #ofElements} (LRANGE, LTRIM, ZRANGE by rank, ZREMRANGEBYRANK;
 *       {@code t_list.c}, {@code t_zset.c}): a start past the end, or an end
 *       before the start, is empty.</li>
 *   <li>{@link #ofBytes} (GETRANGE, BITCOUNT, BITPOS; {@code t_string.c},
 *       {@code bitops.c}): a negative end still clamps to 0, so
 *       {@code GETRANGE k 0 -100} is the first byte.</li>
 * </ul>
 *
 * <p>Thread contract: a value; any thread.
 */
record IndexRange(long start, long end) {

    private static final IndexRange EMPTY = new IndexRange(0, -1);

    /** LRANGE's clamping: empty unless some index lies inside the sequence. */
    static IndexRange ofElements(long start, long end, long length) {
        if (start < 0) start += length;
        if (end < 0) end += length;
        if (start < 0) start = 0;
        if (start > end || start >= length) return EMPTY;
        if (end >= length) end = length - 1;
        return new IndexRange(start, end);
    }

    /** GETRANGE's clamping: both ends clamp into the sequence, the end to 0 at least; empty if length is 0. */
    static IndexRange ofBytes(long start, long end, long length) {
        if (start < 0) start += length;
        if (end < 0) end += length;
        if (start < 0) start = 0;
        if (end < 0) end = 0;
        if (end >= length) end = length - 1;
        return new IndexRange(start, end);
    }

    boolean isEmpty() {
        return start > end;
    }

    /** Elements in the range, 0 if empty. */
    long count() {
        return isEmpty() ? 0 : end - start + 1;
    }
}
