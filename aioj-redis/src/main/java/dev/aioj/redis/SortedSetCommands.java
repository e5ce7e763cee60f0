package dev.aioj.redis;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The sorted-set commands, typed: members ordered by a score. Ranges come as
 * plain members or as {@link ScoredValue}s ({@code ...WithScores}), the same
 * under RESP2 (flat member/score-text pairs) and RESP3 (nested pairs with
 * doubles). A missing key reads as an empty set; a key of another type fails
 * with {@link RedisReplyException} of kind {@code WRONGTYPE}.
 *
 * <p>Scores are doubles; infinities are allowed and sent as {@code inf} and
 * {@code -inf}; NaN is refused at once with {@link IllegalArgumentException}.
 *
 * <p>Thread contract: any thread (see {@link BaseCommands}).
 *
 * @param <V> what bulk-string replies decode to
 */
public interface SortedSetCommands<V> extends BaseCommands<V> {

    /** ZADD of one member: 1 if it was added, 0 if its score was updated. */
    default CompletableFuture<Long> zadd(Object key, double score, Object member) {
        return zadd(key, ZAddArgs.of(), score, member);
    }

    /** ZADD of one member with options: how many were added (or, with CH, added or changed). */
    default CompletableFuture<Long> zadd(Object key, ZAddArgs args, double score, Object member) {
        Args command = Args.of(6, "ZADD", key);
        Objects.requireNonNull(args, "args").appendTo(command);
        return command(Reply.LONG, command.add(checkScore(score, member), member).array());
    }

    /** ZADD of many members, each with its score: how many were added. */
    default CompletableFuture<Long> zadd(Object key, Map<?, ? extends Number> scores) {
        return zadd(key, ZAddArgs.of(), scores);
    }

    /** ZADD of many members with options: how many were added (or, with CH, added or changed). */
    default CompletableFuture<Long> zadd(Object key, ZAddArgs args, Map<?, ? extends Number> scores) {
        Args.nonEmpty("ZADD", "member", scores);
        Args command = Args.of(scores.size() * 2 + 3, "ZADD", key);
        Objects.requireNonNull(args, "args").appendTo(command);
        scores.forEach((member, score) -> command.add(
                checkScore(Objects.requireNonNull(score, () -> "score of " + member + " is null").doubleValue(),
                        member), member));
        return command(Reply.LONG, command.array());
    }

    /** ZSCORE: the member's score, or null if the member or the key is missing. */
    default CompletableFuture<Double> zscore(Object key, Object member) {
        return command(Reply.DOUBLE, "ZSCORE", key, member);
    }

    /** ZMSCORE (Redis 6.2): the scores of {@code members} in their order, null where missing. */
    default CompletableFuture<List<Double>> zmscore(Object key, Object... members) {
        return command(CommandReplies.DOUBLES, Args.withMembers("ZMSCORE", key, "member", members));
    }

    /** ZINCRBY: the member's score after adding {@code amount} (a new member starts at 0). */
    default CompletableFuture<Double> zincrby(Object key, double amount, Object member) {
        return command(Reply.DOUBLE, "ZINCRBY", key, checkScore(amount, member), member);
    }

    /** ZRANGE by rank: the members from {@code start} to {@code stop}, lowest score first; negative from the end. */
    default CompletableFuture<List<V>> zrange(Object key, long start, long stop) {
        return command(Reply.list(), "ZRANGE", key, start, stop);
    }

    /** ZRANGE by rank, score or lex, optionally reversed and limited (Redis 6.2 for score, lex, REV, LIMIT). */
    default CompletableFuture<List<V>> zrange(Object key, ZRangeArgs range) {
        return command(Reply.list(), zrangeArgs(key, range, false));
    }

    /** ZRANGE ... WITHSCORES by rank: members with their scores, lowest first. */
    default CompletableFuture<List<ScoredValue<V>>> zrangeWithScores(Object key, long start, long stop) {
        return command(CommandReplies.scored(), "ZRANGE", key, start, stop, "WITHSCORES");
    }

    /** ZRANGE ... WITHSCORES by rank, score or lex: members with their scores. */
    default CompletableFuture<List<ScoredValue<V>>> zrangeWithScores(Object key, ZRangeArgs range) {
        return command(CommandReplies.scored(), zrangeArgs(key, range, true));
    }

    /** ZRANK: the member's rank, lowest score first from 0; null if the member or the key is missing. */
    default CompletableFuture<Long> zrank(Object key, Object member) {
        return command(Reply.LONG, "ZRANK", key, member);
    }

    /** ZREVRANK: the member's rank, highest score first from 0; null if missing. */
    default CompletableFuture<Long> zrevrank(Object key, Object member) {
        return command(Reply.LONG, "ZREVRANK", key, member);
    }

    /** ZREM: how many of {@code members} were there and removed. */
    default CompletableFuture<Long> zrem(Object key, Object... members) {
        return command(Reply.LONG, Args.withMembers("ZREM", key, "member", members));
    }

    /** ZREMRANGEBYRANK: removes the members from rank {@code start} to {@code stop}; how many. */
    default CompletableFuture<Long> zremrangebyrank(Object key, long start, long stop) {
        return command(Reply.LONG, "ZREMRANGEBYRANK", key, start, stop);
    }

    /** ZREMRANGEBYSCORE: removes the members with a score from {@code min} to {@code max}, inclusive; how many. */
    default CompletableFuture<Long> zremrangebyscore(Object key, double min, double max) {
        return command(Reply.LONG, "ZREMRANGEBYSCORE", key, ZRangeArgs.scoreBound("min", min),
                ZRangeArgs.scoreBound("max", max));
    }

    /** ZCARD: the number of members, 0 if the key is missing. */
    default CompletableFuture<Long> zcard(Object key) {
        return command(Reply.LONG, "ZCARD", key);
    }

    /** ZCOUNT: how many members have a score from {@code min} to {@code max}, inclusive. */
    default CompletableFuture<Long> zcount(Object key, double min, double max) {
        return command(Reply.LONG, "ZCOUNT", key, ZRangeArgs.scoreBound("min", min),
                ZRangeArgs.scoreBound("max", max));
    }

    /** ZCOUNT between Redis score bounds ({@code "(1"} exclusive, {@code "-inf"}, {@code "+inf"}). */
    default CompletableFuture<Long> zcount(Object key, String min, String max) {
        return command(Reply.LONG, "ZCOUNT", key, ZRangeArgs.scoreBound("min", min),
                ZRangeArgs.scoreBound("max", max));
    }

    /** ZPOPMIN: removes and returns the member with the lowest score, or null if the set is empty. */
    default CompletableFuture<ScoredValue<V>> zpopmin(Object key) {
        return command(CommandReplies.scoredOne(), "ZPOPMIN", key);
    }

    /** ZPOPMIN with a count: up to {@code count} members, lowest score first. */
    default CompletableFuture<List<ScoredValue<V>>> zpopmin(Object key, long count) {
        return command(CommandReplies.scored(), "ZPOPMIN", key, checkCount(count));
    }

    /** ZPOPMAX: removes and returns the member with the highest score, or null if the set is empty. */
    default CompletableFuture<ScoredValue<V>> zpopmax(Object key) {
        return command(CommandReplies.scoredOne(), "ZPOPMAX", key);
    }

    /** ZPOPMAX with a count: up to {@code count} members, highest score first. */
    default CompletableFuture<List<ScoredValue<V>>> zpopmax(Object key, long count) {
        return command(CommandReplies.scored(), "ZPOPMAX", key, checkCount(count));
    }

    /** ZSCAN: one page of members with scores from {@code cursor} ({@link ScanCursor#START} to begin). */
    default CompletableFuture<ScanCursor<ScoredValue<V>>> zscan(Object key, String cursor) {
        return zscan(key, cursor, ScanArgs.of());
    }

    /** ZSCAN with MATCH or COUNT: one page of members with scores. */
    default CompletableFuture<ScanCursor<ScoredValue<V>>> zscan(Object key, String cursor, ScanArgs args) {
        Args command = Args.of(4, "ZSCAN", key, Objects.requireNonNull(cursor, "cursor"));
        Objects.requireNonNull(args, "args").appendTo(command, "ZSCAN");
        return command(CommandReplies.scanPage(CommandReplies.scored()), command.array());
    }

    /** Every member with its score, walking ZSCAN to its end (in no particular order). */
    default CompletableFuture<List<ScoredValue<V>>> zscanAll(Object key) {
        return zscanAll(key, ScanArgs.of());
    }

    /** Every member with its score that {@code args} select, walking ZSCAN to its end; each member once. */
    default CompletableFuture<List<ScoredValue<V>>> zscanAll(Object key, ScanArgs args) {
        Objects.requireNonNull(args, "args");
        return ScanIteration.collect(cursor -> zscan(key, cursor, args));
    }

    private static Object[] zrangeArgs(Object key, ZRangeArgs range, boolean withScores) {
        Args command = Args.of(9, "ZRANGE", key);
        Objects.requireNonNull(range, "range").appendTo(command);
        return (withScores ? command.add("WITHSCORES") : command).array();
    }

    private static double checkScore(double score, Object member) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score of " + member + " is NaN");
        }
        return score;
    }

    private static long checkCount(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count < 0: " + count);
        }
        return count;
    }
}
