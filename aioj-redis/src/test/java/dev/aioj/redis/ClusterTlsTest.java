package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisClusterExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real TLS cluster (3 + 3 nodes, {@code tls-port} on each, {@code
 * tls-cluster yes}, {@code tls-replication yes}): {@code rediss://} seeds,
 * the TLS ports read from CLUSTER SHARDS, commands routed over TLS to every
 * primary, MOVED and ASK followed to TLS ports, reads from TLS replicas.
 */
class ClusterTlsTest {

    @RegisterExtension
    static final RedisClusterExtension cluster = RedisClusterExtension.builder().tls().build();

    private static RedisOptions tlsOptions() {
        // Host names are checked (the default): the test certificate names localhost and 127.0.0.1.
        return RedisOptions.builder().sslContext(cluster.tlsMaterial().trustingContext()).build();
    }

    private static RedisClusterClient connect(ReadFrom readFrom) {
        return RedisClusterClient.connect(RedisClusterClient.seedsOf(cluster.uri(cluster.nodes().get(0))),
                tlsOptions(), readFrom).join();
    }

    @Test
    void routesCommandsOverTlsToEveryPrimary() {
        try (RedisClusterClient client = connect(ReadFrom.PRIMARY)) {
            client.flushall().join();
            Set<String> tlsPrimaries = new HashSet<>();
            for (RedisClusterExtension.Node primary : cluster.primaries()) {
                assertThat(primary.tlsPort()).isNotZero();
                tlsPrimaries.add(primary.endpoint()); // 127.0.0.1:<tls port>
            }
            assertThat(client.primaries()).containsExactlyInAnyOrderElementsOf(tlsPrimaries);

            int keys = 3_000;
            List<CompletableFuture<Boolean>> sets = new ArrayList<>(keys);
            for (int i = 0; i < keys; i++) sets.add(client.set("tls:" + i, "v" + i));
            List<CompletableFuture<String>> gets = new ArrayList<>(keys);
            for (int i = 0; i < keys; i++) gets.add(client.get("tls:" + i));
            for (int i = 0; i < keys; i++) {
                assertThat(sets.get(i).join()).isTrue();
                assertThat(gets.get(i).join()).isEqualTo("v" + i);
            }
            assertThat(client.mget("tls:1", "tls:2", "tls:3").join()).containsExactly("v1", "v2", "v3");
            assertThat(client.dbsize().join()).isEqualTo(keys);
            long total = 0;
            for (RedisClusterExtension.Node primary : cluster.primaries()) {
                long here = ((dev.aioj.redis.resp.RespValue.Int) cluster.call(primary, "DBSIZE")).value();
                assertThat(here).as("keys on " + primary).isGreaterThan(keys / 6); // each holds about a third
                total += here;
            }
            assertThat(total).isEqualTo(keys);
            assertThat(client.connectedNodes()).isSubsetOf(tlsEndpointsOfAllNodes());
        }
    }

    @Test
    void movedAndAskAreFollowedToTlsPorts() {
        try (RedisClusterClient client = connect(ReadFrom.PRIMARY)) {
            String tag = "{tls-moving}";
            int slot = SlotHash.slot(tag);
            int keys = 40;
            for (int i = 0; i < keys; i++) assertThat(client.set(tag + i, "v" + i).join()).isTrue();
            RedisClusterExtension.Node from = cluster.ownerOf(slot);
            RedisClusterExtension.Node to = cluster.primaries().stream().filter(n -> n != from).findFirst()
                    .orElseThrow();
            assertThat(client.nodeFor(slot)).isEqualTo(from.endpoint());
            // While the slot migrates in batches, keys already moved answer ASK (followed over a second TLS
            // connection to the target); every read still sees its value.
            cluster.migrateSlot(slot, to, 10, () -> {
                for (int i = 0; i < keys; i++) assertThat(client.get(tag + i).join()).isEqualTo("v" + i);
            });
            try {
                assertThat(client.get(tag + 0).join()).isEqualTo("v0");            // MOVED, to the TLS port
                assertThat(client.nodeFor(slot)).isEqualTo(to.endpoint());
                assertThat(client.set(tag + 0, "after").join()).isTrue();
            } finally {
                cluster.migrateSlot(slot, from, 10, () -> {});
            }
        }
    }

    @Test
    void readsFromReplicasOverTls() {
        try (RedisClusterClient client = connect(ReadFrom.REPLICA_PREFERRED)) {
            String key = "tls-replicated";
            RedisClusterExtension.Node primary = cluster.ownerOf(SlotHash.slot(key));
            RedisClusterExtension.Node replica = cluster.replicaOf(primary);
            assertThat(client.set(key, "v").join()).isTrue(); // to the primary; replicated over TLS
            long deadline = System.nanoTime() + 5_000_000_000L;
            String seen = null;
            while (!"v".equals(seen) && System.nanoTime() < deadline) {
                seen = client.get(key).join(); // replication is asynchronous: the replica may lag a moment
            }
            assertThat(seen).isEqualTo("v");
            assertThat(client.connectedNodes()).contains(replica.endpoint());
        }
    }

    private static Set<String> tlsEndpointsOfAllNodes() {
        Set<String> all = new HashSet<>();
        for (RedisClusterExtension.Node node : cluster.nodes()) all.add(node.endpoint());
        return all;
    }
}
