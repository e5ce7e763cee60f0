package dev.aioj.server.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code lifecycle = PER_TEST}: every test starts on a fresh server, and the last one is stopped. */
@AiojServer(lifecycle = AiojServer.Lifecycle.PER_TEST)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerTestServerTest {

    static int firstPort;
    int portSeenInBeforeEach;

    @BeforeEach
    void lifecycleMethodsGetTheTestsServer(@RedisPort int port) {
        portSeenInBeforeEach = port;
    }

    @Test
    @Order(1)
    void first(EmbeddedRedis redis) {
        firstPort = redis.port();
        assertThat(portSeenInBeforeEach).isEqualTo(firstPort);
        redis.server().flushAll();
    }

    @Test
    @Order(2)
    void secondGetsAnotherServerAndTheFirstIsStopped(EmbeddedRedis redis) throws IOException {
        assertThat(redis.port()).isNotEqualTo(firstPort).isEqualTo(portSeenInBeforeEach);
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), firstPort).close())
                .isInstanceOf(ConnectException.class);
    }
}
