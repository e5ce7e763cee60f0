package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CLIENT TRACKING beyond what {@code tracking.cases} pins byte for byte:
 * the active expiry cycle invalidating a key, a disconnected BCAST client
 * leaving its prefixes, pushes getting through CLIENT REPLY OFF, and the
 * table limit shedding many keys before one command.
 */
class TrackingTest {

    static final MutableClock clock = new MutableClock(1_700_000_000_000L);

    @RegisterExtension
    static final TestServer server = new TestServer(b -> b.clock(clock));

    private static final String INVALIDATE_A = ">2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\na\r\n";

    @Test
    void theActiveExpiryCycleInvalidatesATrackedKey() throws Exception {
        try (RespConnection reader = server.connect(); RespConnection writer = server.connect()) {
            reader.call("HELLO", "3");
            reader.call("CLIENT", "TRACKING", "on");
            writer.call("SET", "a", "1", "PX", "10");
            assertThat(reader.call("GET", "a")).isEqualTo("$1\r\n1\r\n");
            clock.advance(Duration.ofMillis(11));
            // nobody touches the key: only the cron's active cycle can find it expired
            assertThat(reader.readReply()).isEqualTo(INVALIDATE_A);
        }
    }

    @Test
    void aDisconnectedBcastClientLeavesItsPrefixes() throws Exception {
        try (RespConnection admin = server.connect()) {
            try (RespConnection bcast = server.connect()) {
                bcast.call("HELLO", "3");
                assertThat(bcast.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "p:", "PREFIX", "q:"))
                        .isEqualTo("+OK\r\n");
                assertThat(admin.call("INFO", "stats")).contains("tracking_total_prefixes:2\r\n");
                assertThat(admin.call("INFO", "clients")).contains("tracking_clients:1\r\n");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            String info;
            do {
                info = admin.call("INFO", "everything"); // the server notices the close on its own time
            } while (!info.contains("tracking_total_prefixes:0\r\n") && System.nanoTime() < deadline);
            assertThat(info).contains("tracking_total_prefixes:0\r\n").contains("tracking_clients:0\r\n");
            admin.call("SET", "p:1", "x"); // no client left to tell: nothing breaks
            assertThat(admin.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void invalidationsGetThroughClientReplyOff() throws Exception {
        try (RespConnection reader = server.connect(); RespConnection writer = server.connect()) {
            reader.call("HELLO", "3");
            reader.call("CLIENT", "TRACKING", "on");
            reader.call("GET", "a");
            reader.send("CLIENT", "REPLY", "OFF");
            writer.call("SET", "a", "1");
            assertThat(reader.readReply()).isEqualTo(INVALIDATE_A);
            reader.send("CLIENT", "REPLY", "ON");
            assertThat(reader.readReply()).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void theTableLimitShedsEveryKeyOverItBeforeTheNextCommand() throws Exception {
        try (RespConnection reader = server.connect(); RespConnection admin = server.connect()) {
            reader.call("HELLO", "3");
            reader.call("CLIENT", "TRACKING", "on");
            for (int i = 0; i < 50; i++) {
                reader.call("GET", "k" + i);
            }
            assertThat(admin.call("CONFIG", "SET", "tracking-table-max-keys", "10")).isEqualTo("+OK\r\n");
            try {
                reader.send("PING");
                for (int i = 0; i < 40; i++) {
                    assertThat(reader.readReply()).as("invalidation " + i)
                            .isEqualTo(">2\r\n$10\r\ninvalidate\r\n*1\r\n$" + ("k" + i).length() + "\r\nk" + i + "\r\n");
                }
                assertThat(reader.readReply()).isEqualTo("+PONG\r\n");
                assertThat(admin.call("INFO", "stats")).contains("tracking_total_keys:10\r\n");
            } finally {
                admin.call("CONFIG", "SET", "tracking-table-max-keys", "1000000");
            }
        }
    }
}
