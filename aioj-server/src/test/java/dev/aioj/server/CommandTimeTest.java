package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis 7 expires keys against the time the command started (its
 * commandTimeSnapshot): a key is expired or not throughout one command, one
 * EXEC or one script, however long it runs (redis-server 7.0.15 answers 1 to
 * {@code MULTI, SET a 1 PX 1, DEBUG SLEEP 0.05, GET a, EXEC}). Here the
 * server's clock moves 10 ms each time it is read, so time passes between
 * any two steps of a command.
 */
class CommandTimeTest {

    static final MutableClock clock = new MutableClock(1_700_000_000_000L);

    @RegisterExtension
    static final TestServer server = new TestServer(b -> b.clock(clock));

    @BeforeEach
    void timeRunsOnItsOwn() {
        clock.advanceOnEveryRead(Duration.ofMillis(10));
    }

    @AfterEach
    void timeStops() {
        clock.advanceOnEveryRead(Duration.ZERO);
    }

    @Test
    void aKeySetInsideExecIsStillThereForTheRestOfTheExec() throws Exception {
        RespConnection c = server.connect();
        assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
        assertThat(c.call("SET", "k", "v", "PX", "1")).isEqualTo("+QUEUED\r\n");
        assertThat(c.call("GET", "k")).isEqualTo("+QUEUED\r\n");
        assertThat(c.call("EXISTS", "k")).isEqualTo("+QUEUED\r\n");
        assertThat(c.call("EXEC")).isEqualTo("*3\r\n+OK\r\n$1\r\nv\r\n:1\r\n");
        assertThat(c.call("GET", "k")).as("the next command starts later").isEqualTo("$-1\r\n");
    }

    @Test
    void aKeySetInsideAScriptIsStillThereForTheRestOfTheScript() throws Exception {
        RespConnection c = server.connect();
        assertThat(c.call("EVAL", "redis.call('SET', KEYS[1], 'v', 'PX', 1) return redis.call('GET', KEYS[1])",
                "1", "k")).isEqualTo("$1\r\nv\r\n");
        assertThat(c.call("GET", "k")).isEqualTo("$-1\r\n");
    }
}
