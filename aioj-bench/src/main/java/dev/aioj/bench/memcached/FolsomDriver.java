package dev.aioj.bench.memcached;

import com.spotify.folsom.ConnectFuture;
import com.spotify.folsom.MemcacheClient;
import com.spotify.folsom.MemcacheClientBuilder;
import com.spotify.folsom.MemcacheStatus;
import dev.aioj.bench.redis.Passes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Folsom 1.21 as its docs show it: a byte-array ASCII client on one
 * connection (Netty), {@code CompletionStage} per request. Its outstanding
 * request limit (default 1,000) is raised above the 1,024 window, as aioj's is.
 */
final class FolsomDriver implements MemcachedDriver {

    private final MemcacheClient<byte[]> client;

    FolsomDriver(String host, int port) throws Exception {
        this.client = MemcacheClientBuilder.newByteArrayClient().withAddress(host, port)
                .withMaxOutstandingRequests(4096).withRequestTimeoutMillis(5000).connectAscii();
        ConnectFuture.connectFuture(client).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Override
    public String name() {
        return "Folsom 1.21";
    }

    @Override
    public double pipelined(Workload workload, int total, int window) throws Exception {
        CompletableFuture<?>[] ring = new CompletableFuture[window];
        byte[] value = workload.value();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            int slot = i % window;
            if (ring[slot] != null) {
                check(i - window, workload, ring[slot]);
            }
            String key = workload.key(i);
            ring[slot] = (Workload.isSet(i) ? client.set(key, value, 0) : client.get(key)).toCompletableFuture();
        }
        for (int i = Math.max(0, total - window); i < total; i++) {
            check(i, workload, ring[i % window]);
        }
        return Passes.perSecond(total, System.nanoTime() - start);
    }

    private void check(int i, Workload workload, CompletableFuture<?> f) {
        // (a) waits as users do: the library's blocking get
        if (Workload.isSet(i)) {
            MemcachedDriver.checkStored(name(), f.join() == MemcacheStatus.OK);
        } else {
            MemcachedDriver.check(name(), workload.value(), f.join());
        }
    }

    @Override
    public double pipelinedGets(Workload workload, int total, int window) {
        CompletableFuture<?>[] ring = new CompletableFuture[window];
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            int slot = i % window;
            if (ring[slot] != null) {
                MemcachedDriver.awaitDone(ring[slot]);
                MemcachedDriver.check(name(), workload.value(), ring[slot].join());
            }
            ring[slot] = client.get(Workload.LATENCY_KEY).toCompletableFuture();
        }
        for (CompletableFuture<?> f : ring) {
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
            byte[] v = client.get(Workload.LATENCY_KEY).toCompletableFuture().join();
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
                    MemcachedDriver.checkStored(name(),
                            client.set(key, value, 0).toCompletableFuture().join() == MemcacheStatus.OK);
                } else {
                    MemcachedDriver.check(name(), value, client.get(key).toCompletableFuture().join());
                }
            }
        });
        return Passes.perSecond((long) threads * opsPerThread, nanos);
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
