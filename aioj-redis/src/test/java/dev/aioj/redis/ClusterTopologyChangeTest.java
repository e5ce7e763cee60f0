package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisClusterExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cluster reshaped under the client: a node added and slots moved to it; the whole cluster restarted. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTopologyChangeTest {

    @RegisterExtension
    static final RedisClusterExtension cluster = RedisClusterExtension.builder().replicasPerPrimary(0).build();

    @Test
    @Order(1)
    void aNodeAddedAndGivenSlotsServesThemThroughTheSameClient() {
        try (RedisClusterClient client = RedisClusterClient.connect(cluster.uri()).join()) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 300; i++) keys.add("add:" + i);
            for (String key : keys) client.set(key, key);
            RedisClusterExtension.Node added = cluster.addPrimary();
            // Rebalance a little: every 64th slot that holds one of our keys moves to the new node.
            List<Integer> moved = new ArrayList<>();
            for (String key : keys) {
                int slot = SlotHash.slot(key);
                if (slot % 64 < 8 && !moved.contains(slot)) {
                    cluster.migrateSlot(slot, added, 50, () -> {});
                    moved.add(slot);
                }
            }
            assertThat(moved).isNotEmpty();
            List<CompletableFuture<String>> values = new ArrayList<>();
            for (String key : keys) values.add(client.get(key));
            for (int i = 0; i < keys.size(); i++) assertThat(values.get(i).join()).isEqualTo(keys.get(i));
            client.refreshTopology().join();
            assertThat(client.primaries()).contains(added.endpoint());
            for (int slot : moved) assertThat(client.nodeFor(slot)).isEqualTo(added.endpoint());
        }
    }

    @Test
    @Order(2)
    void aWholeClusterRestartedIsFoundAgain() {
        try (RedisClusterClient client = RedisClusterClient.connect(cluster.uri()).join()) {
            client.set("before", "restart").join();
            cluster.restartAll();
            // Nothing is persisted: the keys are gone, but the client reconnects to every node on its own.
            for (int i = 0; i < 100; i++) {
                assertThat(client.set("after:" + i, "v").join()).isTrue();
            }
            assertThat(client.get("before").join()).isNull();
            assertThat(client.dbsize().join()).isEqualTo(100L);
        }
    }
}
