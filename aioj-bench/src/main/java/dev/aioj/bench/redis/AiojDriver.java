package dev.aioj.bench.redis;

import dev.aioj.redis.RedisClient;
import dev.aioj.redis.RedisConnection;
import dev.aioj.redis.RedisSyncCommands;
import dev.aioj.redis.Reply;
import org.HdrHistogram.Histogram;

/**
 * aioj-redis as its docs show it: one {@link RedisConnection} (automatic
 * pipelining, its own loop thread) for (a) and (b), and one {@link
 * RedisClient} shared by every virtual thread through its blocking view for
 * (c). Commands go through {@code command(Reply, args...)}, the path every
 * typed method takes.
 */
final class AiojDriver implements ClientDriver.Pipelined, ClientDriver.Sequential, ClientDriver.Shared {

    private final RedisConnection connection;
    private final RedisClient client;

    AiojDriver(String host, int port) {
        String uri = "redis://" + host + ":" + port;
        this.connection = RedisConnection.connect(uri).join();
        this.client = RedisClient.connect(uri).join();
    }

    @Override
    public String name() {
        return "aioj";
    }

    /** A sliding window: before sending command i, wait for command i - window (replies come in order). */
    @Override
    public double alternating(Workload workload, int total, int window) {
        return AlternatingPasses.aiojWindow(name(), connection, workload, total, window);
    }

    @Override
    public Latencies sequentialGets(String expectedValue, int count) {
        Histogram histogram = Passes.latencyHistogram();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            String reply = connection.command(Reply.<String>value(), "GET", Workload.LATENCY_KEY).join();
            histogram.recordValue(System.nanoTime() - start);
            if (i == 0) Passes.checkValue(name(), expectedValue, reply);
        }
        return Passes.latencies(histogram);
    }

    @Override
    public double shared(Workload workload, int threads, int opsPerThread) throws Exception {
        return sharedPass(workload, threads, opsPerThread).rate();
    }

    @Override
    public SharedPass sharedPass(Workload workload, int threads, int opsPerThread) throws Exception {
        RedisSyncCommands<String> sync = client.sync();
        String value = workload.value();
        return Passes.timedOnVirtualThreads(threads, opsPerThread, (thread, nanos) -> {
            for (int j = 0; j < opsPerThread; j++) {
                String key = workload.threadKey(thread, opsPerThread, j);
                long start = System.nanoTime();
                if (Workload.isSet(j)) {
                    String reply = sync.command(Reply.STATUS, "SET", key, value);
                    nanos.recordValue(System.nanoTime() - start);
                    Passes.checkOk(name(), reply);
                } else {
                    String reply = sync.command(Reply.<String>value(), "GET", key);
                    nanos.recordValue(System.nanoTime() - start);
                    Passes.checkValue(name(), value, reply);
                }
            }
        });
    }

    @Override
    public void close() {
        client.close();
        connection.close();
    }
}
