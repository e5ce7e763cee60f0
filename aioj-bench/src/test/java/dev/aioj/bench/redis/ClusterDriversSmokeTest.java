package dev.aioj.bench.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisClusterExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every driver of the cluster benchmark works against a real 3-primary
 * cluster (the aioj-redis harness), at sizes that cost a second: the drivers
 * check every reply, so a pass that returns got the right answers. No timing
 * is asserted beyond "positive".
 */
class ClusterDriversSmokeTest {

    @RegisterExtension
    static final RedisClusterExtension cluster = RedisClusterExtension.builder().replicasPerPrimary(0).build();

    private static final Workload WORKLOAD = Workload.of(1_000, 3);

    @Test
    void everyDriverRunsBothScenariosWithCheckedReplies() throws Exception {
        int port = cluster.nodes().get(0).port();
        List<ClientDriver> drivers = List.of(new ClusterDrivers.Aioj("127.0.0.1", port),
                new ClusterDrivers.Lettuce("127.0.0.1", port), new ClusterDrivers.LettuceManualFlush("127.0.0.1", port),
                new ClusterDrivers.Jedis("127.0.0.1", port, 4));
        try {
            for (ClientDriver driver : drivers) {
                if (driver instanceof ClientDriver.Pipelined pipelined) {
                    assertThat(pipelined.alternating(WORKLOAD, 2_000, 128)).as(driver.name()).isPositive();
                }
                if (driver instanceof ClientDriver.Shared shared) {
                    assertThat(shared.shared(WORKLOAD, 4, 50)).as(driver.name()).isPositive();
                }
            }
        } finally {
            for (ClientDriver driver : drivers) driver.close();
        }
    }
}
