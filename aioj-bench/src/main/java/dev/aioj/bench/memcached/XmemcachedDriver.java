package dev.aioj.bench.memcached;

import dev.aioj.bench.redis.Passes;
import java.net.InetSocketAddress;
import java.util.List;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import org.HdrHistogram.Histogram;

/**
 * xmemcached 2.4 as its docs show it: {@code XMemcachedClientBuilder.build()}
 * (ASCII protocol, one connection, NIO). Its API is blocking, so a window of
 * N in flight is N virtual threads each waiting for its own reply.
 */
final class XmemcachedDriver implements MemcachedDriver {

    private final MemcachedClient client;

    XmemcachedDriver(String host, int port) throws Exception {
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder(List.of(new InetSocketAddress(host, port)));
        this.client = builder.build();
        this.client.setOpTimeout(5000); // 5 s for every client, so a noisy machine makes none of them time out
    }

    @Override
    public String name() {
        return "xmemcached 2.4";
    }

    @Override
    public double pipelined(Workload workload, int total, int window) throws Exception {
        byte[] value = workload.value();
        int perThread = Math.max(2, total / window / 2 * 2);
        long nanos = Passes.onVirtualThreads(window, thread -> {
            for (int j = 0; j < perThread; j++) {
                String key = workload.threadKey(thread, perThread, j);
                if (Workload.isSet(j)) {
                    MemcachedDriver.checkStored(name(), client.set(key, 0, value));
                } else {
                    MemcachedDriver.check(name(), value, client.get(key));
                }
            }
        });
        return Passes.perSecond((long) perThread * window, nanos);
    }

    @Override
    public double pipelinedGets(Workload workload, int total, int window) throws Exception {
        int perThread = Math.max(1, total / window);
        long nanos = Passes.onVirtualThreads(window, thread -> {
            for (int j = 0; j < perThread; j++) {
                MemcachedDriver.check(name(), workload.value(), client.get(Workload.LATENCY_KEY));
            }
        });
        return Passes.perSecond((long) perThread * window, nanos);
    }

    @Override
    public void depthOne(Workload workload, int count, Histogram latencies) throws Exception {
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
                    MemcachedDriver.checkStored(name(), client.set(key, 0, value));
                } else {
                    MemcachedDriver.check(name(), value, client.get(key));
                }
            }
        });
        return Passes.perSecond((long) threads * opsPerThread, nanos);
    }

    @Override
    public void close() {
        try {
            client.shutdown();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
