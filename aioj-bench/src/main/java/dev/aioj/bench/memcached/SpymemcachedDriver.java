package dev.aioj.bench.memcached;

import dev.aioj.bench.redis.Passes;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Future;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.MemcachedClient;
import org.HdrHistogram.Histogram;

/**
 * spymemcached 2.12 as its docs show it: a {@code MemcachedClient}
 * (ASCII protocol, one connection, its own I/O thread), {@code asyncGet} and
 * {@code set} futures for the windows, the blocking {@code get} for the rest.
 * byte[] values go through its default transcoder unchanged.
 */
final class SpymemcachedDriver implements MemcachedDriver {

    private final MemcachedClient client;

    SpymemcachedDriver(String host, int port) throws Exception {
        // its defaults, but a 5 s operation timeout like every client here (its own is 2.5 s)
        this.client = new MemcachedClient(new ConnectionFactoryBuilder().setOpTimeout(5000).build(),
                List.of(new InetSocketAddress(host, port)));
    }

    @Override
    public String name() {
        return "spymemcached 2.12";
    }

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
            ring[slot] = Workload.isSet(i) ? client.set(key, 0, value) : client.asyncGet(key);
        }
        for (int i = Math.max(0, total - window); i < total; i++) {
            check(i, workload, ring[i % window]);
        }
        return Passes.perSecond(total, System.nanoTime() - start);
    }

    private void check(int i, Workload workload, Future<?> f) throws Exception {
        // (a) waits as users do: the library's blocking get
        if (Workload.isSet(i)) {
            MemcachedDriver.checkStored(name(), f.get());
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
            ring[slot] = client.asyncGet(Workload.LATENCY_KEY);
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
    public void depthOne(Workload workload, int count, Histogram latencies) {
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            Object v = client.get(Workload.LATENCY_KEY);
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
                    MemcachedDriver.checkStored(name(), client.set(key, 0, value).get());
                } else {
                    MemcachedDriver.check(name(), value, client.get(key));
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
