package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.loop.EventLoop;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The embedding API: start, port, close, SHUTDOWN, running on a caller's loop. */
class RedisServerTest {

    @Test
    void startsOnAFreePortAndStopsOnClose() throws Exception {
        RedisServer server = RedisServer.start(ServerConfig.builder().port(0).build());
        int port = server.port();
        assertThat(port).isPositive();
        assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        try (RespConnection c = new RespConnection(port)) {
            assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
            server.close();
            assertThat(c.isClosedByServer()).as("clients are disconnected").isTrue();
        }
        assertThat(server.waitClosed()).isDone();
        assertThat(server.loop().isTerminated()).as("an owned loop stops with the server").isTrue();
        assertThatThrownBy(() -> new RespConnection(port)).isInstanceOf(ConnectException.class);
        server.close(); // idempotent
    }

    @Test
    void aPortInUseFailsTheStart() {
        try (RedisServer first = RedisServer.start(ServerConfig.builder().port(0).build())) {
            assertThatThrownBy(() -> RedisServer.start(ServerConfig.builder().port(first.port()).build()))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + first.port());
        }
    }

    @Test
    void shutdownFromALoopbackClientStopsTheServer() throws Exception {
        RedisServer server = RedisServer.start(ServerConfig.builder().port(0).build());
        try (RespConnection c = new RespConnection(server.port())) {
            c.send("SHUTDOWN", "NOSAVE");
            assertThat(c.isClosedByServer()).isTrue();
        }
        server.waitClosed().get(5, TimeUnit.SECONDS);
        assertThat(server.loop().isTerminated()).isTrue();
    }

    @Test
    void runsOnALoopTheCallerOwnsAndLeavesItRunning() throws Exception {
        try (EventLoop loop = EventLoop.create()) {
            RedisServer a = RedisServer.start(ServerConfig.builder().port(0).build(), loop).get(5, TimeUnit.SECONDS);
            RedisServer b = RedisServer.start(ServerConfig.builder().port(0).build(), loop).get(5, TimeUnit.SECONDS);
            try (RespConnection ca = new RespConnection(a.port()); RespConnection cb = new RespConnection(b.port())) {
                ca.call("SET", "k", "a");
                assertThat(cb.call("GET", "k")).as("two servers, two keyspaces").isEqualTo("$-1\r\n");
            }
            a.close();
            assertThat(loop.isShuttingDown()).isFalse();
            try (RespConnection cb = new RespConnection(b.port())) {
                assertThat(cb.call("PING")).isEqualTo("+PONG\r\n");
            }
            b.close();
        }
    }

    @Test
    void blockingCallsRefuseToRunOnALoopThread() throws Exception {
        try (EventLoop loop = EventLoop.create()) {
            Throwable t = loop.submit(() -> {
                try {
                    RedisServer.start(ServerConfig.builder().port(0).build());
                    return null;
                } catch (IllegalStateException e) {
                    return e;
                }
            }).get(5, TimeUnit.SECONDS);
            assertThat(t).isInstanceOf(IllegalStateException.class).hasMessageContaining("would deadlock");
        }
    }

    @Test
    void configGuardsNameTheBadValue() {
        assertThatThrownBy(() -> ServerConfig.builder().port(70000)).hasMessage("port out of 0..65535: 70000");
        assertThatThrownBy(() -> ServerConfig.builder().maxClients(0)).hasMessage("maxClients < 1: 0");
        assertThatThrownBy(() -> new ServerConfig.OutputBufferLimit(-1, 0, java.time.Duration.ZERO))
                .hasMessage("hardBytes < 0: -1");
        assertThat(ServerConfig.builder().requirePass("").build().requirePass()).isNull();
    }
}
