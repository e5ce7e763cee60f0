package dev.aioj.redis;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The blocking twins of {@link SortedSetCommands}, the sorted-set commands: each method sends
 * the same command and waits for its reply, throwing a failure as the typed
 * {@link RedisException} itself, unwrapped. Part of {@link RedisSyncCommands},
 * split out so each family stays one file.
 *
 * <p>Thread contract: any thread except an event loop thread, where waiting
 * would deadlock ({@link IllegalStateException}).
 *
 * @param <V> what bulk-string replies decode to
 */
public interface SortedSetSyncCommands<V> {

    /** The asynchronous view these methods wait on. */
    RedisCommands<V> async();

    /** {@link SortedSetCommands#zadd(Object, double, Object)}, waiting for the reply. */
    default Long zadd(Object key, double score, Object member) {
        return RedisSyncCommands.await(async().zadd(key, score, member));
    }

    /** {@link SortedSetCommands#zadd(Object, ZAddArgs, double, Object)}, waiting for the reply. */
    default Long zadd(Object key, ZAddArgs args, double score, Object member) {
        return RedisSyncCommands.await(async().zadd(key, args, score, member));
    }

    /** {@link SortedSetCommands#zadd(Object, Map)}, waiting for the reply. */
    default Long zadd(Object key, Map<?, ? extends Number> scores) {
        return RedisSyncCommands.await(async().zadd(key, scores));
    }

    /** {@link SortedSetCommands#zadd(Object, ZAddArgs, Map)}, waiting for the reply. */
    default Long zadd(Object key, ZAddArgs args, Map<?, ? extends Number> scores) {
        return RedisSyncCommands.await(async().zadd(key, args, scores));
    }

    /** {@link SortedSetCommands#zscore(Object, Object)}, waiting for the reply. */
    default Double zscore(Object key, Object member) {
        return RedisSyncCommands.await(async().zscore(key, member));
    }

    /** {@link SortedSetCommands#zmscore(Object, Object...)}, waiting for the reply. */
    default List<Double> zmscore(Object key, Object... members) {
        return RedisSyncCommands.await(async().zmscore(key, members));
    }

    /** {@link SortedSetCommands#zincrby(Object, double, Object)}, waiting for the reply. */
    default Double zincrby(Object key, double amount, Object member) {
        return RedisSyncCommands.await(async().zincrby(key, amount, member));
    }

    /** {@link SortedSetCommands#zrange(Object, long, long)}, waiting for the reply. */
    default List<V> zrange(Object key, long start, long stop) {
        return RedisSyncCommands.await(async().zrange(key, start, stop));
    }

    /** {@link SortedSetCommands#zrange(Object, ZRangeArgs)}, waiting for the reply. */
    default List<V> zrange(Object key, ZRangeArgs range) {
        return RedisSyncCommands.await(async().zrange(key, range));
    }

    /** {@link SortedSetCommands#zrangeWithScores(Object, long, long)}, waiting for the reply. */
    default List<ScoredValue<V>> zrangeWithScores(Object key, long start, long stop) {
        return RedisSyncCommands.await(async().zrangeWithScores(key, start, stop));
    }

    /** {@link SortedSetCommands#zrangeWithScores(Object, ZRangeArgs)}, waiting for the reply. */
    default List<ScoredValue<V>> zrangeWithScores(Object key, ZRangeArgs range) {
        return RedisSyncCommands.await(async().zrangeWithScores(key, range));
    }

    /** {@link SortedSetCommands#zrank(Object, Object)}, waiting for the reply. */
    default Long zrank(Object key, Object member) {
        return RedisSyncCommands.await(async().zrank(key, member));
    }

    /** {@link SortedSetCommands#zrevrank(Object, Object)}, waiting for the reply. */
    default Long zrevrank(Object key, Object member) {
        return RedisSyncCommands.await(async().zrevrank(key, member));
    }

    /** {@link SortedSetCommands#zrem(Object, Object...)}, waiting for the reply. */
    default Long zrem(Object key, Object... members) {
        return RedisSyncCommands.await(async().zrem(key, members));
    }

    /** {@link SortedSetCommands#zremrangebyrank(Object, long, long)}, waiting for the reply. */
    default Long zremrangebyrank(Object key, long start, long stop) {
        return RedisSyncCommands.await(async().zremrangebyrank(key, start, stop));
    }

    /** {@link SortedSetCommands#zremrangebyscore(Object, double, double)}, waiting for the reply. */
    default Long zremrangebyscore(Object key, double min, double max) {
        return RedisSyncCommands.await(async().zremrangebyscore(key, min, max));
    }

    /** {@link SortedSetCommands#zcard(Object)}, waiting for the reply. */
    default Long zcard(Object key) {
        return RedisSyncCommands.await(async().zcard(key));
    }

    /** {@link SortedSetCommands#zcount(Object, double, double)}, waiting for the reply. */
    default Long zcount(Object key, double min, double max) {
        return RedisSyncCommands.await(async().zcount(key, min, max));
    }

    /** {@link SortedSetCommands#zcount(Object, String, String)}, waiting for the reply. */
    default Long zcount(Object key, String min, String max) {
        return RedisSyncCommands.await(async().zcount(key, min, max));
    }

    /** {@link SortedSetCommands#zpopmin(Object)}, waiting for the reply. */
    default ScoredValue<V> zpopmin(Object key) {
        return RedisSyncCommands.await(async().zpopmin(key));
    }

    /** {@link SortedSetCommands#zpopmin(Object, long)}, waiting for the reply. */
    default List<ScoredValue<V>> zpopmin(Object key, long count) {
        return RedisSyncCommands.await(async().zpopmin(key, count));
    }

    /** {@link SortedSetCommands#zpopmax(Object)}, waiting for the reply. */
    default ScoredValue<V> zpopmax(Object key) {
        return RedisSyncCommands.await(async().zpopmax(key));
    }

    /** {@link SortedSetCommands#zpopmax(Object, long)}, waiting for the reply. */
    default List<ScoredValue<V>> zpopmax(Object key, long count) {
        return RedisSyncCommands.await(async().zpopmax(key, count));
    }

    /** {@link SortedSetCommands#zscan(Object, String)}, waiting for the reply. */
    default ScanCursor<ScoredValue<V>> zscan(Object key, String cursor) {
        return RedisSyncCommands.await(async().zscan(key, cursor));
    }

    /** {@link SortedSetCommands#zscan(Object, String, ScanArgs)}, waiting for the reply. */
    default ScanCursor<ScoredValue<V>> zscan(Object key, String cursor, ScanArgs args) {
        return RedisSyncCommands.await(async().zscan(key, cursor, args));
    }

    /** {@link SortedSetCommands#zscanAll(Object)}, waiting for the reply. */
    default List<ScoredValue<V>> zscanAll(Object key) {
        return RedisSyncCommands.await(async().zscanAll(key));
    }

    /** {@link SortedSetCommands#zscanAll(Object, ScanArgs)}, waiting for the reply. */
    default List<ScoredValue<V>> zscanAll(Object key, ScanArgs args) {
        return RedisSyncCommands.await(async().zscanAll(key, args));
    }

    /** The sorted set's members with scores, ZSCAN pages fetched lazily (see {@link KeySyncCommands#scanIterable}). */
    default Iterable<ScoredValue<V>> zscanIterable(Object key, ScanArgs args) {
        Objects.requireNonNull(args, "args");
        RedisCommands<V> async = async();
        return ScanIteration.lazily(cursor -> RedisSyncCommands.await(async.zscan(key, cursor, args)));
    }

    /** {@link #zscanIterable} as a sequential stream. */
    default Stream<ScoredValue<V>> zscanStream(Object key, ScanArgs args) {
        Objects.requireNonNull(args, "args");
        RedisCommands<V> async = async();
        return ScanIteration.stream(cursor -> RedisSyncCommands.await(async.zscan(key, cursor, args)));
    }
}
