package dev.aioj.bench.memcached;

import dev.aioj.bench.redis.Passes;
import dev.aioj.memcached.MemcachedClient;
import dev.aioj.memcached.MemcachedOptions;
import dev.aioj.memcached.MemcachedSyncCommands;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;

/** aioj-memcached as its docs show it: one client (one connection, automatic pipelining), defaults but the bound. */
final class AiojMemcachedDriver implements MemcachedDriver {

    private final MemcachedClient client;

    AiojMemcachedDriver(String address) {
        // the default in-flight bound (1,000) is below the 1,024 window: raised, like Folsom's outstanding limit
        this.client = MemcachedClient.connect(MemcachedOptions.builder().servers(address).maxInFlight(4096)
                .timeout(Duration.ofSeconds(5)).build()).join();
    }

    @Override
    public String name() {
        return "aioj";
    }

    @Override
    @SuppressWarnings("unchecked")
    public double pipelined(Workload workload, int total, int window) {
        CompletableFuture<?>[] ring = new CompletableFuture[window];
        byte[] value = workload.value();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            int slot = i % window;
            if (ring[slot] != null) {
                check(i - window, workload, ring[slot]);
            }
            String key = workload.key(i);
            ring[slot] = Workload.isSet(i) ? client.set(key, value, Duration.ZERO) : client.get(key);
        }
        for (int i = Math.max(0, total - window); i < total; i++) {
            check(i, workload, ring[i % window]);
        }
        return Passes.perSecond(total, System.nanoTime() - start);
    }

    private void check(int i, Workload workload, CompletableFuture<?> f) {
        // (a) waits as users do: the library's blocking get
        if (Workload.isSet(i)) {
            MemcachedDriver.checkStored(name(), f.join());
        } else {
            MemcachedDriver.check(name(), workload.value(), f.join());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public double pipelinedGets(Workload workload, int total, int window) {
        CompletableFuture<byte[]>[] ring = new CompletableFuture[window];
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            int slot = i % window;
            if (ring[slot] != null) {
                MemcachedDriver.awaitDone(ring[slot]);
                MemcachedDriver.check(name(), workload.value(), ring[slot].join());
            }
            ring[slot] = client.get(Workload.LATENCY_KEY);
        }
        for (CompletableFuture<byte[]> f : ring) {
            if (f != null) {
                MemcachedDriver.awaitDone(f);
                MemcachedDriver.check(name(), workload.value(), f.join());
            }
        }
        return Passes.perSecond(total, System.nanoTime() - start);
    }

    @Override
    public void depthOne(Workload workload, int count, Histogram latencies) {
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            byte[] v = client.get(Workload.LATENCY_KEY).join();
            latencies.recordValue(System.nanoTime() - start);
            if (i == 0) MemcachedDriver.check(name(), workload.value(), v);
        }
    }

    @Override
    public double shared(Workload workload, int threads, int opsPerThread) throws Exception {
        MemcachedSyncCommands sync = client.sync();
        byte[] value = workload.value();
        long nanos = Passes.onVirtualThreads(threads, thread -> {
            for (int j = 0; j < opsPerThread; j++) {
                String key = workload.threadKey(thread, opsPerThread, j);
                if (Workload.isSet(j)) {
                    MemcachedDriver.checkStored(name(), sync.set(key, value, Duration.ZERO));
                } else {
                    MemcachedDriver.check(name(), value, sync.get(key));
                }
            }
        });
        return Passes.perSecond((long) threads * opsPerThread, nanos);
    }

    @Override
    public void close() {
        client.close();
    }
}
