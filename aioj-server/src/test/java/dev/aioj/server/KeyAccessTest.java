package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OBJECT IDLETIME and OBJECT FREQ over time, with a clock the test moves:
 * which commands count as an access (Redis's lookupKey without NOTOUCH), how
 * an LFU counter decays with lfu-decay-time, and what RENAME and MOVE carry.
 */
class KeyAccessTest {

    static final MutableClock clock = new MutableClock(1_700_000_000_000L);

    @RegisterExtension
    static final TestServer server = new TestServer(b -> b.clock(clock));

    @AfterEach
    void backToDefaults() throws Exception {
        server.connect().call("CONFIG", "SET", "maxmemory-policy", "noeviction", "lfu-decay-time", "1",
                "lfu-log-factor", "10");
    }

    @Test
    void idleTimeGrowsWithTheClockAndAReadStartsItAgain() throws Exception {
        RespConnection c = server.connect();
        c.call("SET", "foo", "bar");
        assertThat(c.call("OBJECT", "IDLETIME", "foo")).isEqualTo(":0\r\n");
        clock.advance(Duration.ofSeconds(42));
        assertThat(c.call("OBJECT", "IDLETIME", "foo")).isEqualTo(":42\r\n");
        c.call("GET", "foo");
        assertThat(c.call("OBJECT", "IDLETIME", "foo")).isEqualTo(":0\r\n");
    }

    @Test
    void ttlTypeExistsAndObjectDoNotCountAsAccessButTouchDoes() throws Exception {
        RespConnection c = server.connect();
        c.call("SET", "foo", "bar");
        clock.advance(Duration.ofSeconds(3));
        c.call("TTL", "foo");
        c.call("TYPE", "foo");
        c.call("EXISTS", "foo");
        c.call("OBJECT", "ENCODING", "foo");
        c.call("SCAN", "0", "TYPE", "string");
        assertThat(c.call("OBJECT", "IDLETIME", "foo")).isEqualTo(":3\r\n");
        c.call("TOUCH", "foo");
        assertThat(c.call("OBJECT", "IDLETIME", "foo")).isEqualTo(":0\r\n");
    }

    @Test
    void writesAccessTheKeyAndRenameAndMoveKeepItsAge() throws Exception {
        RespConnection c = server.connect();
        c.call("RPUSH", "l", "a");
        c.call("SET", "s", "v");
        clock.advance(Duration.ofSeconds(10));
        c.call("RPUSH", "l", "b");
        assertThat(c.call("OBJECT", "IDLETIME", "l")).isEqualTo(":0\r\n");
        clock.advance(Duration.ofSeconds(5));
        assertThat(c.call("RENAMENX", "l", "l2")).isEqualTo(":1\r\n");
        assertThat(c.call("OBJECT", "IDLETIME", "l2")).as("RENAME looks the source up, an access")
                .isEqualTo(":0\r\n");
        assertThat(c.call("OBJECT", "IDLETIME", "s")).isEqualTo(":15\r\n");
        assertThat(c.call("MOVE", "s", "1")).isEqualTo(":1\r\n");
        c.call("SELECT", "1");
        assertThat(c.call("OBJECT", "IDLETIME", "s")).as("MOVE's lookup of the source is an access")
                .isEqualTo(":0\r\n");
        clock.advance(Duration.ofSeconds(7));
        assertThat(c.call("OBJECT", "IDLETIME", "s")).isEqualTo(":7\r\n");
    }

    @Test
    void anLfuCounterDecaysOnePerDecayPeriodUntilTouched() throws Exception {
        RespConnection c = server.connect();
        c.call("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu", "lfu-log-factor", "0");
        c.call("SET", "k", "v");
        for (int i = 0; i < 10; i++) {
            c.call("GET", "k");
        }
        assertThat(c.call("OBJECT", "FREQ", "k")).as("5 to start with, +1 a read at log factor 0")
                .isEqualTo(":15\r\n");
        clock.advance(Duration.ofMinutes(3));
        assertThat(c.call("OBJECT", "FREQ", "k")).isEqualTo(":12\r\n");
        c.call("CONFIG", "SET", "lfu-decay-time", "2");
        assertThat(c.call("OBJECT", "FREQ", "k")).isEqualTo(":14\r\n");
        c.call("CONFIG", "SET", "lfu-decay-time", "0");
        assertThat(c.call("OBJECT", "FREQ", "k")).as("0: never decays").isEqualTo(":15\r\n");
        c.call("CONFIG", "SET", "lfu-decay-time", "1");
        c.call("GET", "k");
        assertThat(c.call("OBJECT", "FREQ", "k")).as("a read stores the decayed counter, plus one")
                .isEqualTo(":13\r\n");
        clock.advance(Duration.ofMinutes(100));
        assertThat(c.call("OBJECT", "FREQ", "k")).as("never below 0").isEqualTo(":0\r\n");
    }

    @Test
    void aHighLogFactorMakesTheCounterGrowSlowly() throws Exception {
        RespConnection c = server.connect();
        c.call("CONFIG", "SET", "maxmemory-policy", "volatile-lfu", "lfu-log-factor", "10");
        c.call("SET", "k", "v");
        for (int i = 0; i < 100; i++) {
            c.call("GET", "k");
        }
        String freq = c.call("OBJECT", "FREQ", "k");
        long f = Long.parseLong(freq.substring(1, freq.length() - 2));
        assertThat(f).as("the first read always counts, then each one with p = 1/(10*(counter-5)+1)")
                .isBetween(6L, 30L);
    }
}
