package dev.aioj.memcached;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What a memcached client does, each call returning a future at once; the
 * requests of all threads are pipelined. Keys are any non-empty string: up to
 * 250 characters of printable ASCII go as they are, others as base64 of their
 * UTF-8 (at most 186 bytes). A TTL of {@link Duration#ZERO} never expires.
 * Values are bytes, at most the server's item size ({@code -I}, 1 MiB by
 * default): a larger one fails with the server's {@link
 * MemcachedReplyException} and the connection goes on.
 *
 * <p>Futures fail with a {@link MemcachedException}; {@link
 * MemcachedClient#sync()} is the same API blocking.
 *
 * <p>Thread contract: any thread. A bad argument (null or bad key, negative
 * TTL) throws {@link IllegalArgumentException} at once, nothing sent.
 */
public interface MemcachedCommands {

    /** {@code mg key v}: the value, or null on a miss. */
    CompletableFuture<byte[]> get(String key);

    /** {@code mg key v f c t}: the value with its flags, CAS and remaining TTL, or null on a miss. */
    CompletableFuture<Item> getItem(String key);

    /**
     * Several keys at once: one quiet {@code mg} per key and one {@code mn}
     * per server, so misses cost no reply. Only hits are in the map.
     */
    CompletableFuture<Map<String, byte[]>> getMulti(Collection<String> keys);

    /** {@code mg key v T<ttl>}: the value, now expiring after {@code ttl}; null on a miss. */
    CompletableFuture<byte[]> getAndTouch(String key, Duration ttl);

    /** {@code mg key T<ttl>}: sets a new TTL; false if the key is missing. */
    CompletableFuture<Boolean> touch(String key, Duration ttl);

    /** {@code ms key S}: stores the value; true once stored. */
    CompletableFuture<Boolean> set(String key, byte[] value, Duration ttl);

    /** {@code ms key ME}: stores only if the key is missing; true if it was added. */
    CompletableFuture<Boolean> add(String key, byte[] value, Duration ttl);

    /** {@code ms key MR}: stores only if the key exists; true if it was replaced. */
    CompletableFuture<Boolean> replace(String key, byte[] value, Duration ttl);

    /** {@code ms key MA}: appends to an existing value; false if the key is missing. */
    CompletableFuture<Boolean> append(String key, byte[] value);

    /** {@code ms key MP}: prepends to an existing value; false if the key is missing. */
    CompletableFuture<Boolean> prepend(String key, byte[] value);

    /**
     * {@code ms key C<cas>}: stores only if the item still has the CAS value
     * {@link #getItem} returned: {@link StoreResult#STORED}, {@link
     * StoreResult#EXISTS} (someone changed it meanwhile) or {@link
     * StoreResult#NOT_FOUND} (it is gone).
     */
    CompletableFuture<StoreResult> cas(String key, byte[] value, long cas, Duration ttl);

    /**
     * {@code ms} with every option: the mode, client flags (32 bits), a CAS
     * value (0 for none).
     */
    CompletableFuture<StoreResult> store(StoreMode mode, String key, byte[] value, Duration ttl, int flags, long cas);

    /** {@code md key}: true if the key existed. */
    CompletableFuture<Boolean> delete(String key);

    /**
     * {@code md key I T<ttl>}: marks the item stale instead of deleting it and
     * gives it {@code staleTtl} to live. The next {@link #getOrCompute} wins
     * the right to recompute it while the others still get the stale value.
     * False if the key is missing.
     */
    CompletableFuture<Boolean> invalidate(String key, Duration staleTtl);

    /** {@code ma key D<delta>}: the counter after adding {@code delta} (unsigned 64 bits); null if missing. */
    CompletableFuture<Long> incr(String key, long delta);

    /** {@code ma key MD D<delta>}: the counter after subtracting (memcached stops at 0); null if missing. */
    CompletableFuture<Long> decr(String key, long delta);

    /**
     * {@code ma key N<ttl> J<initial> D<delta>}: like {@link #incr}, creating
     * a missing counter as {@code initial} (which is then returned, without
     * the delta) with {@code ttl}. Never null.
     */
    CompletableFuture<Long> incr(String key, long delta, long initial, Duration ttl);

    /**
     * The cache-aside read with stampede protection, on memcached's own
     * flags ({@code mg key v c t N<lock> R<window>}): a hit returns the value;
     * on a miss exactly one caller, across every client of the cache, wins
     * and runs {@code loader}, whose value is stored with {@code ttl} and
     * returned; the others wait for it (polling with backoff) and get it too.
     * A stale item ({@link #invalidate}d, or within the last tenth of its TTL
     * when {@code ttl} is 10 s or more) is recomputed by one winner while the
     * others get the stale value at once.
     *
     * <p>{@code loader} runs on the client's loop thread and must not block:
     * return a future (use {@code loop().runBlocking} for blocking work, or
     * the blocking view's variant). If it fails, the placeholder is deleted so
     * that another caller may try, and this call fails with its exception.
     * Waiting callers give up after {@link MemcachedOptions#stampedeLock} plus
     * the timeout with a {@link MemcachedTimeoutException}.
     */
    CompletableFuture<byte[]> getOrCompute(String key, Duration ttl,
            Function<String, ? extends CompletionStage<byte[]>> loader);
}
