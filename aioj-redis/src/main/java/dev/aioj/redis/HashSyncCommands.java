package dev.aioj.redis;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The blocking twins of {@link HashCommands}, the hash commands: each method sends
 * the same command and waits for its reply, throwing a failure as the typed
 * {@link RedisException} itself, unwrapped. Part of {@link RedisSyncCommands},
 * split out so each family stays one file.
 *
 * <p>Thread contract: any thread except an event loop thread, where waiting
 * would deadlock ({@link IllegalStateException}).
 *
 * @param <V> what bulk-string replies decode to
 */
public interface HashSyncCommands<V> {

    /** The asynchronous view these methods wait on. */
    RedisCommands<V> async();

    /** {@link HashCommands#hset(Object, Object, Object)}, waiting for the reply. */
    default Boolean hset(Object key, Object field, Object value) {
        return RedisSyncCommands.await(async().hset(key, field, value));
    }

    /** {@link HashCommands#hset(Object, Map)}, waiting for the reply. */
    default Long hset(Object key, Map<?, ?> fields) {
        return RedisSyncCommands.await(async().hset(key, fields));
    }

    /** {@link HashCommands#hsetnx(Object, Object, Object)}, waiting for the reply. */
    default Boolean hsetnx(Object key, Object field, Object value) {
        return RedisSyncCommands.await(async().hsetnx(key, field, value));
    }

    /** {@link HashCommands#hget(Object, Object)}, waiting for the reply. */
    default V hget(Object key, Object field) {
        return RedisSyncCommands.await(async().hget(key, field));
    }

    /** {@link HashCommands#hmget(Object, Object...)}, waiting for the reply. */
    default List<V> hmget(Object key, Object... fields) {
        return RedisSyncCommands.await(async().hmget(key, fields));
    }

    /** {@link HashCommands#hdel(Object, Object...)}, waiting for the reply. */
    default Long hdel(Object key, Object... fields) {
        return RedisSyncCommands.await(async().hdel(key, fields));
    }

    /** {@link HashCommands#hgetall(Object)}, waiting for the reply. */
    default Map<V, V> hgetall(Object key) {
        return RedisSyncCommands.await(async().hgetall(key));
    }

    /** {@link HashCommands#hlen(Object)}, waiting for the reply. */
    default Long hlen(Object key) {
        return RedisSyncCommands.await(async().hlen(key));
    }

    /** {@link HashCommands#hexists(Object, Object)}, waiting for the reply. */
    default Boolean hexists(Object key, Object field) {
        return RedisSyncCommands.await(async().hexists(key, field));
    }

    /** {@link HashCommands#hincrby(Object, Object, long)}, waiting for the reply. */
    default Long hincrby(Object key, Object field, long amount) {
        return RedisSyncCommands.await(async().hincrby(key, field, amount));
    }

    /** {@link HashCommands#hincrbyfloat(Object, Object, double)}, waiting for the reply. */
    default Double hincrbyfloat(Object key, Object field, double amount) {
        return RedisSyncCommands.await(async().hincrbyfloat(key, field, amount));
    }

    /** {@link HashCommands#hkeys(Object)}, waiting for the reply. */
    default List<V> hkeys(Object key) {
        return RedisSyncCommands.await(async().hkeys(key));
    }

    /** {@link HashCommands#hvals(Object)}, waiting for the reply. */
    default List<V> hvals(Object key) {
        return RedisSyncCommands.await(async().hvals(key));
    }

    /** {@link HashCommands#hstrlen(Object, Object)}, waiting for the reply. */
    default Long hstrlen(Object key, Object field) {
        return RedisSyncCommands.await(async().hstrlen(key, field));
    }

    /** {@link HashCommands#hscan(Object, String)}, waiting for the reply. */
    default ScanCursor<Map.Entry<V, V>> hscan(Object key, String cursor) {
        return RedisSyncCommands.await(async().hscan(key, cursor));
    }

    /** {@link HashCommands#hscan(Object, String, ScanArgs)}, waiting for the reply. */
    default ScanCursor<Map.Entry<V, V>> hscan(Object key, String cursor, ScanArgs args) {
        return RedisSyncCommands.await(async().hscan(key, cursor, args));
    }

    /** {@link HashCommands#hscanAll(Object)}, waiting for the reply. */
    default Map<V, V> hscanAll(Object key) {
        return RedisSyncCommands.await(async().hscanAll(key));
    }

    /** {@link HashCommands#hscanAll(Object, ScanArgs)}, waiting for the reply. */
    default Map<V, V> hscanAll(Object key, ScanArgs args) {
        return RedisSyncCommands.await(async().hscanAll(key, args));
    }

    /** The hash's entries, HSCAN pages fetched lazily (see {@link KeySyncCommands#scanIterable}). */
    default Iterable<Map.Entry<V, V>> hscanIterable(Object key, ScanArgs args) {
        Objects.requireNonNull(args, "args");
        RedisCommands<V> async = async();
        return ScanIteration.lazily(cursor -> RedisSyncCommands.await(async.hscan(key, cursor, args)));
    }

    /** {@link #hscanIterable} as a sequential stream. */
    default Stream<Map.Entry<V, V>> hscanStream(Object key, ScanArgs args) {
        Objects.requireNonNull(args, "args");
        RedisCommands<V> async = async();
        return ScanIteration.stream(cursor -> RedisSyncCommands.await(async.hscan(key, cursor, args)));
    }
}
