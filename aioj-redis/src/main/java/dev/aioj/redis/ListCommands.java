package dev.aioj.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The list commands, typed: push and pop at either end, ranges, edits, moves
 * between lists, and the blocking pops. A missing key reads as an empty list;
 * a key of another type fails with {@link RedisReplyException} of kind
 * {@code WRONGTYPE}.
 *
 * <p><b>Blocking commands</b> (BLPOP, BRPOP, BLMOVE) hold the connection's
 * reply stream until they are answered: every command pipelined behind them
 * on the same connection waits too. Give them a connection of their own. Each
 * gets a client deadline of its block timeout plus the view's {@link
 * #timeout()} (plus 200 ms, as Redis ends blocks on its 100 ms timer tick),
 * so a block that ends with "nothing" is never failed by the client first; a
 * block timeout of zero (wait forever) has no deadline. A deadline counts
 * from the call: a blocking command queued behind another one spends part
 * of it waiting its turn.
 *
 * <p>Thread contract: any thread (see {@link BaseCommands}).
 *
 * @param <V> what bulk-string replies decode to
 */
public interface ListCommands<V> extends BaseCommands<V> {

    /** LPUSH: inserts {@code values} at the head, one after the other (so the last ends up first); the new length. */
    default CompletableFuture<Long> lpush(Object key, Object... values) {
        return command(Reply.LONG, Args.withMembers("LPUSH", key, "value", values));
    }

    /** RPUSH: appends {@code values} at the tail, in order; the new length. */
    default CompletableFuture<Long> rpush(Object key, Object... values) {
        return command(Reply.LONG, Args.withMembers("RPUSH", key, "value", values));
    }

    /** LPUSHX: LPUSH only if the list exists; the new length, 0 if it did not exist. */
    default CompletableFuture<Long> lpushx(Object key, Object... values) {
        return command(Reply.LONG, Args.withMembers("LPUSHX", key, "value", values));
    }

    /** RPUSHX: RPUSH only if the list exists; the new length, 0 if it did not exist. */
    default CompletableFuture<Long> rpushx(Object key, Object... values) {
        return command(Reply.LONG, Args.withMembers("RPUSHX", key, "value", values));
    }

    /** LPOP: removes and returns the head, or null if the list is empty. */
    default CompletableFuture<V> lpop(Object key) {
        return command(Reply.value(), "LPOP", key);
    }

    /** LPOP with a count (Redis 6.2): up to {@code count} elements from the head; empty if the key is missing. */
    default CompletableFuture<List<V>> lpop(Object key, long count) {
        return command(CommandReplies.listOrEmpty(), "LPOP", key, checkCount(count));
    }

    /** RPOP: removes and returns the tail, or null if the list is empty. */
    default CompletableFuture<V> rpop(Object key) {
        return command(Reply.value(), "RPOP", key);
    }

    /** RPOP with a count (Redis 6.2): up to {@code count} elements from the tail, last first; empty if missing. */
    default CompletableFuture<List<V>> rpop(Object key, long count) {
        return command(CommandReplies.listOrEmpty(), "RPOP", key, checkCount(count));
    }

    /** LRANGE: the elements from {@code start} to {@code stop}, inclusive; negative indexes count from the end. */
    default CompletableFuture<List<V>> lrange(Object key, long start, long stop) {
        return command(Reply.list(), "LRANGE", key, start, stop);
    }

    /** LLEN: the length, 0 if the key is missing. */
    default CompletableFuture<Long> llen(Object key) {
        return command(Reply.LONG, "LLEN", key);
    }

    /** LINDEX: the element at {@code index} (negative from the end), or null if out of range. */
    default CompletableFuture<V> lindex(Object key, long index) {
        return command(Reply.value(), "LINDEX", key, index);
    }

    /** LSET: replaces the element at {@code index}; fails with ERR if out of range or the key is missing. */
    default CompletableFuture<Void> lset(Object key, long index, Object value) {
        return command(Reply.OK, "LSET", key, index, value);
    }

    /**
     * LREM: removes elements equal to {@code value}, {@code count} of them from
     * the head (positive), from the tail (negative) or all (zero); how many.
     */
    default CompletableFuture<Long> lrem(Object key, long count, Object value) {
        return command(Reply.LONG, "LREM", key, count, value);
    }

    /** LTRIM: keeps only the elements from {@code start} to {@code stop}, inclusive. */
    default CompletableFuture<Void> ltrim(Object key, long start, long stop) {
        return command(Reply.OK, "LTRIM", key, start, stop);
    }

    /**
     * LINSERT: inserts {@code value} before (or after) the first element equal
     * to {@code pivot}; the new length, -1 if the pivot is not there, 0 if the
     * key is missing.
     */
    default CompletableFuture<Long> linsert(Object key, boolean before, Object pivot, Object value) {
        return command(Reply.LONG, "LINSERT", key, before ? "BEFORE" : "AFTER", pivot, value);
    }

    /**
     * LMOVE (Redis 6.2): moves one element from the {@code from} end of {@code
     * source} to the {@code to} end of {@code destination}, atomically; the
     * element, or null if {@code source} is empty. Source and destination may
     * be the same list (a rotation).
     */
    default CompletableFuture<V> lmove(Object source, Object destination, ListSide from, ListSide to) {
        return command(Reply.value(), "LMOVE", source, destination, Objects.requireNonNull(from, "from").name(),
                Objects.requireNonNull(to, "to").name());
    }

    /**
     * BLPOP: pops the head of the first non-empty list of {@code keys},
     * waiting up to {@code timeout} (zero: forever, at millisecond precision)
     * for one; the key and element, or null when the wait ended with nothing.
     */
    default CompletableFuture<KeyValue<V>> blpop(Duration timeout, Object... keys) {
        return blocking(timeout).command(CommandReplies.keyValue(), blockingPop("BLPOP", timeout, keys));
    }

    /** BRPOP: like {@link #blpop}, popping the tail. */
    default CompletableFuture<KeyValue<V>> brpop(Duration timeout, Object... keys) {
        return blocking(timeout).command(CommandReplies.keyValue(), blockingPop("BRPOP", timeout, keys));
    }

    /**
     * BLMOVE (Redis 6.2): like {@link #lmove}, waiting up to {@code timeout}
     * (zero: forever) for an element in {@code source}; null if none came.
     */
    default CompletableFuture<V> blmove(Object source, Object destination, ListSide from, ListSide to,
            Duration timeout) {
        return blocking(timeout).command(Reply.value(), "BLMOVE", source, destination,
                Objects.requireNonNull(from, "from").name(), Objects.requireNonNull(to, "to").name(),
                Expiry.blockSeconds(timeout));
    }

    /**
     * This view with the deadline a command blocking up to {@code block}
     * needs: {@code block} + {@link #timeout()} + the server's timer slack,
     * none if either is zero.
     */
    private RedisCommands<V> blocking(Duration block) {
        return withTimeout(Expiry.blockDeadline(block, timeout()));
    }

    private static Object[] blockingPop(String command, Duration timeout, Object[] keys) {
        Args.nonEmpty(command, "key", keys);
        return Args.of(keys.length + 1, command).addAll(keys).add(Expiry.blockSeconds(timeout)).array();
    }

    private static long checkCount(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count < 0: " + count);
        }
        return count;
    }
}
