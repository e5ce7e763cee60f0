package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parsing CLUSTER SHARDS as Redis 7.0.15 answers it (its fields copied from
 * a real reply), which port a client dials: {@code port} in plaintext, {@code
 * tls-port} with {@code rediss://}, and a clear refusal when a TLS client
 * meets a cluster that announces no TLS ports ({@code tls-cluster no}).
 */
class ClusterTopologyTest {

    private static Map<String, Object> node(String id, int port, Integer tlsPort, String role) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("id", id);
        node.put("port", (long) port);
        if (tlsPort != null) node.put("tls-port", (long) tlsPort);
        node.put("ip", "127.0.0.1");
        node.put("endpoint", "127.0.0.1");
        node.put("role", role);
        node.put("replication-offset", 0L);
        node.put("health", "online");
        return node;
    }

    private static Object shards(Integer primaryTls, Integer replicaTls) {
        Map<String, Object> shard = new LinkedHashMap<>();
        shard.put("slots", List.of(0L, 16383L));
        shard.put("nodes", List.of(node("a", 7000, primaryTls, "master"), node("b", 7001, replicaTls, "replica")));
        return List.of(shard);
    }

    @Test
    void aPlaintextClientDialsThePort() {
        ClusterTopology topology = ClusterTopology.fromShards(shards(8000, 8001), "127.0.0.1", false);
        assertThat(topology.primaries()).extracting(ClusterTopology.Node::endpoint).containsExactly("127.0.0.1:7000");
        assertThat(topology.shards().get(0).replicas()).extracting(ClusterTopology.Node::endpoint)
                .containsExactly("127.0.0.1:7001");
    }

    @Test
    void aTlsClientDialsTheTlsPort() {
        ClusterTopology topology = ClusterTopology.fromShards(shards(8000, 8001), "127.0.0.1", true);
        assertThat(topology.primaries()).extracting(ClusterTopology.Node::endpoint).containsExactly("127.0.0.1:8000");
        assertThat(topology.shards().get(0).replicas()).extracting(ClusterTopology.Node::endpoint)
                .containsExactly("127.0.0.1:8001");
        assertThat(topology.coveredSlots()).isEqualTo(16384);
    }

    @Test
    void aTlsClientRefusesAClusterThatAnnouncesNoTlsPorts() {
        assertThatThrownBy(() -> ClusterTopology.fromShards(shards(null, null), "127.0.0.1", true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tls-cluster yes")
                .hasMessageContaining("127.0.0.1:7000");
    }
}
