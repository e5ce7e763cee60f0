package dev.aioj.bench.redis;

import org.HdrHistogram.Histogram;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/**
 * Jedis 5 as its docs recommend: a {@link Jedis} connection is not
 * thread-safe, so (a) pipelines on one connection ({@code pipelined()}, a
 * batch of {@code window} commands, {@code sync()}), (b) calls it directly,
 * and (c) gives each virtual thread its own connection from a {@link
 * JedisPool} sized to the thread count, borrowed per SET/GET pair with
 * try-with-resources.
 */
final class JedisDriver implements ClientDriver.Pipelined, ClientDriver.Sequential, ClientDriver.Shared {

    private final String host;
    private final int port;
    private final Jedis jedis;
    private JedisPool pool;
    private int poolSize;

    JedisDriver(String host, int port) {
        this.host = host;
        this.port = port;
        this.jedis = new Jedis(host, port);
    }

    @Override
    public String name() {
        return "Jedis";
    }

    @Override
    public double alternating(Workload workload, int total, int window) {
        return AlternatingPasses.jedisBatches(name(), jedis::pipelined, workload, total, window);
    }

    @Override
    public Latencies sequentialGets(String expectedValue, int count) {
        Histogram histogram = Passes.latencyHistogram();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            String reply = jedis.get(Workload.LATENCY_KEY);
            histogram.recordValue(System.nanoTime() - start);
            if (i == 0) Passes.checkValue(name(), expectedValue, reply);
        }
        return Passes.latencies(histogram);
    }

    @Override
    public double shared(Workload workload, int threads, int opsPerThread) throws Exception {
        return sharedPass(workload, threads, opsPerThread).rate();
    }

    /** Each SET's time includes borrowing the connection from the pool (a part of Jedis's way). */
    @Override
    public SharedPass sharedPass(Workload workload, int threads, int opsPerThread) throws Exception {
        JedisPool shared = pool(threads);
        String value = workload.value();
        return Passes.timedOnVirtualThreads(threads, opsPerThread, (thread, nanos) -> {
            for (int j = 0; j < opsPerThread; j += 2) {
                long start = System.nanoTime();
                try (Jedis connection = shared.getResource()) {
                    String reply = connection.set(workload.threadKey(thread, opsPerThread, j), value);
                    long set = System.nanoTime();
                    nanos.recordValue(set - start);
                    Passes.checkOk(name(), reply);
                    if (j + 1 < opsPerThread) {
                        long get = System.nanoTime();
                        reply = connection.get(workload.threadKey(thread, opsPerThread, j + 1));
                        nanos.recordValue(System.nanoTime() - get);
                        Passes.checkValue(name(), value, reply);
                    }
                }
            }
        });
    }

    /** One pool per thread count, kept across rounds so its connections are open before the timed pass. */
    private JedisPool pool(int size) {
        if (pool == null || poolSize != size) {
            if (pool != null) pool.close();
            JedisPoolConfig config = new JedisPoolConfig();
            config.setMaxTotal(size);
            config.setMaxIdle(size);
            pool = new JedisPool(config, host, port);
            poolSize = size;
        }
        return pool;
    }

    @Override
    public void close() {
        if (pool != null) pool.close();
        jedis.close();
    }
}
