package dev.aioj.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The commands on keys of any type, typed: delete, test, expire, rename,
 * copy, find (KEYS, and SCAN with a cursor page or the whole iteration at
 * once). DBSIZE is with the {@link ServerCommands server commands}.
 *
 * <p>Times: a {@link Duration} is sent exactly ({@link #expire} picks EXPIRE
 * for whole seconds, PEXPIRE for milliseconds) and a sub-millisecond part is
 * refused; an {@link Instant} is truncated to the millisecond. Keys are sent
 * like {@link #execute}'s arguments.
 *
 * <p>Thread contract: any thread (see {@link BaseCommands}).
 *
 * @param <V> what bulk-string replies (here: key names) decode to
 */
public interface KeyCommands<V> extends BaseCommands<V> {

    /** DEL: how many of {@code keys} existed and were deleted. */
    default CompletableFuture<Long> del(Object... keys) {
        return command(Reply.LONG, Args.withKeys("DEL", keys));
    }

    /** UNLINK: like DEL, but big values are freed in the background; how many were removed. */
    default CompletableFuture<Long> unlink(Object... keys) {
        return command(Reply.LONG, Args.withKeys("UNLINK", keys));
    }

    /** EXISTS: how many of {@code keys} exist (a key named twice counts twice). */
    default CompletableFuture<Long> exists(Object... keys) {
        return command(Reply.LONG, Args.withKeys("EXISTS", keys));
    }

    /** TOUCH: how many of {@code keys} exist; updates their last access time. */
    default CompletableFuture<Long> touch(Object... keys) {
        return command(Reply.LONG, Args.withKeys("TOUCH", keys));
    }

    /**
     * EXPIRE (whole seconds) or PEXPIRE (milliseconds): true if the key exists
     * and now expires after {@code ttl}; zero or negative deletes it.
     */
    default CompletableFuture<Boolean> expire(Object key, Duration ttl) {
        return command(Reply.BOOLEAN, Expiry.expire(key, ttl));
    }

    /** PEXPIRE: true if the key exists and now expires after {@code ttl}, a whole number of milliseconds. */
    default CompletableFuture<Boolean> pexpire(Object key, Duration ttl) {
        return command(Reply.BOOLEAN, "PEXPIRE", key, Expiry.exactMillis(ttl));
    }

    /** EXPIREAT (a whole second) or PEXPIREAT: true if the key exists and now expires at {@code at}. */
    default CompletableFuture<Boolean> expireAt(Object key, Instant at) {
        return command(Reply.BOOLEAN, Expiry.expireAt(key, at));
    }

    /** PEXPIREAT: true if the key exists and now expires at {@code at}, truncated to the millisecond. */
    default CompletableFuture<Boolean> pexpireAt(Object key, Instant at) {
        return command(Reply.BOOLEAN, "PEXPIREAT", key, Objects.requireNonNull(at, "at").toEpochMilli());
    }

    /** TTL: seconds left to live; -1 if the key does not expire, -2 if it does not exist. */
    default CompletableFuture<Long> ttl(Object key) {
        return command(Reply.LONG, "TTL", key);
    }

    /** PTTL: milliseconds left to live; -1 if the key does not expire, -2 if it does not exist. */
    default CompletableFuture<Long> pttl(Object key) {
        return command(Reply.LONG, "PTTL", key);
    }

    /** PERSIST: true if the key had a time to live and now has none. */
    default CompletableFuture<Boolean> persist(Object key) {
        return command(Reply.BOOLEAN, "PERSIST", key);
    }

    /** TYPE: {@code string}, {@code list}, {@code set}, {@code zset}, {@code hash}, {@code stream}, or {@code none}. */
    default CompletableFuture<String> type(Object key) {
        return command(Reply.STATUS, "TYPE", key);
    }

    /** RENAME: moves {@code key} to {@code newKey}, replacing it; fails with ERR if {@code key} does not exist. */
    default CompletableFuture<Void> rename(Object key, Object newKey) {
        return command(Reply.OK, "RENAME", key, newKey);
    }

    /** RENAMENX: true if renamed, false if {@code newKey} exists already. */
    default CompletableFuture<Boolean> renamenx(Object key, Object newKey) {
        return command(Reply.BOOLEAN, "RENAMENX", key, newKey);
    }

    /**
     * KEYS: every key matching the glob {@code pattern}. It blocks the server
     * while it walks the whole keyspace: in production, use {@link #scanAll}.
     */
    default CompletableFuture<List<V>> keys(String pattern) {
        return command(Reply.list(), "KEYS", pattern);
    }

    /** SCAN: one page of keys from {@code cursor} ({@link ScanCursor#START} to begin). */
    default CompletableFuture<ScanCursor<V>> scan(String cursor) {
        return scan(cursor, ScanArgs.of());
    }

    /** SCAN with MATCH, COUNT or TYPE: one page of keys from {@code cursor}. */
    default CompletableFuture<ScanCursor<V>> scan(String cursor, ScanArgs args) {
        Args command = Args.of(6, "SCAN", Objects.requireNonNull(cursor, "cursor"));
        Objects.requireNonNull(args, "args").appendTo(command, "SCAN");
        return command(CommandReplies.scanPage(Reply.list()), command.array());
    }

    /** Every key, walking SCAN to its end: each key once, without blocking the server like KEYS. */
    default CompletableFuture<List<V>> scanAll() {
        return scanAll(ScanArgs.of());
    }

    /** Every key {@code args} select, walking SCAN to its end; each key once, in the order first seen. */
    default CompletableFuture<List<V>> scanAll(ScanArgs args) {
        Objects.requireNonNull(args, "args");
        return ScanIteration.collect(cursor -> scan(cursor, args));
    }

    /** RANDOMKEY: a random key, or null if the database is empty. */
    default CompletableFuture<V> randomkey() {
        return command(Reply.value(), "RANDOMKEY");
    }

    /** COPY (Redis 6.2): true if copied, false if {@code destination} exists already. */
    default CompletableFuture<Boolean> copy(Object source, Object destination) {
        return command(Reply.BOOLEAN, "COPY", source, destination);
    }

    /** COPY, replacing {@code destination} if {@code replace}: true if copied. */
    default CompletableFuture<Boolean> copy(Object source, Object destination, boolean replace) {
        return replace ? command(Reply.BOOLEAN, "COPY", source, destination, "REPLACE") : copy(source, destination);
    }

    /** OBJECT ENCODING: how the value is stored ({@code embstr}, {@code listpack}, ...), or null if missing. */
    default CompletableFuture<String> objectEncoding(Object key) {
        return command(Reply.STATUS, "OBJECT", "ENCODING", key);
    }
}
