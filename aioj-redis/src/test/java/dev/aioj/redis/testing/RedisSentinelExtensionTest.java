package dev.aioj.redis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.resp.RespValue;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The Sentinel harness when a port it found free is taken before its
 * process binds it (on a shared CI machine another test's server or client
 * may take it): the instance is started again on another port, instead of
 * the whole test class failing.
 */
class RedisSentinelExtensionTest {

    @Test
    void aPrimaryAndASentinelWhosePortsWereTakenStartOnOtherPorts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            AtomicInteger asked = new AtomicInteger();
            // Port requests in order: primary (taken), primary again, replica, sentinel-0 (taken), sentinel-0 again, ...
            RedisSentinelExtension.Ports ports = () -> switch (asked.incrementAndGet()) {
                case 1, 4 -> taken.getLocalPort();
                default -> Harness.freePort();
            };
            try (RedisSentinelExtension sentinels = new RedisSentinelExtension(ports)) {
                sentinels.start();
                assertThat(asked.get()).isEqualTo(7);
                assertThat(sentinels.firstPrimary().port()).isNotEqualTo(taken.getLocalPort());
                assertThat(sentinels.sentinels()).hasSize(3).allSatisfy(s -> {
                    assertThat(s.port()).isNotEqualTo(taken.getLocalPort());
                    assertThat(s.isAlive()).isTrue();
                });
                assertThat(sentinels.reportedPrimaryPort()).isEqualTo(sentinels.firstPrimary().port());
                assertThat(sentinels.call(sentinels.firstReplica(), "PING")).isEqualTo(new RespValue.Simple("PONG"));
            }
        }
    }
}
