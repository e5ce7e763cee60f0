package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.testing.RedisServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same client over TLS (rediss://) and unix domain sockets (unix://). */
class TransportsTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().tls().unixSocket().build();

    @Test
    void tlsCarriesCommandsAndPipelines() throws Exception {
        Assumptions.assumeTrue(redis.tlsSupported(), () -> "no TLS-capable redis-server here: "
                + redis.tlsUnsupportedReason() + " (CI installs Debian's redis-server, which has TLS)");
        RedisOptions options = RedisOptions.builder().sslContext(redis.tlsMaterial().clientContext()).build();
        try (RedisConnection connection = RedisConnection.connect(
                RedisUri.parse("rediss://127.0.0.1:" + redis.tlsPort()), options).get(10, TimeUnit.SECONDS)) {
            assertThat(connection.execute("PING").get(10, TimeUnit.SECONDS)).isEqualTo("PONG");
            List<CompletableFuture<Long>> incrs = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                incrs.add(connection.incr("tls-counter"));
            }
            assertThat(incrs.get(999).get(10, TimeUnit.SECONDS)).isEqualTo(1000L);
            byte[] big = new byte[1 << 20];
            java.util.Arrays.fill(big, (byte) 'z');
            connection.set("big", big).get(10, TimeUnit.SECONDS);
            assertThat(connection.withCodec(Codec.BYTES).get("big").get(10, TimeUnit.SECONDS)).isEqualTo(big);
        }
    }

    @Test
    void aServerCertificateNobodyTrustsFailsConnectClearly() throws Exception {
        Assumptions.assumeTrue(redis.tlsSupported(), () -> "no TLS-capable redis-server here: "
                + redis.tlsUnsupportedReason());
        CompletableFuture<RedisConnection> connecting = RedisConnection.connect("rediss://127.0.0.1:" + redis.tlsPort());
        assertThatThrownBy(() -> connecting.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(RedisConnectionException.class, e -> {
                    assertThat(e.getMessage()).startsWith("cannot connect to 127.0.0.1:" + redis.tlsPort());
                    assertThat(e.getCause()).isInstanceOf(javax.net.ssl.SSLException.class);
                });
    }

    @Test
    void unixSocketsCarryCommandsAndSelectTheDatabase() throws Exception {
        try (RedisConnection connection = RedisConnection.connect("unix://" + redis.unixSocket() + "?db=2")
                .get(10, TimeUnit.SECONDS)) {
            assertThat(connection.execute("PING").get(10, TimeUnit.SECONDS)).isEqualTo("PONG");
            connection.set("where", "unix").get(10, TimeUnit.SECONDS);
            assertThat(((String) connection.execute("CLIENT", "INFO").get(10, TimeUnit.SECONDS))).contains(" db=2 ");
            assertThat(connection.uri().endpoint()).isEqualTo("unix:" + redis.unixSocket());
        }
    }
}
