package dev.aioj.redis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.resp.RespValue;
import dev.aioj.redis.resp.RespValue.Array;
import dev.aioj.redis.resp.RespValue.Bulk;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The harness as a test class sees it: one running server, reachable by TCP and unix socket. */
class RedisServerExtensionTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().unixSocket().build();

    @Test
    void answersPingOnAPlainSocketSpeakingRespByHand() throws IOException {
        try (Socket socket = redis.socket()) {
            socket.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readNBytes(7), StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void listensOnLoopbackOnlyAndPersistsNothing() {
        try (RawRedisConnection connection = redis.connect()) {
            assertThat(connection.call("CONFIG", "GET", "bind")).isEqualTo(Array.of(Bulk.of("bind"), Bulk.of("127.0.0.1")));
            assertThat(connection.call("CONFIG", "GET", "save")).isEqualTo(Array.of(Bulk.of("save"), Bulk.of("")));
            assertThat(connection.call("CONFIG", "GET", "appendonly"))
                    .isEqualTo(Array.of(Bulk.of("appendonly"), Bulk.of("no")));
        }
        assertThat(redis.host()).isEqualTo("127.0.0.1");
        assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
    }

    @Test
    void reportsTheVersionOfTheBinaryItRuns() {
        assertThat(redis.version()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(redis.versionAtLeast(6, 0)).isTrue();
        assertThat(redis.versionAtLeast(99, 0)).isFalse();
        try (RawRedisConnection connection = redis.connect()) {
            String info = ((Bulk) connection.call("INFO", "server")).utf8();
            assertThat(info).contains("redis_version:" + redis.version());
        }
        assertThat(redis.log()).anyMatch(line -> line.contains(RedisServerProcess.READY_LINE));
    }

    @Test
    void answersOnTheUnixSocket() {
        try (RawRedisConnection connection = RawRedisConnection.over(redis.unixSocketChannel())) {
            assertThat(connection.call("PING")).isSameAs(RespValue.Simple.PONG);
        }
    }

    @Test
    void flushAllEmptiesTheServer() {
        try (RawRedisConnection connection = redis.connect()) {
            connection.call("SET", "flush-me", "1");
            redis.flushAll();
            assertThat(connection.call("DBSIZE")).isEqualTo(new RespValue.Int(0));
        }
    }

    @Nested
    class InANestedClass {
        @Test
        void theSameServerIsStillRunning() {
            assertThat(redis.isRunning()).isTrue();
            try (RawRedisConnection connection = redis.connect()) {
                assertThat(connection.call("PING")).isSameAs(RespValue.Simple.PONG);
            }
        }
    }
}
