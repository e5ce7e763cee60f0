package dev.aioj.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The blocking twins of {@link StringCommands}, the string commands: each method sends
 * the same command and waits for its reply, throwing a failure as the typed
 * {@link RedisException} itself, unwrapped. Part of {@link RedisSyncCommands},
 * split out so each family stays one file.
 *
 * <p>Thread contract: any thread except an event loop thread, where waiting
 * would deadlock ({@link IllegalStateException}).
 *
 * @param <V> what bulk-string replies decode to
 */
public interface StringSyncCommands<V> {

    /** The asynchronous view these methods wait on. */
    RedisCommands<V> async();

    /** {@link StringCommands#get(Object)}, waiting for the reply. */
    default V get(Object key) {
        return RedisSyncCommands.await(async().get(key));
    }

    /** {@link StringCommands#set(Object, Object)}, waiting for the reply. */
    default Boolean set(Object key, Object value) {
        return RedisSyncCommands.await(async().set(key, value));
    }

    /** {@link StringCommands#set(Object, Object, SetArgs)}, waiting for the reply. */
    default Boolean set(Object key, Object value, SetArgs args) {
        return RedisSyncCommands.await(async().set(key, value, args));
    }

    /** {@link StringCommands#setGet(Object, Object)}, waiting for the reply. */
    default V setGet(Object key, Object value) {
        return RedisSyncCommands.await(async().setGet(key, value));
    }

    /** {@link StringCommands#setGet(Object, Object, SetArgs)}, waiting for the reply. */
    default V setGet(Object key, Object value, SetArgs args) {
        return RedisSyncCommands.await(async().setGet(key, value, args));
    }

    /** {@link StringCommands#setnx(Object, Object)}, waiting for the reply. */
    default Boolean setnx(Object key, Object value) {
        return RedisSyncCommands.await(async().setnx(key, value));
    }

    /** {@link StringCommands#setex(Object, Duration, Object)}, waiting for the reply. */
    default void setex(Object key, Duration ttl, Object value) {
        RedisSyncCommands.await(async().setex(key, ttl, value));
    }

    /** {@link StringCommands#psetex(Object, Duration, Object)}, waiting for the reply. */
    default void psetex(Object key, Duration ttl, Object value) {
        RedisSyncCommands.await(async().psetex(key, ttl, value));
    }

    /** {@link StringCommands#getdel(Object)}, waiting for the reply. */
    default V getdel(Object key) {
        return RedisSyncCommands.await(async().getdel(key));
    }

    /** {@link StringCommands#getex(Object, GetExArgs)}, waiting for the reply. */
    default V getex(Object key, GetExArgs args) {
        return RedisSyncCommands.await(async().getex(key, args));
    }

    /** {@link StringCommands#mget(Object...)}, waiting for the reply. */
    default List<V> mget(Object... keys) {
        return RedisSyncCommands.await(async().mget(keys));
    }

    /** {@link StringCommands#mset(Map)}, waiting for the reply. */
    default void mset(Map<?, ?> values) {
        RedisSyncCommands.await(async().mset(values));
    }

    /** {@link StringCommands#msetnx(Map)}, waiting for the reply. */
    default Boolean msetnx(Map<?, ?> values) {
        return RedisSyncCommands.await(async().msetnx(values));
    }

    /** {@link StringCommands#incr(Object)}, waiting for the reply. */
    default Long incr(Object key) {
        return RedisSyncCommands.await(async().incr(key));
    }

    /** {@link StringCommands#incrby(Object, long)}, waiting for the reply. */
    default Long incrby(Object key, long amount) {
        return RedisSyncCommands.await(async().incrby(key, amount));
    }

    /** {@link StringCommands#incrbyfloat(Object, double)}, waiting for the reply. */
    default Double incrbyfloat(Object key, double amount) {
        return RedisSyncCommands.await(async().incrbyfloat(key, amount));
    }

    /** {@link StringCommands#decr(Object)}, waiting for the reply. */
    default Long decr(Object key) {
        return RedisSyncCommands.await(async().decr(key));
    }

    /** {@link StringCommands#decrby(Object, long)}, waiting for the reply. */
    default Long decrby(Object key, long amount) {
        return RedisSyncCommands.await(async().decrby(key, amount));
    }

    /** {@link StringCommands#append(Object, Object)}, waiting for the reply. */
    default Long append(Object key, Object value) {
        return RedisSyncCommands.await(async().append(key, value));
    }

    /** {@link StringCommands#strlen(Object)}, waiting for the reply. */
    default Long strlen(Object key) {
        return RedisSyncCommands.await(async().strlen(key));
    }

    /** {@link StringCommands#getrange(Object, long, long)}, waiting for the reply. */
    default V getrange(Object key, long start, long end) {
        return RedisSyncCommands.await(async().getrange(key, start, end));
    }

    /** {@link StringCommands#setrange(Object, long, Object)}, waiting for the reply. */
    default Long setrange(Object key, long offset, Object value) {
        return RedisSyncCommands.await(async().setrange(key, offset, value));
    }
}
