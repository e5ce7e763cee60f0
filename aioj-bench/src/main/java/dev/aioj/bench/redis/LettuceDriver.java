package dev.aioj.bench.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.HdrHistogram.Histogram;

/**
 * Lettuce 6 as its reference guide recommends: one {@link RedisClient} with
 * default resources (Netty's epoll transport when it is on the class path, as
 * here), one thread-safe {@link StatefulRedisConnection} shared by everyone.
 *
 * <p>Two drivers, on two connections: {@linkplain #autoFlush() auto-flush}
 * (the default: every command is written and flushed when issued; (a) keeps a
 * sliding window of futures, (b) and (c) use the synchronous API) and
 * {@linkplain #manualFlush() manual flush} (the guide's "pipelining and
 * command flushing" recipe: {@code setAutoFlushCommands(false)}, issue a batch
 * of {@code window} commands, {@code flushCommands()}, await them all).
 */
final class LettuceDriver {

    private LettuceDriver() {}

    static AutoFlush autoFlush(String host, int port) {
        return new AutoFlush(host, port);
    }

    static ManualFlush manualFlush(String host, int port) {
        return new ManualFlush(host, port);
    }

    /** Whether Netty's native epoll transport is in use (Lettuce's choice, from the class path). */
    static boolean usesEpoll() {
        return io.lettuce.core.resource.EpollProvider.isAvailable();
    }

    private abstract static class Base implements ClientDriver {
        final RedisClient client;
        final StatefulRedisConnection<String, String> connection;

        Base(String host, int port) {
            client = RedisClient.create(RedisURI.create(host, port));
            connection = client.connect();
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }

    static final class AutoFlush extends Base
            implements ClientDriver.Pipelined, ClientDriver.Sequential, ClientDriver.Shared {

        AutoFlush(String host, int port) {
            super(host, port);
        }

        @Override
        public String name() {
            return "Lettuce (auto-flush)";
        }

        @Override
        public double alternating(Workload workload, int total, int window) {
            return AlternatingPasses.lettuceWindow(name(), connection.async(), workload, total, window);
        }

        @Override
        public Latencies sequentialGets(String expectedValue, int count) {
            RedisCommands<String, String> sync = connection.sync();
            Histogram histogram = Passes.latencyHistogram();
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                String reply = sync.get(Workload.LATENCY_KEY);
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
            RedisCommands<String, String> sync = connection.sync();
            String value = workload.value();
            return Passes.timedOnVirtualThreads(threads, opsPerThread, (thread, nanos) -> {
                for (int j = 0; j < opsPerThread; j++) {
                    String key = workload.threadKey(thread, opsPerThread, j);
                    long start = System.nanoTime();
                    if (Workload.isSet(j)) {
                        String reply = sync.set(key, value);
                        nanos.recordValue(System.nanoTime() - start);
                        Passes.checkOk(name(), reply);
                    } else {
                        String reply = sync.get(key);
                        nanos.recordValue(System.nanoTime() - start);
                        Passes.checkValue(name(), value, reply);
                    }
                }
            });
        }
    }

    static final class ManualFlush extends Base implements ClientDriver.Pipelined {

        ManualFlush(String host, int port) {
            super(host, port);
            connection.setAutoFlushCommands(false);
        }

        @Override
        public String name() {
            return "Lettuce (manual flush)";
        }

        @Override
        public double alternating(Workload workload, int total, int window) {
            return AlternatingPasses.lettuceBatches(name(), connection, connection.async(), workload, total, window);
        }
    }
}
