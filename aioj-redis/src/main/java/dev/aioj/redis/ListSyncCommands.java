package dev.aioj.redis;

import java.time.Duration;
import java.util.List;

/**
 * The blocking twins of {@link ListCommands}, the list commands: each method
 * sends the same command and waits for its reply, throwing a failure as the
 * typed {@link RedisException} itself, unwrapped. Part of {@link
 * RedisSyncCommands}, split out so each family stays one file. The blocking
 * commands (BLPOP, ...) wait up to their block timeout plus the view's
 * deadline; run them on a connection of their own.
 *
 * <p>Thread contract: any thread except an event loop thread, where waiting
 * would deadlock ({@link IllegalStateException}).
 *
 * @param <V> what bulk-string replies decode to
 */
public interface ListSyncCommands<V> {

    /** The asynchronous view these methods wait on. */
    RedisCommands<V> async();

    /** {@link ListCommands#lpush(Object, Object...)}, waiting for the reply. */
    default Long lpush(Object key, Object... values) {
        return RedisSyncCommands.await(async().lpush(key, values));
    }

    /** {@link ListCommands#rpush(Object, Object...)}, waiting for the reply. */
    default Long rpush(Object key, Object... values) {
        return RedisSyncCommands.await(async().rpush(key, values));
    }

    /** {@link ListCommands#lpushx(Object, Object...)}, waiting for the reply. */
    default Long lpushx(Object key, Object... values) {
        return RedisSyncCommands.await(async().lpushx(key, values));
    }

    /** {@link ListCommands#rpushx(Object, Object...)}, waiting for the reply. */
    default Long rpushx(Object key, Object... values) {
        return RedisSyncCommands.await(async().rpushx(key, values));
    }

    /** {@link ListCommands#lpop(Object)}, waiting for the reply. */
    default V lpop(Object key) {
        return RedisSyncCommands.await(async().lpop(key));
    }

    /** {@link ListCommands#lpop(Object, long)}, waiting for the reply. */
    default List<V> lpop(Object key, long count) {
        return RedisSyncCommands.await(async().lpop(key, count));
    }

    /** {@link ListCommands#rpop(Object)}, waiting for the reply. */
    default V rpop(Object key) {
        return RedisSyncCommands.await(async().rpop(key));
    }

    /** {@link ListCommands#rpop(Object, long)}, waiting for the reply. */
    default List<V> rpop(Object key, long count) {
        return RedisSyncCommands.await(async().rpop(key, count));
    }

    /** {@link ListCommands#lrange(Object, long, long)}, waiting for the reply. */
    default List<V> lrange(Object key, long start, long stop) {
        return RedisSyncCommands.await(async().lrange(key, start, stop));
    }

    /** {@link ListCommands#llen(Object)}, waiting for the reply. */
    default Long llen(Object key) {
        return RedisSyncCommands.await(async().llen(key));
    }

    /** {@link ListCommands#lindex(Object, long)}, waiting for the reply. */
    default V lindex(Object key, long index) {
        return RedisSyncCommands.await(async().lindex(key, index));
    }

    /** {@link ListCommands#lset(Object, long, Object)}, waiting for the reply. */
    default void lset(Object key, long index, Object value) {
        RedisSyncCommands.await(async().lset(key, index, value));
    }

    /** {@link ListCommands#lrem(Object, long, Object)}, waiting for the reply. */
    default Long lrem(Object key, long count, Object value) {
        return RedisSyncCommands.await(async().lrem(key, count, value));
    }

    /** {@link ListCommands#ltrim(Object, long, long)}, waiting for the reply. */
    default void ltrim(Object key, long start, long stop) {
        RedisSyncCommands.await(async().ltrim(key, start, stop));
    }

    /** {@link ListCommands#linsert(Object, boolean, Object, Object)}, waiting for the reply. */
    default Long linsert(Object key, boolean before, Object pivot, Object value) {
        return RedisSyncCommands.await(async().linsert(key, before, pivot, value));
    }

    /** {@link ListCommands#lmove(Object, Object, ListSide, ListSide)}, waiting for the reply. */
    default V lmove(Object source, Object destination, ListSide from, ListSide to) {
        return RedisSyncCommands.await(async().lmove(source, destination, from, to));
    }

    /** {@link ListCommands#blpop(Duration, Object...)}, waiting for the reply. */
    default KeyValue<V> blpop(Duration timeout, Object... keys) {
        return RedisSyncCommands.await(async().blpop(timeout, keys));
    }

    /** {@link ListCommands#brpop(Duration, Object...)}, waiting for the reply. */
    default KeyValue<V> brpop(Duration timeout, Object... keys) {
        return RedisSyncCommands.await(async().brpop(timeout, keys));
    }

    /** {@link ListCommands#blmove(Object, Object, ListSide, ListSide, Duration)}, waiting for the reply. */
    default V blmove(Object source, Object destination, ListSide from, ListSide to, Duration timeout) {
        return RedisSyncCommands.await(async().blmove(source, destination, from, to, timeout));
    }
}
