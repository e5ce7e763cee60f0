package dev.aioj.redis;

import java.util.Objects;

/**
 * The options of {@code ZADD}: a condition on the member ({@code NX}: only
 * add new ones, {@code XX}: only update existing ones), a condition on the
 * score ({@code GT}/{@code LT}: only update when the new score is greater or
 * less, Redis 6.2), and {@code CH}: count changed members, not just added
 * ones, in the reply.
 *
 * <pre>{@code
 * redis.zadd("high-scores", ZAddArgs.of().gt().ch(), 1200, "alice"); // keep each player's best
 * }</pre>
 *
 * <p>Immutable; {@code nx}/{@code xx} replace each other, as do {@code
 * gt}/{@code lt}. Redis refuses {@code NX} with {@code GT} or {@code LT}, so
 * that combination fails here, at once, with {@link IllegalArgumentException}.
 *
 * <p>Thread contract: immutable, any thread.
 */
public final class ZAddArgs {

    private static final ZAddArgs NONE = new ZAddArgs(null, null, false);

    private final String condition;
    private final String comparison;
    private final boolean changed;

    private ZAddArgs(String condition, String comparison, boolean changed) {
        if ("NX".equals(condition) && comparison != null) {
            throw new IllegalArgumentException("NX excludes " + comparison + " (Redis refuses the pair)");
        }
        this.condition = condition;
        this.comparison = comparison;
        this.changed = changed;
    }

    /** No option: add new members, update the scores of existing ones. */
    public static ZAddArgs of() {
        return NONE;
    }

    /** {@code NX}: only add new members, never update. */
    public ZAddArgs nx() {
        return new ZAddArgs("NX", comparison, changed);
    }

    /** {@code XX}: only update existing members, never add. */
    public ZAddArgs xx() {
        return new ZAddArgs("XX", comparison, changed);
    }

    /** {@code GT}: update only when the new score is greater (new members are still added). */
    public ZAddArgs gt() {
        return new ZAddArgs(condition, "GT", changed);
    }

    /** {@code LT}: update only when the new score is less (new members are still added). */
    public ZAddArgs lt() {
        return new ZAddArgs(condition, "LT", changed);
    }

    /** {@code CH}: the reply counts changed members too, not only added ones. */
    public ZAddArgs ch() {
        return new ZAddArgs(condition, comparison, true);
    }

    void appendTo(Args args) {
        if (condition != null) {
            args.add(condition);
        }
        if (comparison != null) {
            args.add(comparison);
        }
        if (changed) {
            args.add("CH");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZAddArgs other && Objects.equals(condition, other.condition)
                && Objects.equals(comparison, other.comparison) && changed == other.changed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(condition, comparison, changed);
    }

    @Override
    public String toString() {
        Args args = Args.of(3);
        appendTo(args);
        return args.describe("ZAddArgs");
    }
}
