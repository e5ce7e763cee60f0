package dev.aioj.redis;

import dev.aioj.redis.resp.RespEncoder;
import java.util.Objects;

/**
 * Which part of a sorted set {@code ZRANGE} (Redis 6.2's unified form)
 * returns: by rank ({@link #byIndex}), by score ({@link #byScore}) or by
 * member for equal scores ({@link #byLex}), optionally in reverse order
 * ({@link #rev}) and, by score or lex, one page of it ({@link #limit}).
 *
 * <pre>{@code
 * redis.zrange("board", ZRangeArgs.byIndex(0, 9).rev());                  // top ten
 * redis.zrangeWithScores("board", ZRangeArgs.byScore(100, Double.POSITIVE_INFINITY).limit(0, 50));
 * redis.zrange("names", ZRangeArgs.byLex("[a", "(b"));                    // members starting with a
 * }</pre>
 *
 * <p>Bounds are always given low to high, {@code (min, max)}: with
 * {@link #rev} on a score or lex range the arguments are swapped for Redis,
 * which wants {@code max min ... REV} there. Rank bounds are ranks in the
 * order asked for ({@code byIndex(0, 2).rev()} is the three highest), as in
 * Redis. Scores are inclusive; {@link #byScore(String, String)} takes Redis's
 * own bound text for exclusive ones ({@code "(1.5"}, {@code "-inf"}).
 *
 * <p>Immutable; each method returns new arguments.
 *
 * <p>Thread contract: immutable, any thread.
 */
public final class ZRangeArgs {

    private enum By { INDEX, SCORE, LEX }

    private final By by;
    private final String min;
    private final String max;
    private final boolean rev;
    private final long offset;
    private final long count;
    private final boolean limited;

    private ZRangeArgs(By by, String min, String max, boolean rev, boolean limited, long offset, long count) {
        this.by = by;
        this.min = min;
        this.max = max;
        this.rev = rev;
        this.limited = limited;
        this.offset = offset;
        this.count = count;
    }

    /** Ranks {@code start} to {@code stop}, inclusive; negative ranks count from the end ({@code -1}: the last). */
    public static ZRangeArgs byIndex(long start, long stop) {
        return new ZRangeArgs(By.INDEX, Long.toString(start), Long.toString(stop), false, false, 0, 0);
    }

    /** Scores from {@code min} to {@code max}, inclusive; infinities allowed. */
    public static ZRangeArgs byScore(double min, double max) {
        return new ZRangeArgs(By.SCORE, scoreBound("min", min), scoreBound("max", max), false, false, 0, 0);
    }

    /** Scores between Redis score bounds: {@code "1.5"}, {@code "(1.5"} (exclusive), {@code "-inf"}, {@code "+inf"}. */
    public static ZRangeArgs byScore(String min, String max) {
        return new ZRangeArgs(By.SCORE, scoreBound("min", min), scoreBound("max", max), false, false, 0, 0);
    }

    /**
     * Members between lex bounds, for members of equal score: {@code "[a"}
     * (inclusive), {@code "(a"} (exclusive), {@code "-"} and {@code "+"}
     * (the ends).
     */
    public static ZRangeArgs byLex(String min, String max) {
        return new ZRangeArgs(By.LEX, lexBound("min", min), lexBound("max", max), false, false, 0, 0);
    }

    /** {@code REV}: highest score first. */
    public ZRangeArgs rev() {
        return new ZRangeArgs(by, min, max, true, limited, offset, count);
    }

    /**
     * {@code LIMIT offset count}: skip {@code offset} matches, return at most
     * {@code count} (a negative count: all the rest). Score and lex ranges
     * only; Redis refuses it by rank.
     */
    public ZRangeArgs limit(long offset, long count) {
        if (by == By.INDEX) {
            throw new IllegalArgumentException("LIMIT needs byScore or byLex, not byIndex: " + this);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset < 0: " + offset);
        }
        return new ZRangeArgs(by, min, max, rev, true, offset, count);
    }

    void appendTo(Args args) {
        boolean swap = rev && by != By.INDEX;
        args.add(swap ? max : min, swap ? min : max);
        switch (by) {
            case INDEX -> { }
            case SCORE -> args.add("BYSCORE");
            case LEX -> args.add("BYLEX");
        }
        if (rev) {
            args.add("REV");
        }
        if (limited) {
            args.add("LIMIT").add(offset, count);
        }
    }

    /** A score as a Redis bound: {@code "1.5"}, {@code "inf"}, {@code "-inf"}; NaN is refused. */
    static String scoreBound(String name, double score) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException(name + " is NaN");
        }
        return RespEncoder.formatDouble(score);
    }

    static String scoreBound(String name, String bound) {
        Objects.requireNonNull(bound, name);
        if (bound.isEmpty() || bound.equals("(")) {
            throw new IllegalArgumentException(name + " is not a score bound: '" + bound + "'");
        }
        return bound;
    }

    private static String lexBound(String name, String bound) {
        Objects.requireNonNull(bound, name);
        boolean valid = bound.equals("-") || bound.equals("+") || bound.startsWith("[") || bound.startsWith("(");
        if (!valid) {
            throw new IllegalArgumentException(name + " must start with [ or ( or be - or +: '" + bound + "'");
        }
        return bound;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZRangeArgs other && by == other.by && min.equals(other.min) && max.equals(other.max)
                && rev == other.rev && limited == other.limited && offset == other.offset && count == other.count;
    }

    @Override
    public int hashCode() {
        return Objects.hash(by, min, max, rev, limited, offset, count);
    }

    /** The arguments as sent after the key, e.g. {@code ZRangeArgs[+inf 100 BYSCORE REV LIMIT 0 50]}. */
    @Override
    public String toString() {
        Args args = Args.of(8);
        appendTo(args);
        return args.describe("ZRangeArgs");
    }
}
