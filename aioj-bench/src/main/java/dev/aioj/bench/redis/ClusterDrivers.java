package dev.aioj.bench.redis;

import dev.aioj.redis.RedisClusterClient;
import dev.aioj.redis.RedisSyncCommands;
import dev.aioj.redis.Reply;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.util.Set;
import redis.clients.jedis.ClusterPipeline;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;

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
            return AlternatingPasses.aiojWindow(name(), client, workload, total, window);
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
            return AlternatingPasses.lettuceWindow(name(), connection.async(), workload, total, window);
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
            return AlternatingPasses.lettuceBatches(name(), connection, connection.async(), workload, total, window);
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
            return AlternatingPasses.jedisBatches(name(), cluster::pipelined, workload, total, window);
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
}
