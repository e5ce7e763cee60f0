package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SHUTDOWN (and SIGTERM/SIGINT, which take the same path in {@code aioj
 * server}) saves first through the final-save hook when save rules are set
 * or SAVE asks, not with NOSAVE; a failing save keeps the server running
 * unless FORCE; illegal flag mixes are syntax errors, as in Redis.
 */
class ShutdownSequenceTest {

    private static RedisServer start(String save, ShutdownSequence.FinalSave hook) {
        RedisServer server = RedisServer.start(ServerConfig.builder().port(0).set("save", save).build());
        server.onLoop(() -> server.state().finalSave = hook);
        return server;
    }

    @Test
    void withSaveRulesShutdownSavesOnceThenStops() throws Exception {
        AtomicInteger saves = new AtomicInteger();
        RedisServer server = start("900 1", s -> saves.incrementAndGet());
        try (RespConnection c = new RespConnection(server.port())) {
            c.send("SHUTDOWN");
            assertThat(c.drainUntilClosed()).isTrue();
        }
        server.waitClosed().get(30, TimeUnit.SECONDS);
        assertThat(saves).hasValue(1);
    }

    @Test
    void nosaveSkipsTheSaveAndSaveForcesOneWithoutRules() throws Exception {
        AtomicInteger saves = new AtomicInteger();
        RedisServer withRules = start("900 1", s -> saves.incrementAndGet());
        try (RespConnection c = new RespConnection(withRules.port())) {
            c.send("SHUTDOWN", "NOSAVE");
            assertThat(c.drainUntilClosed()).isTrue();
        }
        withRules.waitClosed().get(30, TimeUnit.SECONDS);
        assertThat(saves).hasValue(0);
        RedisServer withoutRules = start("", s -> saves.incrementAndGet());
        try (RespConnection c = new RespConnection(withoutRules.port())) {
            c.send("SHUTDOWN", "SAVE");
            assertThat(c.drainUntilClosed()).isTrue();
        }
        withoutRules.waitClosed().get(30, TimeUnit.SECONDS);
        assertThat(saves).hasValue(1);
    }

    @Test
    void aFailedSaveKeepsTheServerRunningUnlessForced() throws Exception {
        RedisServer server = start("900 1", s -> {
            throw new IOException("disk full");
        });
        try (RespConnection c = new RespConnection(server.port())) {
            assertThat(c.call("SHUTDOWN")).isEqualTo("-ERR Errors trying to SHUTDOWN. Check logs.\r\n");
            assertThat(c.call("PING")).as("still serving").isEqualTo("+PONG\r\n");
            c.send("SHUTDOWN", "FORCE");
            assertThat(c.drainUntilClosed()).isTrue();
        }
        server.waitClosed().get(30, TimeUnit.SECONDS);
    }

    @Test
    void flagsThatContradictEachOtherAreSyntaxErrors() throws Exception {
        try (RedisServer server = start("", s -> { });
                RespConnection c = new RespConnection(server.port())) {
            assertThat(c.call("SHUTDOWN", "SAVE", "NOSAVE")).isEqualTo("-ERR syntax error\r\n");
            assertThat(c.call("SHUTDOWN", "ABORT", "NOW")).isEqualTo("-ERR syntax error\r\n");
            assertThat(c.call("SHUTDOWN", "ABORT")).isEqualTo("-ERR No shutdown in progress.\r\n");
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
        }
    }
}
