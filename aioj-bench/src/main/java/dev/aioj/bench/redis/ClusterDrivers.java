package dev.aioj.bench.redis;

import dev.aioj.redis.RedisClusterClient;
import dev.aioj.redis.RedisSyncCommands;
import dev.aioj.redis.Reply;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import redis.clients.jedis.ClusterPipeline;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.Response;

/**
 * The clients of the cluster benchmark, each as its documentation shows
 * cluster use: aioj's {@link RedisClusterClient} (one auto-pipelined
 * connection per node); Lettuce's {@code RedisClusterClient} with one
 * thread-safe {@link StatefulRedisClusterConnection}, auto-flush and manual
 * flush ({@code setAutoFlushCommands(false)} + {@code flushCommands()}, which
 * Lettuce's cluster connection supports); {@link JedisCluster} (a pool per
 * node) for the shared scenario and its {@link ClusterPipeline} for the
 * pipelined one. The pipelined scenario's SET and GET of a key go to the same
 * node, so each GET checks the value its SET wrote.
 */
final class ClusterDrivers {

    private ClusterDrivers() {}

    static final class Aioj implements ClientDriver.Pipelined, ClientDriver.Shared {
        private final RedisClusterClient client;

        Aioj(String host, int port) {
            client = RedisClusterClient.connect("redis://" + host + ":" + port).join();
        }

        @Override
        public String name() {
            return "aioj";
        }

        @Override
        public double alternating(Workload workload, int total, int window) {
            @SuppressWarnings("unchecked")
            CompletableFuture<String>[] ring = new CompletableFuture[window];
            String value = workload.value();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                int slot = i % window;
                if (ring[slot] != null) check(name(), i - window, workload, ring[slot].join());
                String key = workload.key(i);
                ring[slot] = Workload.isSet(i) ? client.command(Reply.STATUS, "SET", key, value)
                        : client.command(Reply.<String>value(), "GET", key);
            }
            for (int i = Math.max(0, total - window); i < total; i++) {
                check(name(), i, workload, ring[i % window].join());
            }
            return Passes.perSecond(total, System.nanoTime() - start);
        }

        @Override
        public double shared(Workload workload, int threads, int opsPerThread) throws Exception {
            RedisSyncCommands<String> sync = client.sync();
            String value = workload.value();
            long nanos = Passes.onVirtualThreads(threads, thread -> {
                for (int j = 0; j < opsPerThread; j++) {
                    String key = workload.threadKey(thread, opsPerThread, j);
                    if (Workload.isSet(j)) {
                        Passes.checkOk(name(), sync.command(Reply.STATUS, "SET", key, value));
                    } else {
                        Passes.checkValue(name(), value, sync.command(Reply.<String>value(), "GET", key));
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

    static class Lettuce implements ClientDriver.Pipelined, ClientDriver.Shared {
        final io.lettuce.core.cluster.RedisClusterClient client;
        final StatefulRedisClusterConnection<String, String> connection;

        Lettuce(String host, int port) {
            client = io.lettuce.core.cluster.RedisClusterClient.create(RedisURI.create(host, port));
            connection = client.connect();
        }

        @Override
        public String name() {
            return "Lettuce (auto-flush)";
        }

        @Override
        public double alternating(Workload workload, int total, int window) {
            RedisAdvancedClusterAsyncCommands<String, String> async = connection.async();
            @SuppressWarnings("unchecked")
            RedisFuture<String>[] ring = new RedisFuture[window];
            String value = workload.value();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                int slot = i % window;
                if (ring[slot] != null) check(name(), i - window, workload, ring[slot].toCompletableFuture().join());
                String key = workload.key(i);
                ring[slot] = Workload.isSet(i) ? async.set(key, value) : async.get(key);
            }
            for (int i = Math.max(0, total - window); i < total; i++) {
                check(name(), i, workload, ring[i % window].toCompletableFuture().join());
            }
            return Passes.perSecond(total, System.nanoTime() - start);
        }

        @Override
        public double shared(Workload workload, int threads, int opsPerThread) throws Exception {
            RedisAdvancedClusterCommands<String, String> sync = connection.sync();
            String value = workload.value();
            long nanos = Passes.onVirtualThreads(threads, thread -> {
                for (int j = 0; j < opsPerThread; j++) {
                    String key = workload.threadKey(thread, opsPerThread, j);
                    if (Workload.isSet(j)) {
                        Passes.checkOk(name(), sync.set(key, value));
                    } else {
                        Passes.checkValue(name(), value, sync.get(key));
                    }
                }
            });
            return Passes.perSecond((long) threads * opsPerThread, nanos);
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }

    /** Lettuce's manual flush recipe on the cluster connection: a batch of {@code window}, flush, await. */
    static final class LettuceManualFlush implements ClientDriver.Pipelined {
        private final io.lettuce.core.cluster.RedisClusterClient client;
        private final StatefulRedisClusterConnection<String, String> connection;

        LettuceManualFlush(String host, int port) {
            client = io.lettuce.core.cluster.RedisClusterClient.create(RedisURI.create(host, port));
            connection = client.connect();
            connection.setAutoFlushCommands(false);
        }

        @Override
        public String name() {
            return "Lettuce (manual flush)";
        }

        @Override
        public double alternating(Workload workload, int total, int window) {
            RedisAdvancedClusterAsyncCommands<String, String> async = connection.async();
            List<RedisFuture<String>> batch = new ArrayList<>(window);
            String value = workload.value();
            long start = System.nanoTime();
            for (int first = 0; first < total; first += window) {
                int end = Math.min(total, first + window);
                for (int i = first; i < end; i++) {
                    String key = workload.key(i);
                    batch.add(Workload.isSet(i) ? async.set(key, value) : async.get(key));
                }
                connection.flushCommands();
                for (int i = first; i < end; i++) {
                    check(name(), i, workload, batch.get(i - first).toCompletableFuture().join());
                }
                batch.clear();
            }
            return Passes.perSecond(total, System.nanoTime() - start);
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }

    /** JedisCluster for (c) (a pool per node, threads block on their own connections); ClusterPipeline for (a). */
    static final class Jedis implements ClientDriver.Pipelined, ClientDriver.Shared {
        private final JedisCluster cluster;

        Jedis(String host, int port, int poolSize) {
            var pool = new org.apache.commons.pool2.impl.GenericObjectPoolConfig<redis.clients.jedis.Connection>();
            pool.setMaxTotal(poolSize);
            pool.setMaxIdle(poolSize);
            cluster = new JedisCluster(Set.of(new HostAndPort(host, port)), 10_000, 10_000, 5, pool);
        }

        @Override
        public String name() {
            return "Jedis";
        }

        /** ClusterPipeline: queue {@code window} commands, sync() (one round trip per node), check, repeat. */
        @Override
        public double alternating(Workload workload, int total, int window) {
            String value = workload.value();
            List<Response<String>> batch = new ArrayList<>(window);
            long start = System.nanoTime();
            try (ClusterPipeline pipeline = cluster.pipelined()) {
                for (int first = 0; first < total; first += window) {
                    int end = Math.min(total, first + window);
                    for (int i = first; i < end; i++) {
                        String key = workload.key(i);
                        batch.add(Workload.isSet(i) ? pipeline.set(key, value) : pipeline.get(key));
                    }
                    pipeline.sync();
                    for (int i = first; i < end; i++) check(name(), i, workload, batch.get(i - first).get());
                    batch.clear();
                }
            }
            return Passes.perSecond(total, System.nanoTime() - start);
        }

        @Override
        public double shared(Workload workload, int threads, int opsPerThread) throws Exception {
            String value = workload.value();
            long nanos = Passes.onVirtualThreads(threads, thread -> {
                for (int j = 0; j < opsPerThread; j++) {
                    String key = workload.threadKey(thread, opsPerThread, j);
                    if (Workload.isSet(j)) {
                        Passes.checkOk(name(), cluster.set(key, value));
                    } else {
                        Passes.checkValue(name(), value, cluster.get(key));
                    }
                }
            });
            return Passes.perSecond((long) threads * opsPerThread, nanos);
        }

        @Override
        public void close() {
            cluster.close();
        }
    }

    static void check(String name, int i, Workload workload, String reply) {
        if (Workload.isSet(i)) {
            Passes.checkOk(name, reply);
        } else {
            Passes.checkValue(name, workload.value(), reply);
        }
    }
}
