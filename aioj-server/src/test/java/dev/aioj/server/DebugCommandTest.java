package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DEBUG where the case tables cannot show it: refused unless
 * enable-debug-command allows it, SLEEP stopping every client (not just the
 * caller) without blocking the loop, SET-ACTIVE-EXPIRE, and RELOAD's option
 * errors (RELOAD itself: {@link RdbInteropTest}).
 */
class DebugCommandTest {

    @RegisterExtension
    static final TestServer refusing = new TestServer();

    @RegisterExtension
    static final TestServer local = new TestServer(b -> b.enableDebugCommand("local"));

    @RegisterExtension
    static final TestServer allowing = new TestServer(b -> b.enableDebugCommand("yes"));

    @Test
    void debugIsRefusedByDefaultWithRedisText() throws Exception {
        RespConnection c = refusing.connect();
        assertThat(c.call("DEBUG", "SLEEP", "0")).isEqualTo("-ERR DEBUG command not allowed. If the "
                + "enable-debug-command option is set to \"local\", you can run it from a local connection, "
                + "otherwise you need to set this option in the configuration file, and then restart the server.\r\n");
        assertThat(c.call("DEBUG")).as("arity is checked first, as in Redis")
                .isEqualTo("-ERR wrong number of arguments for 'debug' command\r\n");
        assertThat(c.call("CONFIG", "SET", "enable-debug-command", "yes")).isEqualTo("-ERR CONFIG SET failed (possibly "
                + "related to argument 'enable-debug-command') - can't set immutable config\r\n");
    }

    @Test
    void localAllowsLoopbackClients() throws Exception {
        assertThat(local.connect().call("DEBUG", "SLEEP", "0")).isEqualTo("+OK\r\n");
    }

    @Test
    void sleepStopsEveryClientUntilItEnds() throws Exception {
        RespConnection sleeper = allowing.connect();
        RespConnection other = allowing.connect();
        long start = System.nanoTime();
        sleeper.send("DEBUG", "SLEEP", "0.3");
        assertThat(sleeper.call("PING")).as("a reply the sleeper's own pipeline waits for")
                .isEqualTo("+OK\r\n");
        assertThat(other.call("PING")).isEqualTo("+PONG\r\n");
        assertThat(System.nanoTime() - start).as("the other client waited for the sleep")
                .isGreaterThanOrEqualTo(300_000_000L);
        assertThat(sleeper.readReply()).isEqualTo("+PONG\r\n");
    }

    @Test
    void setActiveExpireZeroLeavesExpiredKeysToLazyExpiry() throws Exception {
        RespConnection c = allowing.connect();
        c.call("DEBUG", "SET-ACTIVE-EXPIRE", "0");
        try {
            c.call("SET", "k", "v", "PX", "1");
            c.call("DEBUG", "SLEEP", "0.01");
            assertThat(allowing.server().runActiveExpiryCycle()).as("the cycle itself still works").isEqualTo(1);
            c.call("SET", "k2", "v", "PX", "1");
            c.call("DEBUG", "SLEEP", "0.25"); // two cron periods at hz 10
            assertThat(c.call("DBSIZE")).as("the cron did not expire it").isEqualTo(":1\r\n");
            assertThat(c.call("GET", "k2")).isEqualTo("$-1\r\n");
            assertThat(c.call("DBSIZE")).isEqualTo(":0\r\n");
        } finally {
            c.call("DEBUG", "SET-ACTIVE-EXPIRE", "1");
        }
    }

    /** DEBUG RELOAD itself is in {@link RdbInteropTest}: here, its options. */
    @Test
    void reloadRefusesUnknownOptionsAndSaysMergeIsMissing() throws Exception {
        RespConnection c = allowing.connect();
        assertThat(c.call("DEBUG", "RELOAD", "BOGUS")).isEqualTo(
                "-ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.\r\n");
        assertThat(c.call("DEBUG", "RELOAD", "MERGE")).isEqualTo(
                "-ERR DEBUG RELOAD MERGE and NOFLUSH are not supported by aioj-server\r\n");
    }
}
