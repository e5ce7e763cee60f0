package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ReadFrom.REPLICA_PREFERRED: reads served by replicas (READONLY), writes by primaries. */
class ClusterReadFromTest {

    @RegisterExtension
    static final RedisClusterExtension cluster = RedisClusterExtension.builder().build();

    @Test
    void readsGoToReplicasAndWritesToPrimaries() {
        try (RedisClusterClient client = RedisClusterClient.connect(RedisClusterClient.seedsOf(cluster.uri()),
                RedisOptions.defaults(), ReadFrom.REPLICA_PREFERRED).join()) {
            assertThat(client.readFrom()).isEqualTo(ReadFrom.REPLICA_PREFERRED);
            String key = "replicated";
            RedisClusterExtension.Node primary = cluster.ownerOf(SlotHash.slot(key));
            RedisClusterExtension.Node replica = cluster.replicaOf(primary);
            assertThat(client.set(key, "v").join()).isTrue();
            long deadline = System.nanoTime() + 5_000_000_000L;
            String seen = null;
            while (!"v".equals(seen) && System.nanoTime() < deadline) {
                seen = client.get(key).join(); // replication is asynchronous: the replica may lag a moment
            }
            assertThat(seen).isEqualTo("v");
            assertThat(client.mget(key, "other").join()).containsExactly("v", null);
            assertThat(getCalls(replica)).isPositive();
            assertThat(getCalls(primary)).isZero();
            assertThat(client.incr("counter").join()).isEqualTo(1L); // writes still go to the primary
        }
    }

    private static long getCalls(RedisClusterExtension.Node node) {
        String stats = RedisClusterExtension.textOf(cluster.call(node, "INFO", "commandstats"));
        for (String line : stats.split("\r\n")) {
            if (line.startsWith("cmdstat_get:calls=")) {
                return Long.parseLong(line.substring("cmdstat_get:calls=".length(), line.indexOf(',')));
            }
        }
        return 0;
    }

}
