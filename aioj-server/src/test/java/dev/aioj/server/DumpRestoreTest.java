package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * DUMP payloads move both ways between aioj-server and redis-server 7.0:
 * every key of {@link DataSetSnapshot#populate} dumped by one and RESTOREd
 * (with its TTL) into the other gives the data set the writer itself reads
 * back; RESTORE's options and errors answer as Redis's do, byte for byte.
 */
class DumpRestoreTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().enableDebugCommand().build();

    @TempDir
    Path dir;

    private RedisServer startAioj() {
        return RedisServer.start(ServerConfig.builder().port(0).set("dir", dir.toString())
                .enableDebugCommand("yes").build());
    }

    private static byte[] bulk(String reply) {
        byte[] raw = reply.getBytes(StandardCharsets.ISO_8859_1);
        int start = reply.indexOf("\r\n") + 2;
        int n = Integer.parseInt(reply.substring(1, start - 2));
        return java.util.Arrays.copyOfRange(raw, start, start + n);
    }

    /** DUMPs every key of every database of {@code from} and RESTOREs it with its TTL into {@code to}. */
    private static void copyAllKeys(RespConnection from, RespConnection to) throws IOException {
        assertThat(to.call("FLUSHALL")).isEqualTo("+OK\r\n");
        for (int db = 0; db < 16; db++) {
            from.call("SELECT", Integer.toString(db));
            to.call("SELECT", Integer.toString(db));
            for (String key : DataSetSnapshot.strings(from.call("KEYS", "*"))) {
                byte[] k = key.getBytes(StandardCharsets.ISO_8859_1);
                byte[] payload = bulk(DataSetSnapshot.call(from, "DUMP", k));
                long pttl = Long.parseLong(DataSetSnapshot.call(from, "PTTL", k).trim().substring(1));
                assertThat(DataSetSnapshot.call(to, "RESTORE", k, Long.toString(Math.max(0, pttl)), payload))
                        .as("RESTORE of %s", key).isEqualTo("+OK\r\n");
            }
        }
        from.call("SELECT", "0");
        to.call("SELECT", "0");
    }

    /** Binary-safe: sends {@code args} to both and checks the replies are the same bytes. */
    private static String both(RespConnection aioj, RespConnection real, Object... args) throws IOException {
        String expected = DataSetSnapshot.call(real, args);
        String actual = DataSetSnapshot.call(aioj, args);
        assertThat(actual).as("reply to %s", java.util.Arrays.toString(args)).isEqualTo(expected);
        return actual;
    }

    private static Map<String, String> withoutFunctions(Map<String, String> m) {
        m.remove("functions");
        return m;
    }

    @Test
    void payloadsFromRedisRestoreIntoAiojAndTheOtherWayRound() throws IOException {
        try (RedisServer aioj = startAioj(); RespConnection c = new RespConnection(aioj.port());
                RespConnection real = new RespConnection(redis.port())) {
            DataSetSnapshot.populate(real);
            assertThat(real.call("DEBUG", "RELOAD")).isEqualTo("+OK\r\n"); // Redis's view of its own payloads
            Map<String, String> expected = withoutFunctions(DataSetSnapshot.of(real));
            copyAllKeys(real, c);
            DataSetSnapshot.assertEqual(withoutFunctions(DataSetSnapshot.of(c)), expected);

            DataSetSnapshot.populate(c);
            assertThat(c.call("DEBUG", "RELOAD")).isEqualTo("+OK\r\n");
            expected = withoutFunctions(DataSetSnapshot.of(c));
            copyAllKeys(c, real);
            DataSetSnapshot.assertEqual(withoutFunctions(DataSetSnapshot.of(real)), expected);
        }
    }

    /**
     * Uncompressed payloads are the same bytes as Redis's. (LZF-compressed
     * strings are not: this compressor is not liblzf's byte for byte, though
     * each side reads the other's, as the test above shows.)
     */
    @Test
    void dumpOfTheSameValueIsTheSameBytesAsRedis() throws IOException {
        try (RedisServer aioj = startAioj(); RespConnection c = new RespConnection(aioj.port());
                RespConnection real = new RespConnection(redis.port())) {
            both(c, real, "FLUSHALL");
            both(c, real, "SET", "int", "12345");
            both(c, real, "SET", "text", "hello");
            both(c, real, "RPUSH", "list", "a", "b", "1", "-70000");
            both(c, real, "HSET", "hash", "f", "v", "n", "5");
            both(c, real, "SADD", "intset", "3", "1", "2", "-100000");
            both(c, real, "ZADD", "zset", "1", "a", "2.5", "b", "-inf", "c");
            for (String key : List.of("int", "text", "list", "hash", "intset", "zset", "missing")) {
                both(c, real, "DUMP", key);
            }
        }
    }

    @Test
    void restoreOptionsAndErrorsAnswerAsRedisDoes() throws IOException {
        try (RedisServer aioj = startAioj(); RespConnection c = new RespConnection(aioj.port());
                RespConnection real = new RespConnection(redis.port())) {
            both(c, real, "FLUSHALL");
            both(c, real, "SET", "src", "value");
            byte[] payload = bulk(real.call("DUMP", "src"));
            byte[] damaged = payload.clone();
            damaged[3] ^= 1;
            both(c, real, "RESTORE", "src", "0", payload);
            both(c, real, "RESTORE", "dst", "-1", payload);
            both(c, real, "RESTORE", "dst", "abc", payload);
            both(c, real, "RESTORE", "dst", "0", payload, "BOGUS");
            both(c, real, "RESTORE", "dst", "0", payload, "IDLETIME", "-1");
            both(c, real, "RESTORE", "dst", "0", payload, "FREQ", "256");
            both(c, real, "RESTORE", "dst", "0", payload, "IDLETIME", "1", "FREQ", "1");
            both(c, real, "RESTORE", "dst", "0", "short");
            both(c, real, "RESTORE", "dst", "0", damaged);
            both(c, real, "RESTORE", "dst", "0", payload, "IDLETIME", "1000");
            both(c, real, "OBJECT", "IDLETIME", "dst");
            both(c, real, "RESTORE", "dst", "0", payload, "REPLACE", "ABSTTL");
            both(c, real, "TTL", "dst");
            both(c, real, "RESTORE", "dst", "1", payload, "REPLACE", "ABSTTL"); // a deadline long past: deleted
            both(c, real, "EXISTS", "dst");
            both(c, real, "RESTORE", "dst", "100000", payload);
            both(c, real, "TTL", "dst");
            both(c, real, "GET", "dst");
        }
    }
}
