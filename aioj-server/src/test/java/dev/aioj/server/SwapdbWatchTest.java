package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SWAPDB and WATCH around keys that expired but are still stored (Redis's
 * "SWAPDB does not touch watched stale keys" tests in multi.tcl): an expired
 * key is logically absent, so swapping it for nothing, or nothing for it, or
 * one stale key for another, is no change; a stale key replaced by a live one
 * is.
 *
 * <p>Redis's tests stop the active expiry cycle with DEBUG; here the clock is
 * moved and the watching client's commands run in the same loop task, so no
 * expiry cycle can delete the stale keys in between. The replies are then
 * read from the client's socket.
 */
class SwapdbWatchTest {

    static final MutableClock clock = new MutableClock(1_700_000_000_000L);

    @RegisterExtension
    static final TestServer server = new TestServer(b -> b.clock(clock));

    /** Moves the clock past every 10 ms deadline, then runs {@code commands} as {@code c}, all in one loop task. */
    private static void expireThenRun(RespConnection c, String... commands) throws Exception {
        long id = Long.parseLong(c.call("CLIENT", "ID").substring(1).trim());
        server.server().onLoop(() -> {
            clock.advance(Duration.ofMillis(20));
            Client client = server.server().state().clients.get(id);
            for (String command : commands) {
                String[] words = command.split(" ");
                byte[][] argv = new byte[words.length][];
                for (int i = 0; i < words.length; i++) {
                    argv[i] = words[i].getBytes(StandardCharsets.UTF_8);
                }
                server.server().state().dispatcher.dispatch(client, argv);
            }
            client.reply.flush();
            return null;
        });
    }

    /** WATCH x in db 1, SWAPDB 0 1, then a transaction: its reply tells whether x was touched. */
    private static String watchSwapAndExec(RespConnection c) throws Exception {
        expireThenRun(c, "SELECT 1", "WATCH x", "SWAPDB 0 1", "MULTI", "PING", "EXEC");
        for (int i = 0; i < 5; i++) {
            c.readReply(); // +OK +OK +OK +OK +QUEUED
        }
        return c.readReply();
    }

    @Test
    void aStaleKeyReplacedWithNothingIsNoChange() throws Exception {
        RespConnection c = server.connect();
        c.call("SELECT", "1");
        c.call("SET", "x", "foo", "PX", "10");
        assertThat(watchSwapAndExec(c)).isEqualTo("*1\r\n+PONG\r\n");
    }

    @Test
    void nothingReplacedWithAStaleKeyIsNoChange() throws Exception {
        RespConnection c = server.connect();
        c.call("SET", "x", "foo", "PX", "10");
        assertThat(watchSwapAndExec(c)).isEqualTo("*1\r\n+PONG\r\n");
    }

    @Test
    void aStaleKeyReplacedWithAnotherStaleKeyIsNoChange() throws Exception {
        RespConnection c = server.connect();
        c.call("SET", "x", "bar", "PX", "10");
        c.call("SELECT", "1");
        c.call("SET", "x", "foo", "PX", "10");
        assertThat(watchSwapAndExec(c)).isEqualTo("*1\r\n+PONG\r\n");
    }

    @Test
    void aStaleKeyReplacedWithALiveKeyIsAChange() throws Exception {
        RespConnection c = server.connect();
        c.call("SET", "x", "live");
        c.call("SELECT", "1");
        c.call("SET", "x", "foo", "PX", "10");
        assertThat(watchSwapAndExec(c)).isEqualTo("*-1\r\n");
    }

    @Test
    void aLiveKeyReplacedWithAStaleKeyIsAChange() throws Exception {
        RespConnection c = server.connect();
        c.call("SET", "x", "stale", "PX", "10");
        c.call("SELECT", "1");
        c.call("SET", "x", "live");
        assertThat(watchSwapAndExec(c)).isEqualTo("*-1\r\n");
    }
}
