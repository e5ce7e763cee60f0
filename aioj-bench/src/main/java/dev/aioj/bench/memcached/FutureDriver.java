package dev.aioj.bench.memcached;

import dev.aioj.bench.redis.Passes;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;

/**
 * The passes for a library whose calls return a future at once (aioj,
 * spymemcached, Folsom), written once: a driver only says how to send a GET
 * and a SET and how to read their results. A window of N in flight is a ring
 * of N futures: before sending request i, wait for request i - N.
 *
 * <p>Thread contract: one benchmark thread calls the passes; (c) starts its
 * own virtual threads.
 */
abstract class FutureDriver implements MemcachedDriver {

    /** Sends a GET of {@code key}. */
    abstract Future<?> get(String key);

    /** Sends a SET of {@code key} (no expiry). */
    abstract Future<?> set(String key, byte[] value);

    /** Whether a SET's result says stored. */
    abstract boolean stored(Object setResult);

    @Override
    public double pipelined(Workload workload, int total, int window) throws Exception {
        Future<?>[] ring = new Future[window];
        byte[] value = workload.value();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            int slot = i % window;
            if (ring[slot] != null) {
                check(i - window, workload, ring[slot]);
            }
            String key = workload.key(i);
            ring[slot] = Workload.isSet(i) ? set(key, value) : get(key);
        }
        for (int i = Math.max(0, total - window); i < total; i++) {
            check(i, workload, ring[i % window]);
        }
        return Passes.perSecond(total, System.nanoTime() - start);
    }

    /** Pass (a) waits as users do: the library's blocking get. */
    private void check(int i, Workload workload, Future<?> f) throws Exception {
        if (Workload.isSet(i)) {
            MemcachedDriver.checkStored(name(), stored(f.get()));
        } else {
            MemcachedDriver.check(name(), workload.value(), f.get());
        }
    }

    @Override
    public double pipelinedGets(Workload workload, int total, int window) throws Exception {
        Future<?>[] ring = new Future[window];
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            int slot = i % window;
            if (ring[slot] != null) {
                MemcachedDriver.awaitDone(ring[slot]);
                MemcachedDriver.check(name(), workload.value(), ring[slot].get());
            }
            ring[slot] = get(Workload.LATENCY_KEY);
        }
        for (Future<?> f : ring) {
            if (f != null) {
                MemcachedDriver.awaitDone(f);
                MemcachedDriver.check(name(), workload.value(), f.get());
            }
        }
        return Passes.perSecond(total, System.nanoTime() - start);
    }

    @Override
    public void depthOne(Workload workload, int count, Histogram latencies) throws Exception {
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            Object v = get(Workload.LATENCY_KEY).get();
            latencies.recordValue(System.nanoTime() - start);
            if (i == 0) MemcachedDriver.check(name(), workload.value(), v);
        }
    }

    @Override
    public double shared(Workload workload, int threads, int opsPerThread) throws Exception {
        byte[] value = workload.value();
        long nanos = Passes.onVirtualThreads(threads, thread -> {
            for (int j = 0; j < opsPerThread; j++) {
                String key = workload.threadKey(thread, opsPerThread, j);
                if (Workload.isSet(j)) {
                    MemcachedDriver.checkStored(name(), stored(set(key, value).get()));
                } else {
                    MemcachedDriver.check(name(), value, get(key).get());
                }
            }
        });
        return Passes.perSecond((long) threads * opsPerThread, nanos);
    }
}
