package dev.aioj.bench.redis;

import dev.aioj.redis.RedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The Redis Cluster the cluster benchmark runs against: {@code primaries}
 * redis-server processes with {@code --cluster-enabled yes} on free loopback
 * ports, the 16384 slots split evenly ({@code CLUSTER ADDSLOTSRANGE}), met
 * with {@code CLUSTER MEET}, ready once every node says {@code
 * cluster_state:ok}. No replicas: the benchmark measures clients, not
 * replication. Stopped (and their nodes files deleted) on close.
 */
final class ClusterServers implements AutoCloseable {

    private final List<RedisServer> nodes = new ArrayList<>();
    private final List<Integer> busPorts = new ArrayList<>();

    private ClusterServers() {}

    static ClusterServers start(int primaries) throws Exception {
        ClusterServers cluster = new ClusterServers();
        try {
            for (int i = 0; i < primaries; i++) {
                int busPort = freePort();
                cluster.nodes.add(RedisServer.start(List.of("--cluster-enabled", "yes", "--cluster-config-file",
                        "aioj-bench-nodes-{port}.conf", "--cluster-port", Integer.toString(busPort))));
                cluster.busPorts.add(busPort);
            }
            cluster.form();
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void form() throws Exception {
        List<RedisConnection> admin = new ArrayList<>();
        try {
            for (RedisServer node : nodes) admin.add(RedisConnection.connect("redis://127.0.0.1:" + node.port()).join());
            for (int i = 0; i < nodes.size(); i++) {
                admin.get(i).execute("CLUSTER", "ADDSLOTSRANGE", i * 16384 / nodes.size(),
                        (i + 1) * 16384 / nodes.size() - 1).join();
            }
            for (int i = 1; i < nodes.size(); i++) {
                admin.get(i).execute("CLUSTER", "MEET", "127.0.0.1", nodes.get(0).port(), busPorts.get(0)).join();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (RedisConnection connection : admin) {
                // No event to wait on: poll each node's state, bounded.
                while (!String.valueOf(connection.execute("CLUSTER", "INFO").join()).contains("cluster_state:ok")) {
                    if (System.nanoTime() > deadline) throw new IllegalStateException("the cluster did not form");
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
            }
        } finally {
            for (RedisConnection connection : admin) connection.close();
        }
    }

    /** Any node, as a seed. */
    int port() {
        return nodes.get(0).port();
    }

    String version() {
        return nodes.get(0).version();
    }

    int size() {
        return nodes.size();
    }

    @Override
    public void close() {
        for (RedisServer node : nodes) {
            node.close();
            try {
                Files.deleteIfExists(Path.of(System.getProperty("java.io.tmpdir"),
                        "aioj-bench-nodes-" + node.port() + ".conf"));
            } catch (IOException e) {
                // a temp file
            }
        }
        nodes.clear();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
