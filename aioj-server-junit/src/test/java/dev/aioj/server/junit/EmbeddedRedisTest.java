package dev.aioj.server.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.RedisConnection;
import dev.aioj.server.ConfigException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain API for other test frameworks: start, reach, flush, stop; and what a bad line does. */
class EmbeddedRedisTest {

    @TempDir
    Path dir;

    @Test
    void startsOnAFreePortServesAndStops() throws Exception {
        int port;
        try (EmbeddedRedis redis = EmbeddedRedis.start()) {
            port = redis.port();
            assertThat(port).isPositive();
            assertThat(redis.host()).isEqualTo("127.0.0.1");
            try (RedisConnection c = RedisConnection.connect(redis.uri().toString()).get(10, TimeUnit.SECONDS)) {
                c.set("k", "v").get(10, TimeUnit.SECONDS);
                redis.flushAll();
                assertThat(c.get("k").get(10, TimeUnit.SECONDS)).isNull();
            }
        }
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void takesRedisConfLinesIncludingAUnixSocketAndAPasswordThatNeedsEscaping() throws Exception {
        Path socket = dir.resolve("redis.sock");
        try (EmbeddedRedis redis = EmbeddedRedis.start("unixsocket " + socket, "requirepass \"p@ss word\"")) {
            assertThat(redis.unixSocket()).isEqualTo(socket);
            assertThat(redis.uri().getRawUserInfo()).isEqualTo(":p%40ss%20word");
            try (RedisConnection c = RedisConnection.connect(redis.uri().toString()).get(10, TimeUnit.SECONDS)) {
                assertThat(c.ping().get(10, TimeUnit.SECONDS)).isEqualTo("PONG");
            }
        }
    }

    @Test
    void aLineRedisWouldRefuseFailsTheStartWithRedisWords() {
        assertThatThrownBy(() -> EmbeddedRedis.start("maxmemory lots"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.reason()).isEqualTo("argument must be a memory value");
                    assertThat(e.line()).isEqualTo("maxmemory lots");
                });
    }

    @Test
    void theBuilderTakesFilesAndServerConfigCalls() throws Exception {
        Path conf = java.nio.file.Files.writeString(dir.resolve("redis.conf"), "databases 3\nmaxclients 20\n");
        try (EmbeddedRedis redis = EmbeddedRedis.builder().configFile(conf).config("maxclients 30")
                .server(b -> b.hz(50)).start()) {
            assertThat(redis.server().config().databases()).isEqualTo(3);
            assertThat(redis.server().config().maxClients()).isEqualTo(30);
            assertThat(redis.server().config().hz()).isEqualTo(50);
            assertThat(redis.server().config().configFile()).isEqualTo(conf.toAbsolutePath());
        }
    }
}
