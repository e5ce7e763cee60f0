package dev.aioj.redis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.resp.RespValue;
import dev.aioj.redis.resp.RespValue.Array;
import dev.aioj.redis.resp.RespValue.Bulk;
import dev.aioj.redis.resp.RespValue.ErrorReply;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Starting and stopping servers by hand, and the options that shape them. */
class RedisServerLifecycleTest {

    @Test
    void closeStopsTheServerAndRemovesItsFolder() {
        RedisServerExtension redis = RedisServerExtension.builder().unixSocket().build();
        redis.start();
        redis.start(); // idempotent
        int port = redis.port();
        Path folder = redis.unixSocket().getParent();
        assertThat(redis.isRunning()).isTrue();
        assertThat(folder).isDirectory();

        redis.close();

        assertThat(redis.isRunning()).isFalse();
        assertThat(Files.exists(folder)).isFalse();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(redis::port).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@RegisterExtension");
        redis.close(); // idempotent
    }

    @Test
    void passwordsAclUsersAndExtraArgumentsReachTheServer() {
        try (RedisServerExtension redis = RedisServerExtension.builder()
                .password("s3cret")
                .config("user alice on >wonderland ~* +@all")
                .args("--maxmemory", "12345678")
                .build()) {
            redis.start();
            try (RawRedisConnection connection = redis.connect()) {
                assertThat(((ErrorReply) connection.call("GET", "k")).kind()).isEqualTo("NOAUTH");
                assertThat(((ErrorReply) connection.call("AUTH", "alice", "wrong")).kind()).isEqualTo("WRONGPASS");
                assertThat(connection.call("AUTH", "alice", "wonderland")).isSameAs(RespValue.Simple.OK);
                assertThat(connection.call("ACL", "WHOAMI")).isEqualTo(Bulk.of("alice"));
                assertThat(connection.call("CONFIG", "GET", "maxmemory"))
                        .isEqualTo(Array.of(Bulk.of("maxmemory"), Bulk.of("12345678")));
            }
            try (RawRedisConnection connection = redis.connect()) {
                assertThat(connection.call("AUTH", "s3cret")).isSameAs(RespValue.Simple.OK);
            }
            redis.flushAll();
        }
    }

    @Test
    void aServerThatCannotStartFailsWithItsLog() {
        RedisServerExtension redis = RedisServerExtension.builder()
                .config("no-such-directive yes")
                .startTimeout(Duration.ofSeconds(10))
                .build();
        assertThatThrownBy(redis::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("redis-server exited")
                .hasMessageContaining("no-such-directive");
        assertThat(redis.isRunning()).isFalse();
    }

    @Test
    void twoServersRunSideBySide() throws IOException {
        try (RedisServerExtension first = RedisServerExtension.builder().build();
                RedisServerExtension second = RedisServerExtension.builder().build()) {
            first.start();
            second.start();
            assertThat(first.port()).isNotEqualTo(second.port());
            try (RawRedisConnection a = first.connect(); RawRedisConnection b = second.connect()) {
                a.call("SET", "where", "first");
                assertThat(b.call("GET", "where")).isSameAs(RespValue.Null.INSTANCE);
                assertThat(a.call("GET", "where")).isEqualTo(Bulk.of("first"));
            }
        }
    }
}
