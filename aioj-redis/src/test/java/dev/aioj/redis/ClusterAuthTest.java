package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.testing.RedisClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A cluster with requirepass: the seed URI's password authenticates every node connection, found or redirected. */
class ClusterAuthTest {

    @RegisterExtension
    static final RedisClusterExtension cluster = RedisClusterExtension.builder().replicasPerPrimary(0)
            .password("s3cret").build();

    @Test
    void theSeedsPasswordAppliesToEveryNode() {
        try (RedisClusterClient client = RedisClusterClient.connect(cluster.uri(cluster.nodes().get(0))).join()) {
            for (int i = 0; i < 100; i++) client.set("auth:" + i, "v" + i); // keys on every primary
            assertThat(client.get("auth:99").join()).isEqualTo("v99");
            assertThat(client.dbsize().join()).isEqualTo(100L);
            assertThat(client.connectedNodes()).hasSize(3);
        }
    }

    @Test
    void withoutThePasswordConnectingFailsWithTheServersError() {
        String uri = "redis://" + cluster.nodes().get(0).endpoint();
        assertThatThrownBy(() -> RedisClusterClient.connect(uri).join()).hasRootCauseInstanceOf(RedisException.class);
    }
}
