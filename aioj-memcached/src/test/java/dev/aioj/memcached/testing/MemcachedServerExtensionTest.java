package dev.aioj.memcached.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness's readiness check: a port that accepts connections is not
 * enough, the answer must come from the memcached process it started.
 */
class MemcachedServerExtensionTest {

    @BeforeAll
    static void needsMemcached() {
        Assumptions.assumeTrue(MemcachedServerExtension.available(), MemcachedBinary::missingReason);
    }

    @Test
    void aForeignListenerOnTheGivenPortIsNotTakenForMemcached() throws Exception {
        try (ServerSocket foreign = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = foreign.getLocalPort();
            MemcachedServerExtension memcached = MemcachedServerExtension.builder().port(port).build();
            try {
                assertThatThrownBy(memcached::start)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("127.0.0.1:" + port)
                        .hasMessageContaining("exited");
                assertThat(memcached.isRunning()).isFalse();
            } finally {
                memcached.close();
            }
        }
    }

    @Test
    void aStartedServerAnswersAsTheProcessItStarted() {
        try (MemcachedServerExtension memcached = MemcachedServerExtension.builder().build()) {
            memcached.start();
            try (RawMemcached raw = memcached.raw()) {
                assertThat(raw.call("version")).startsWith("VERSION ");
            }
            assertThat(memcached.isRunning()).isTrue();
        }
    }
}
