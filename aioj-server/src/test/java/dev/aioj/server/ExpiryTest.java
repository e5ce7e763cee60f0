package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Expiry driven by a clock the test moves: a key past its deadline is never
 * seen (lazy expiry), and the active cycle removes keys nobody reads.
 */
class ExpiryTest {

    static final MutableClock clock = new MutableClock(1_700_000_000_000L);

    @RegisterExtension
    static final TestServer server = new TestServer(b -> b.clock(clock));

    @Test
    void aKeyDisappearsWhenItsDeadlinePasses() throws Exception {
        RespConnection c = server.connect();
        assertThat(c.call("SET", "k", "v", "PX", "1000")).isEqualTo("+OK\r\n");
        assertThat(c.call("PTTL", "k")).isEqualTo(":1000\r\n");
        clock.advance(Duration.ofMillis(999));
        assertThat(c.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
        assertThat(c.call("PTTL", "k")).isEqualTo(":1\r\n");
        clock.advance(Duration.ofMillis(1));
        assertThat(c.call("GET", "k")).as("a deadline equal to now has not passed").isEqualTo("$1\r\nv\r\n");
        clock.advance(Duration.ofMillis(1));
        assertThat(c.call("GET", "k")).isEqualTo("$-1\r\n");
        assertThat(c.call("EXISTS", "k")).isEqualTo(":0\r\n");
        assertThat(c.call("TTL", "k")).isEqualTo(":-2\r\n");
        assertThat(c.call("DBSIZE")).isEqualTo(":0\r\n");
    }

    @Test
    void ttlRoundsToTheNearestSecond() throws Exception {
        RespConnection c = server.connect();
        c.call("SET", "k", "v", "EX", "10");
        clock.advance(Duration.ofMillis(1499));
        assertThat(c.call("TTL", "k")).isEqualTo(":9\r\n");
        clock.advance(Duration.ofMillis(2));
        assertThat(c.call("TTL", "k")).isEqualTo(":8\r\n");
    }

    @Test
    void expiredKeysAreInvisibleToEveryCommand() throws Exception {
        RespConnection c = server.connect();
        c.call("RPUSH", "l", "a");
        c.call("HSET", "h", "f", "v");
        c.call("SET", "s", "v");
        for (String k : new String[] {"l", "h", "s"}) {
            c.call("PEXPIRE", k, "10");
        }
        clock.advance(Duration.ofMillis(11));
        assertThat(c.call("LRANGE", "l", "0", "-1")).isEqualTo("*0\r\n");
        assertThat(c.call("HGET", "h", "f")).isEqualTo("$-1\r\n");
        assertThat(c.call("KEYS", "*")).isEqualTo("*0\r\n");
        assertThat(c.call("SCAN", "0")).isEqualTo("*2\r\n$1\r\n0\r\n*0\r\n");
        assertThat(c.call("RPUSH", "l", "b")).as("a new list replaces the expired one").isEqualTo(":1\r\n");
        assertThat(c.call("TTL", "l")).isEqualTo(":-1\r\n");
        assertThat(c.call("INCR", "s")).isEqualTo(":1\r\n");
    }

    @Test
    void theActiveCycleDeletesExpiredKeysNobodyReads() throws Exception {
        RespConnection c = server.connect();
        for (int i = 0; i < 2000; i++) {
            c.send("SET", "volatile:" + i, "v", "PX", "100");
        }
        for (int i = 0; i < 500; i++) {
            c.send("SET", "stable:" + i, "v");
        }
        for (int i = 0; i < 2500; i++) {
            assertThat(c.readReply()).isEqualTo("+OK\r\n");
        }
        clock.advance(Duration.ofMillis(101));
        // The cron runs the same cycle every 100 ms and may take some keys first: count the keys gone, not who took them.
        for (int cycle = 0; cycle < 50 && server.server().onLoop(() -> server.server().state().dbs[0].size()) > 500;
                cycle++) {
            server.server().runActiveExpiryCycle();
        }
        assertThat(c.call("DBSIZE")).isEqualTo(":500\r\n");
        assertThat(c.call("INFO", "stats")).contains("expired_keys:2000\r\n");
        assertThat(c.call("INFO", "keyspace")).contains("db0:keys=500,expires=0,avg_ttl=0");
    }

    @Test
    void keysTheActiveCycleDeletesAreExpiredEventsWithTheirDatabase() throws Exception {
        RespConnection c = server.connect();
        RespConnection subscriber = server.connect();
        c.call("CONFIG", "SET", "notify-keyspace-events", "Ex");
        try {
            assertThat(subscriber.call("PSUBSCRIBE", "__keyevent@*__:expired"))
                    .isEqualTo("*3\r\n$10\r\npsubscribe\r\n$22\r\n__keyevent@*__:expired\r\n:1\r\n");
            c.call("SELECT", "5");
            c.call("SET", "k", "v", "PX", "10");
            clock.advance(Duration.ofMillis(11));
            for (int cycle = 0; cycle < 50 && server.server().onLoop(() -> server.server().state().stats.expiredKeys) == 0;
                    cycle++) {
                server.server().runActiveExpiryCycle();
            }
            assertThat(subscriber.readReply()).as("nobody read the key: the cycle deleted it and said so")
                    .isEqualTo("*4\r\n$8\r\npmessage\r\n$22\r\n__keyevent@*__:expired\r\n$22\r\n"
                            + "__keyevent@5__:expired\r\n$1\r\nk\r\n");
        } finally {
            c.call("CONFIG", "SET", "notify-keyspace-events", "");
        }
    }

    @Test
    void theCronRunsTheActiveCycleOnItsOwn() throws Exception {
        RespConnection c = server.connect();
        c.call("SET", "k", "v", "PX", "5");
        clock.advance(Duration.ofMillis(6));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String size;
        do {
            Thread.onSpinWait();
            size = c.call("DBSIZE"); // DBSIZE counts keys without expiring them, as in Redis
        } while (!size.equals(":0\r\n") && System.nanoTime() < deadline);
        assertThat(size).isEqualTo(":0\r\n");
    }

    @Test
    void aWatchedKeyThatExpiresFailsTheTransaction() throws Exception {
        RespConnection c = server.connect();
        c.call("SET", "k", "v", "PX", "10");
        assertThat(c.call("WATCH", "k")).isEqualTo("+OK\r\n");
        clock.advance(Duration.ofMillis(11));
        c.call("MULTI");
        c.call("PING");
        assertThat(c.call("EXEC")).isEqualTo("*-1\r\n");
    }

    @Test
    void watchingAnAlreadyExpiredKeyIsNoConflict() throws Exception {
        RespConnection c = server.connect();
        c.call("SET", "k", "v", "PX", "10");
        clock.advance(Duration.ofMillis(11));
        assertThat(c.call("WATCH", "k")).isEqualTo("+OK\r\n");
        c.call("MULTI");
        c.call("PING");
        assertThat(c.call("EXEC")).isEqualTo("*1\r\n+PONG\r\n");
    }
}
