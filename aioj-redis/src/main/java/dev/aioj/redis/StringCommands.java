package dev.aioj.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The string commands (GET, SET and its options, counters, ranges), typed:
 * each method sends one command and completes with its reply as a Java value.
 * A missing key reads as {@code null}; a key of another type fails with
 * {@link RedisReplyException} of kind {@code WRONGTYPE}.
 *
 * <p>Keys and values are {@code Object}s, sent like {@link #execute}'s
 * arguments ({@code String} as UTF-8, {@code byte[]}, numbers, {@code
 * ByteBuffer}); a null or another type fails at once with {@link
 * IllegalArgumentException} and nothing is sent. Values read back decode with
 * the view's {@link Codec} ({@code V}).
 *
 * <p>Thread contract: any thread (see {@link BaseCommands}).
 *
 * @param <V> what bulk-string replies decode to
 */
public interface StringCommands<V> extends BaseCommands<V> {

    /** GET: the value, or null if the key does not exist. */
    default CompletableFuture<V> get(Object key) {
        return command(Reply.value(), "GET", key);
    }

    /** SET: always true (the key now holds {@code value}, any time to live removed). */
    default CompletableFuture<Boolean> set(Object key, Object value) {
        return command(Reply.BOOLEAN, "SET", key, value);
    }

    /** SET with options: true if the value was set, false if the NX or XX condition kept it from being set. */
    default CompletableFuture<Boolean> set(Object key, Object value, SetArgs args) {
        Args command = Args.of(6, "SET", key, value);
        Objects.requireNonNull(args, "args").appendTo(command);
        return command(Reply.BOOLEAN, command.array());
    }

    /** SET ... GET (Redis 6.2): sets {@code value}, completes with the old value (null if there was none). */
    default CompletableFuture<V> setGet(Object key, Object value) {
        return command(Reply.value(), "SET", key, value, "GET");
    }

    /**
     * SET ... GET with options: the old value, or null if there was none. With
     * NX (Redis 7.0) a null does not tell whether the value was set.
     */
    default CompletableFuture<V> setGet(Object key, Object value, SetArgs args) {
        Args command = Args.of(7, "SET", key, value);
        Objects.requireNonNull(args, "args").appendTo(command);
        return command(Reply.value(), command.add("GET").array());
    }

    /** SETNX: true if the key was set, false if it existed already. */
    default CompletableFuture<Boolean> setnx(Object key, Object value) {
        return command(Reply.BOOLEAN, "SETNX", key, value);
    }

    /** SETEX: sets {@code value} to expire after {@code ttl}, a whole number of seconds. */
    default CompletableFuture<Void> setex(Object key, Duration ttl, Object value) {
        return command(Reply.OK, "SETEX", key, Expiry.ex(ttl).amount(), value);
    }

    /** PSETEX: sets {@code value} to expire after {@code ttl}, a whole number of milliseconds. */
    default CompletableFuture<Void> psetex(Object key, Duration ttl, Object value) {
        return command(Reply.OK, "PSETEX", key, Expiry.px(ttl).amount(), value);
    }

    /** GETDEL (Redis 6.2): the value, deleting the key; null if it did not exist. */
    default CompletableFuture<V> getdel(Object key) {
        return command(Reply.value(), "GETDEL", key);
    }

    /** GETEX (Redis 6.2): the value, changing the key's time to live as {@code args} say; null if missing. */
    default CompletableFuture<V> getex(Object key, GetExArgs args) {
        Args command = Args.of(3, "GETEX", key);
        Objects.requireNonNull(args, "args").appendTo(command);
        return command(Reply.value(), command.array());
    }

    /** MGET: the values in the order of {@code keys}, null where a key is missing or not a string. */
    default CompletableFuture<List<V>> mget(Object... keys) {
        return command(Reply.list(), Args.withKeys("MGET", keys));
    }

    /** MSET: sets every key of {@code values} to its value, atomically. */
    default CompletableFuture<Void> mset(Map<?, ?> values) {
        Args.nonEmpty("MSET", "key", values);
        return command(Reply.OK, Args.of(values.size() * 2, "MSET").addPairs(values).array());
    }

    /** MSETNX: sets all of {@code values} if none of the keys exists (true), else none (false). */
    default CompletableFuture<Boolean> msetnx(Map<?, ?> values) {
        Args.nonEmpty("MSETNX", "key", values);
        return command(Reply.BOOLEAN, Args.of(values.size() * 2, "MSETNX").addPairs(values).array());
    }

    /** INCR: the value after adding one (a missing key counts as 0). */
    default CompletableFuture<Long> incr(Object key) {
        return command(Reply.LONG, "INCR", key);
    }

    /** INCRBY: the value after adding {@code amount}. */
    default CompletableFuture<Long> incrby(Object key, long amount) {
        return command(Reply.LONG, "INCRBY", key, amount);
    }

    /** INCRBYFLOAT: the value after adding {@code amount}, as a double. */
    default CompletableFuture<Double> incrbyfloat(Object key, double amount) {
        return command(Reply.DOUBLE, "INCRBYFLOAT", key, amount);
    }

    /** DECR: the value after subtracting one. */
    default CompletableFuture<Long> decr(Object key) {
        return command(Reply.LONG, "DECR", key);
    }

    /** DECRBY: the value after subtracting {@code amount}. */
    default CompletableFuture<Long> decrby(Object key, long amount) {
        return command(Reply.LONG, "DECRBY", key, amount);
    }

    /** APPEND: the string's length after appending {@code value} (a missing key is created). */
    default CompletableFuture<Long> append(Object key, Object value) {
        return command(Reply.LONG, "APPEND", key, value);
    }

    /** STRLEN: the value's length in bytes, 0 for a missing key. */
    default CompletableFuture<Long> strlen(Object key) {
        return command(Reply.LONG, "STRLEN", key);
    }

    /** GETRANGE: the bytes from {@code start} to {@code end}, inclusive, negative from the end; empty if missing. */
    default CompletableFuture<V> getrange(Object key, long start, long end) {
        return command(Reply.value(), "GETRANGE", key, start, end);
    }

    /** SETRANGE: overwrites from {@code offset} (zero-padding a gap); the string's length after. */
    default CompletableFuture<Long> setrange(Object key, long offset, Object value) {
        return command(Reply.LONG, "SETRANGE", key, offset, value);
    }
}
