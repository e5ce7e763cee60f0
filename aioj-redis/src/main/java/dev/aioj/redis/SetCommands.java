package dev.aioj.redis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The set commands, typed: members, membership, algebra between sets, random
 * members, SSCAN. A missing key reads as an empty set; a key of another type
 * fails with {@link RedisReplyException} of kind {@code WRONGTYPE}.
 *
 * <p>Sets come back as insertion-ordered {@code Set}s in the server's order
 * (RESP3 sets and RESP2 arrays alike). With the {@link Codec#BYTES} codec
 * their {@code byte[]} members compare by identity: iterate them rather than
 * call {@code contains}.
 *
 * <p>Thread contract: any thread (see {@link BaseCommands}).
 *
 * @param <V> what bulk-string replies decode to
 */
public interface SetCommands<V> extends BaseCommands<V> {

    /** SADD: how many of {@code members} were new. */
    default CompletableFuture<Long> sadd(Object key, Object... members) {
        return command(Reply.LONG, Args.withMembers("SADD", key, "member", members));
    }

    /** SREM: how many of {@code members} were there and removed. */
    default CompletableFuture<Long> srem(Object key, Object... members) {
        return command(Reply.LONG, Args.withMembers("SREM", key, "member", members));
    }

    /** SMEMBERS: every member; empty if the key is missing. */
    default CompletableFuture<Set<V>> smembers(Object key) {
        return command(Reply.set(), "SMEMBERS", key);
    }

    /** SISMEMBER: true if {@code member} is in the set. */
    default CompletableFuture<Boolean> sismember(Object key, Object member) {
        return command(Reply.BOOLEAN, "SISMEMBER", key, member);
    }

    /** SMISMEMBER (Redis 6.2): for each of {@code members}, in order, whether it is in the set. */
    default CompletableFuture<List<Boolean>> smismember(Object key, Object... members) {
        return command(CommandReplies.BOOLEANS, Args.withMembers("SMISMEMBER", key, "member", members));
    }

    /** SCARD: the number of members, 0 if the key is missing. */
    default CompletableFuture<Long> scard(Object key) {
        return command(Reply.LONG, "SCARD", key);
    }

    /** SINTER: the members in every one of {@code keys}. */
    default CompletableFuture<Set<V>> sinter(Object... keys) {
        return command(Reply.set(), Args.withKeys("SINTER", keys));
    }

    /** SUNION: the members in any of {@code keys}. */
    default CompletableFuture<Set<V>> sunion(Object... keys) {
        return command(Reply.set(), Args.withKeys("SUNION", keys));
    }

    /** SDIFF: the members of the first key that are in none of the others. */
    default CompletableFuture<Set<V>> sdiff(Object... keys) {
        return command(Reply.set(), Args.withKeys("SDIFF", keys));
    }

    /** SINTERSTORE: stores SINTER of {@code keys} in {@code destination}; its size. */
    default CompletableFuture<Long> sinterstore(Object destination, Object... keys) {
        return command(Reply.LONG, Args.withMembers("SINTERSTORE", destination, "key", keys));
    }

    /** SUNIONSTORE: stores SUNION of {@code keys} in {@code destination}; its size. */
    default CompletableFuture<Long> sunionstore(Object destination, Object... keys) {
        return command(Reply.LONG, Args.withMembers("SUNIONSTORE", destination, "key", keys));
    }

    /** SDIFFSTORE: stores SDIFF of {@code keys} in {@code destination}; its size. */
    default CompletableFuture<Long> sdiffstore(Object destination, Object... keys) {
        return command(Reply.LONG, Args.withMembers("SDIFFSTORE", destination, "key", keys));
    }

    /** SMOVE: moves {@code member} from {@code source} to {@code destination}; false if it was not in source. */
    default CompletableFuture<Boolean> smove(Object source, Object destination, Object member) {
        return command(Reply.BOOLEAN, "SMOVE", source, destination, member);
    }

    /** SPOP: removes and returns a random member, or null if the set is empty. */
    default CompletableFuture<V> spop(Object key) {
        return command(Reply.value(), "SPOP", key);
    }

    /** SPOP with a count: removes and returns up to {@code count} random members. */
    default CompletableFuture<Set<V>> spop(Object key, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count < 0: " + count);
        }
        return command(CommandReplies.setOrEmpty(), "SPOP", key, count);
    }

    /** SRANDMEMBER: a random member, not removed; null if the set is empty. */
    default CompletableFuture<V> srandmember(Object key) {
        return command(Reply.value(), "SRANDMEMBER", key);
    }

    /**
     * SRANDMEMBER with a count: up to {@code count} distinct random members;
     * a negative count returns exactly {@code -count}, possibly repeated.
     */
    default CompletableFuture<List<V>> srandmember(Object key, long count) {
        return command(CommandReplies.listOrEmpty(), "SRANDMEMBER", key, count);
    }

    /** SSCAN: one page of members from {@code cursor} ({@link ScanCursor#START} to begin). */
    default CompletableFuture<ScanCursor<V>> sscan(Object key, String cursor) {
        return sscan(key, cursor, ScanArgs.of());
    }

    /** SSCAN with MATCH or COUNT: one page of members. */
    default CompletableFuture<ScanCursor<V>> sscan(Object key, String cursor, ScanArgs args) {
        Args command = Args.of(4, "SSCAN", key, Objects.requireNonNull(cursor, "cursor"));
        Objects.requireNonNull(args, "args").appendTo(command, "SSCAN");
        return command(CommandReplies.scanPage(Reply.list()), command.array());
    }

    /** Every member, walking SSCAN to its end: SMEMBERS without blocking the server on a huge set. */
    default CompletableFuture<Set<V>> sscanAll(Object key) {
        return sscanAll(key, ScanArgs.of());
    }

    /** Every member {@code args} select, walking SSCAN to its end; each member once. */
    default CompletableFuture<Set<V>> sscanAll(Object key, ScanArgs args) {
        Objects.requireNonNull(args, "args");
        return ScanIteration.<V>collect(cursor -> sscan(key, cursor, args)).thenApply(LinkedHashSet::new);
    }
}
