package dev.aioj.redis;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The blocking twins of {@link SetCommands}, the set commands: each method sends
 * the same command and waits for its reply, throwing a failure as the typed
 * {@link RedisException} itself, unwrapped. Part of {@link RedisSyncCommands},
 * split out so each family stays one file.
 *
 * <p>Thread contract: any thread except an event loop thread, where waiting
 * would deadlock ({@link IllegalStateException}).
 *
 * @param <V> what bulk-string replies decode to
 */
public interface SetSyncCommands<V> {

    /** The asynchronous view these methods wait on. */
    RedisCommands<V> async();

    /** {@link SetCommands#sadd(Object, Object...)}, waiting for the reply. */
    default Long sadd(Object key, Object... members) {
        return RedisSyncCommands.await(async().sadd(key, members));
    }

    /** {@link SetCommands#srem(Object, Object...)}, waiting for the reply. */
    default Long srem(Object key, Object... members) {
        return RedisSyncCommands.await(async().srem(key, members));
    }

    /** {@link SetCommands#smembers(Object)}, waiting for the reply. */
    default Set<V> smembers(Object key) {
        return RedisSyncCommands.await(async().smembers(key));
    }

    /** {@link SetCommands#sismember(Object, Object)}, waiting for the reply. */
    default Boolean sismember(Object key, Object member) {
        return RedisSyncCommands.await(async().sismember(key, member));
    }

    /** {@link SetCommands#smismember(Object, Object...)}, waiting for the reply. */
    default List<Boolean> smismember(Object key, Object... members) {
        return RedisSyncCommands.await(async().smismember(key, members));
    }

    /** {@link SetCommands#scard(Object)}, waiting for the reply. */
    default Long scard(Object key) {
        return RedisSyncCommands.await(async().scard(key));
    }

    /** {@link SetCommands#sinter(Object...)}, waiting for the reply. */
    default Set<V> sinter(Object... keys) {
        return RedisSyncCommands.await(async().sinter(keys));
    }

    /** {@link SetCommands#sunion(Object...)}, waiting for the reply. */
    default Set<V> sunion(Object... keys) {
        return RedisSyncCommands.await(async().sunion(keys));
    }

    /** {@link SetCommands#sdiff(Object...)}, waiting for the reply. */
    default Set<V> sdiff(Object... keys) {
        return RedisSyncCommands.await(async().sdiff(keys));
    }

    /** {@link SetCommands#sinterstore(Object, Object...)}, waiting for the reply. */
    default Long sinterstore(Object destination, Object... keys) {
        return RedisSyncCommands.await(async().sinterstore(destination, keys));
    }

    /** {@link SetCommands#sunionstore(Object, Object...)}, waiting for the reply. */
    default Long sunionstore(Object destination, Object... keys) {
        return RedisSyncCommands.await(async().sunionstore(destination, keys));
    }

    /** {@link SetCommands#sdiffstore(Object, Object...)}, waiting for the reply. */
    default Long sdiffstore(Object destination, Object... keys) {
        return RedisSyncCommands.await(async().sdiffstore(destination, keys));
    }

    /** {@link SetCommands#smove(Object, Object, Object)}, waiting for the reply. */
    default Boolean smove(Object source, Object destination, Object member) {
        return RedisSyncCommands.await(async().smove(source, destination, member));
    }

    /** {@link SetCommands#spop(Object)}, waiting for the reply. */
    default V spop(Object key) {
        return RedisSyncCommands.await(async().spop(key));
    }

    /** {@link SetCommands#spop(Object, long)}, waiting for the reply. */
    default Set<V> spop(Object key, long count) {
        return RedisSyncCommands.await(async().spop(key, count));
    }

    /** {@link SetCommands#srandmember(Object)}, waiting for the reply. */
    default V srandmember(Object key) {
        return RedisSyncCommands.await(async().srandmember(key));
    }

    /** {@link SetCommands#srandmember(Object, long)}, waiting for the reply. */
    default List<V> srandmember(Object key, long count) {
        return RedisSyncCommands.await(async().srandmember(key, count));
    }

    /** {@link SetCommands#sscan(Object, String)}, waiting for the reply. */
    default ScanCursor<V> sscan(Object key, String cursor) {
        return RedisSyncCommands.await(async().sscan(key, cursor));
    }

    /** {@link SetCommands#sscan(Object, String, ScanArgs)}, waiting for the reply. */
    default ScanCursor<V> sscan(Object key, String cursor, ScanArgs args) {
        return RedisSyncCommands.await(async().sscan(key, cursor, args));
    }

    /** {@link SetCommands#sscanAll(Object)}, waiting for the reply. */
    default Set<V> sscanAll(Object key) {
        return RedisSyncCommands.await(async().sscanAll(key));
    }

    /** {@link SetCommands#sscanAll(Object, ScanArgs)}, waiting for the reply. */
    default Set<V> sscanAll(Object key, ScanArgs args) {
        return RedisSyncCommands.await(async().sscanAll(key, args));
    }

    /** The set's members, SSCAN pages fetched lazily (see {@link KeySyncCommands#scanIterable}). */
    default Iterable<V> sscanIterable(Object key, ScanArgs args) {
        Objects.requireNonNull(args, "args");
        RedisCommands<V> async = async();
        return ScanIteration.lazily(cursor -> RedisSyncCommands.await(async.sscan(key, cursor, args)));
    }

    /** {@link #sscanIterable} as a sequential stream. */
    default Stream<V> sscanStream(Object key, ScanArgs args) {
        Objects.requireNonNull(args, "args");
        RedisCommands<V> async = async();
        return ScanIteration.stream(cursor -> RedisSyncCommands.await(async.sscan(key, cursor, args)));
    }
}
