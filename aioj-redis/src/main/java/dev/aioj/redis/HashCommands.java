package dev.aioj.redis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The hash commands, typed: fields and their values under one key. A missing
 * key reads as an empty hash; a key of another type fails with {@link
 * RedisReplyException} of kind {@code WRONGTYPE}.
 *
 * <p>Maps come back in the server's order. With the {@link Codec#BYTES}
 * codec their keys are {@code byte[]}, compared by identity: iterate them
 * rather than look fields up.
 *
 * <p>Thread contract: any thread (see {@link BaseCommands}).
 *
 * @param <V> what bulk-string replies decode to
 */
public interface HashCommands<V> extends BaseCommands<V> {

    /** HSET of one field: true if the field is new, false if its value was replaced. */
    default CompletableFuture<Boolean> hset(Object key, Object field, Object value) {
        return command(Reply.BOOLEAN, "HSET", key, field, value);
    }

    /** HSET of many fields at once: how many were new. */
    default CompletableFuture<Long> hset(Object key, Map<?, ?> fields) {
        Args.nonEmpty("HSET", "field", fields);
        return command(Reply.LONG, Args.of(fields.size() * 2, "HSET", key).addPairs(fields).array());
    }

    /** HSETNX: true if the field was set, false if it existed already. */
    default CompletableFuture<Boolean> hsetnx(Object key, Object field, Object value) {
        return command(Reply.BOOLEAN, "HSETNX", key, field, value);
    }

    /** HGET: the field's value, or null if the field or the key is missing. */
    default CompletableFuture<V> hget(Object key, Object field) {
        return command(Reply.value(), "HGET", key, field);
    }

    /** HMGET: the values of {@code fields} in their order, null where missing. */
    default CompletableFuture<List<V>> hmget(Object key, Object... fields) {
        return command(Reply.list(), Args.withMembers("HMGET", key, "field", fields));
    }

    /** HDEL: how many of {@code fields} existed and were removed. */
    default CompletableFuture<Long> hdel(Object key, Object... fields) {
        return command(Reply.LONG, Args.withMembers("HDEL", key, "field", fields));
    }

    /** HGETALL: every field and value (a RESP3 map or a RESP2 flat array); empty if the key is missing. */
    default CompletableFuture<Map<V, V>> hgetall(Object key) {
        return command(Reply.map(), "HGETALL", key);
    }

    /** HLEN: the number of fields, 0 if the key is missing. */
    default CompletableFuture<Long> hlen(Object key) {
        return command(Reply.LONG, "HLEN", key);
    }

    /** HEXISTS: true if the field exists. */
    default CompletableFuture<Boolean> hexists(Object key, Object field) {
        return command(Reply.BOOLEAN, "HEXISTS", key, field);
    }

    /** HINCRBY: the field's value after adding {@code amount} (a missing field counts as 0). */
    default CompletableFuture<Long> hincrby(Object key, Object field, long amount) {
        return command(Reply.LONG, "HINCRBY", key, field, amount);
    }

    /** HINCRBYFLOAT: the field's value after adding {@code amount}. */
    default CompletableFuture<Double> hincrbyfloat(Object key, Object field, double amount) {
        return command(Reply.DOUBLE, "HINCRBYFLOAT", key, field, amount);
    }

    /** HKEYS: every field name. */
    default CompletableFuture<List<V>> hkeys(Object key) {
        return command(Reply.list(), "HKEYS", key);
    }

    /** HVALS: every value. */
    default CompletableFuture<List<V>> hvals(Object key) {
        return command(Reply.list(), "HVALS", key);
    }

    /** HSTRLEN: the length of the field's value in bytes, 0 if missing. */
    default CompletableFuture<Long> hstrlen(Object key, Object field) {
        return command(Reply.LONG, "HSTRLEN", key, field);
    }

    /** HSCAN: one page of field/value entries from {@code cursor} ({@link ScanCursor#START} to begin). */
    default CompletableFuture<ScanCursor<Map.Entry<V, V>>> hscan(Object key, String cursor) {
        return hscan(key, cursor, ScanArgs.of());
    }

    /** HSCAN with MATCH (on field names) or COUNT: one page of entries. */
    default CompletableFuture<ScanCursor<Map.Entry<V, V>>> hscan(Object key, String cursor, ScanArgs args) {
        Args command = Args.of(4, "HSCAN", key, Objects.requireNonNull(cursor, "cursor"));
        Objects.requireNonNull(args, "args").appendTo(command, "HSCAN");
        return command(CommandReplies.scanPage(CommandReplies.entries()), command.array());
    }

    /** Every field and value, walking HSCAN to its end: HGETALL without blocking the server on a huge hash. */
    default CompletableFuture<Map<V, V>> hscanAll(Object key) {
        return hscanAll(key, ScanArgs.of());
    }

    /** Every field and value {@code args} select, walking HSCAN to its end; each field once. */
    default CompletableFuture<Map<V, V>> hscanAll(Object key, ScanArgs args) {
        Objects.requireNonNull(args, "args");
        return ScanIteration.<Map.Entry<V, V>>collect(cursor -> hscan(key, cursor, args)).thenApply(entries -> {
            Map<V, V> map = new LinkedHashMap<>();
            entries.forEach(entry -> map.put(entry.getKey(), entry.getValue()));
            return map;
        });
    }
}
