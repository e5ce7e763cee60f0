package dev.aioj.memcached;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * {@link MemcachedCommands#getOrCompute}: cache-aside with memcached's
 * stampede protection. Each attempt is one {@code mg key v c t N<lock>
 * R<window>}; the server decides who recomputes:
 *
 * <pre>
 * hit, fresh                       -&gt; the value
 * W (won: miss vivified, or stale) -&gt; run the loader, ms key C&lt;cas&gt; T&lt;ttl&gt;, return its value
 * Z, stale (X) or a real value     -&gt; the current value (someone else is recomputing)
 * Z, empty placeholder             -&gt; wait (2 ms doubling to 50 ms) and ask again
 * </pre>
 *
 * The CAS on the store keeps a value computed from old data from
 * overwriting a newer invalidation. A failed loader deletes the placeholder
 * so that the next caller wins at once.
 *
 * <p>Thread contract: callbacks run on the client's loop thread.
 */
final class Stampede {

    private static final System.Logger LOG = System.getLogger(Stampede.class.getName());
    private static final long FIRST_WAIT_NANOS = Duration.ofMillis(2).toNanos();
    private static final long LONGEST_WAIT_NANOS = Duration.ofMillis(50).toNanos();

    private final MemcachedClient client;
    private final long lockSeconds;
    private final long giveUpNanos;
    private final Duration lock;

    Stampede(MemcachedClient client, Duration lock, Duration timeout) {
        this.client = client;
        this.lock = lock;
        this.lockSeconds = Ttl.seconds(lock);
        this.giveUpNanos = lock.plus(timeout).toNanos();
    }

    CompletableFuture<byte[]> getOrCompute(String key, long ttlSeconds,
            Function<String, ? extends CompletionStage<byte[]>> loader) {
        Call call = new Call(key, ttlSeconds, loader, client.loop().createFuture(), System.nanoTime() + giveUpNanos);
        attempt(call, FIRST_WAIT_NANOS);
        return call.result;
    }

    private record Call(String key, long ttlSeconds, Function<String, ? extends CompletionStage<byte[]>> loader,
            CompletableFuture<byte[]> result, long giveUpAt) {

        /** The early-recompute window: the last tenth of the TTL, for TTLs of 10 s or more (up to 30 days). */
        int recacheSeconds() {
            return ttlSeconds >= 10 && ttlSeconds <= Ttl.MAX_RELATIVE ? (int) (ttlSeconds / 10) : 0;
        }
    }

    private void attempt(Call call, long waitNanos) {
        CompletableFuture<GetRequest.Lease> lease;
        try {
            lease = client.lease(call.key, lockSeconds, call.recacheSeconds());
        } catch (RuntimeException e) {
            call.result.completeExceptionally(e);
            return;
        }
        lease.whenComplete((l, error) -> {
            if (error != null) {
                call.result.completeExceptionally(unwrap(error));
            } else if (l == null) {
                waitForWinner(call, waitNanos); // a miss despite N (the item was just deleted): ask again
            } else if (l.win()) {
                recompute(call, l);
            } else if (l.alreadyWon() && !l.stale() && l.value().length == 0) {
                waitForWinner(call, waitNanos);
            } else {
                call.result.complete(l.value());
            }
        });
    }

    private void waitForWinner(Call call, long waitNanos) {
        if (System.nanoTime() + waitNanos - call.giveUpAt > 0) {
            call.result.completeExceptionally(new MemcachedTimeoutException("mg", lock, true,
                    client.serverFor(call.key)));
            return;
        }
        client.loop().callLater(Duration.ofNanos(waitNanos),
                () -> attempt(call, Math.min(waitNanos * 2, LONGEST_WAIT_NANOS)));
    }

    private void recompute(Call call, GetRequest.Lease lease) {
        CompletionStage<byte[]> loading;
        try {
            loading = call.loader.apply(call.key);
            if (loading == null) throw new NullPointerException("the loader of " + call.key + " returned null");
        } catch (RuntimeException e) {
            release(call, e);
            return;
        }
        loading.whenComplete((value, error) -> {
            Throwable failure = error != null ? unwrap(error)
                    : value == null ? new NullPointerException("the loader of " + call.key + " gave a null value")
                    : null;
            if (failure != null) {
                release(call, failure);
                return;
            }
            client.store(StoreMode.SET, call.key, value, Duration.ofSeconds(call.ttlSeconds), 0, lease.cas())
                    .whenComplete((stored, storeError) -> {
                        if (storeError != null || stored != StoreResult.STORED) {
                            LOG.log(System.Logger.Level.DEBUG, "recomputed {0} not stored: {1}", call.key,
                                    storeError != null ? storeError : stored);
                        }
                        call.result.complete(value); // the caller gets the value it computed either way
                    });
        });
    }

    /** The winner failed: delete the placeholder so that the next caller wins, and report the loader's failure. */
    private void release(Call call, Throwable failure) {
        client.delete(call.key, false, 0).whenComplete((deleted, error) -> call.result.completeExceptionally(failure));
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
