package dev.aioj.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The blocking twins of {@link KeyCommands}, the key commands: each method sends
 * the same command and waits for its reply, throwing a failure as the typed
 * {@link RedisException} itself, unwrapped. Part of {@link RedisSyncCommands},
 * split out so each family stays one file.
 *
 * <p>Thread contract: any thread except an event loop thread, where waiting
 * would deadlock ({@link IllegalStateException}).
 *
 * @param <V> what bulk-string replies decode to
 */
public interface KeySyncCommands<V> {

    /** The asynchronous view these methods wait on. */
    RedisCommands<V> async();

    /** {@link KeyCommands#del(Object...)}, waiting for the reply. */
    default Long del(Object... keys) {
        return RedisSyncCommands.await(async().del(keys));
    }

    /** {@link KeyCommands#unlink(Object...)}, waiting for the reply. */
    default Long unlink(Object... keys) {
        return RedisSyncCommands.await(async().unlink(keys));
    }

    /** {@link KeyCommands#exists(Object...)}, waiting for the reply. */
    default Long exists(Object... keys) {
        return RedisSyncCommands.await(async().exists(keys));
    }

    /** {@link KeyCommands#touch(Object...)}, waiting for the reply. */
    default Long touch(Object... keys) {
        return RedisSyncCommands.await(async().touch(keys));
    }

    /** {@link KeyCommands#expire(Object, Duration)}, waiting for the reply. */
    default Boolean expire(Object key, Duration ttl) {
        return RedisSyncCommands.await(async().expire(key, ttl));
    }

    /** {@link KeyCommands#pexpire(Object, Duration)}, waiting for the reply. */
    default Boolean pexpire(Object key, Duration ttl) {
        return RedisSyncCommands.await(async().pexpire(key, ttl));
    }

    /** {@link KeyCommands#expireAt(Object, Instant)}, waiting for the reply. */
    default Boolean expireAt(Object key, Instant at) {
        return RedisSyncCommands.await(async().expireAt(key, at));
    }

    /** {@link KeyCommands#pexpireAt(Object, Instant)}, waiting for the reply. */
    default Boolean pexpireAt(Object key, Instant at) {
        return RedisSyncCommands.await(async().pexpireAt(key, at));
    }

    /** {@link KeyCommands#ttl(Object)}, waiting for the reply. */
    default Long ttl(Object key) {
        return RedisSyncCommands.await(async().ttl(key));
    }

    /** {@link KeyCommands#pttl(Object)}, waiting for the reply. */
    default Long pttl(Object key) {
        return RedisSyncCommands.await(async().pttl(key));
    }

    /** {@link KeyCommands#persist(Object)}, waiting for the reply. */
    default Boolean persist(Object key) {
        return RedisSyncCommands.await(async().persist(key));
    }

    /** {@link KeyCommands#type(Object)}, waiting for the reply. */
    default String type(Object key) {
        return RedisSyncCommands.await(async().type(key));
    }

    /** {@link KeyCommands#rename(Object, Object)}, waiting for the reply. */
    default void rename(Object key, Object newKey) {
        RedisSyncCommands.await(async().rename(key, newKey));
    }

    /** {@link KeyCommands#renamenx(Object, Object)}, waiting for the reply. */
    default Boolean renamenx(Object key, Object newKey) {
        return RedisSyncCommands.await(async().renamenx(key, newKey));
    }

    /** {@link KeyCommands#keys(String)}, waiting for the reply. */
    default List<V> keys(String pattern) {
        return RedisSyncCommands.await(async().keys(pattern));
    }

    /** {@link KeyCommands#scan(String)}, waiting for the reply. */
    default ScanCursor<V> scan(String cursor) {
        return RedisSyncCommands.await(async().scan(cursor));
    }

    /** {@link KeyCommands#scan(String, ScanArgs)}, waiting for the reply. */
    default ScanCursor<V> scan(String cursor, ScanArgs args) {
        return RedisSyncCommands.await(async().scan(cursor, args));
    }

    /** {@link KeyCommands#scanAll()}, waiting for the reply. */
    default List<V> scanAll() {
        return RedisSyncCommands.await(async().scanAll());
    }

    /** {@link KeyCommands#scanAll(ScanArgs)}, waiting for the reply. */
    default List<V> scanAll(ScanArgs args) {
        return RedisSyncCommands.await(async().scanAll(args));
    }

    /** {@link KeyCommands#randomkey()}, waiting for the reply. */
    default V randomkey() {
        return RedisSyncCommands.await(async().randomkey());
    }

    /** {@link KeyCommands#copy(Object, Object)}, waiting for the reply. */
    default Boolean copy(Object source, Object destination) {
        return RedisSyncCommands.await(async().copy(source, destination));
    }

    /** {@link KeyCommands#copy(Object, Object, boolean)}, waiting for the reply. */
    default Boolean copy(Object source, Object destination, boolean replace) {
        return RedisSyncCommands.await(async().copy(source, destination, replace));
    }

    /** {@link KeyCommands#objectEncoding(Object)}, waiting for the reply. */
    default String objectEncoding(Object key) {
        return RedisSyncCommands.await(async().objectEncoding(key));
    }

    /**
     * Every key {@code args} select, SCAN pages fetched lazily as the
     * iteration goes (one page in memory at a time); each {@code iterator()}
     * starts a new scan. Like SCAN, a key may come twice if the keyspace is
     * resized meanwhile; {@link #scanAll} returns each once.
     */
    default Iterable<V> scanIterable(ScanArgs args) {
        Objects.requireNonNull(args, "args");
        RedisCommands<V> async = async();
        return ScanIteration.lazily(cursor -> RedisSyncCommands.await(async.scan(cursor, args)));
    }

    /** {@link #scanIterable} as a sequential stream: {@code scanStream(args).filter(...).limit(100)}. */
    default Stream<V> scanStream(ScanArgs args) {
        Objects.requireNonNull(args, "args");
        RedisCommands<V> async = async();
        return ScanIteration.stream(cursor -> RedisSyncCommands.await(async.scan(cursor, args)));
    }
}
