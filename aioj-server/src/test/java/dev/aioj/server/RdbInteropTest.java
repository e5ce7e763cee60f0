package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * RDB files move both ways between aioj-server and a real redis-server
 * 7.0: the same keys of every type and encoding ({@link DataSetSnapshot})
 * are made in one, SAVEd, loaded in the other (aioj-server on start,
 * redis-server with DEBUG RELOAD NOSAVE), and every key's type, encoding,
 * value and TTL compared with what the writer itself reads back from the
 * same file (a reload turns some raw strings into embstr, in Redis too).
 */
class RdbInteropTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().enableDebugCommand().build();

    @TempDir
    Path dir;

    private static Path redisRdb(RespConnection real) throws IOException {
        var dirReply = DataSetSnapshot.strings(real.call("CONFIG", "GET", "dir"));
        var nameReply = DataSetSnapshot.strings(real.call("CONFIG", "GET", "dbfilename"));
        return Path.of(dirReply.get(1)).resolve(nameReply.get(1));
    }

    private RedisServer startAioj() {
        return RedisServer.start(ServerConfig.builder().port(0).set("dir", dir.toString())
                .enableDebugCommand("yes").build());
    }

    @Test
    void aFileSavedByRedisLoadsIntoAiojWithEveryKeyEqual() throws IOException {
        Map<String, String> expected;
        try (RespConnection real = new RespConnection(redis.port())) {
            DataSetSnapshot.populate(real);
            assertThat(real.call("SAVE")).isEqualTo("+OK\r\n");
            assertThat(real.call("DEBUG", "RELOAD", "NOSAVE")).isEqualTo("+OK\r\n"); // Redis's own view of its file
            expected = DataSetSnapshot.of(real);
            Files.copy(redisRdb(real), dir.resolve("dump.rdb"), StandardCopyOption.REPLACE_EXISTING);
        }
        try (RedisServer aioj = startAioj(); RespConnection c = new RespConnection(aioj.port())) {
            DataSetSnapshot.assertEqual(DataSetSnapshot.of(c), expected);
            assertThat(c.call("FCALL", "persisted_fn", "0")).isEqualTo("$12\r\nfrom the rdb\r\n");
            assertThat(c.call("INFO", "persistence")).contains("rdb_last_load_keys_loaded:" + (expected.size() - 1));
        }
    }

    @Test
    void aFileSavedByAiojLoadsIntoRedisWithEveryKeyEqual() throws IOException {
        Map<String, String> expected;
        try (RedisServer aioj = startAioj(); RespConnection c = new RespConnection(aioj.port())) {
            DataSetSnapshot.populate(c);
            assertThat(c.call("SAVE")).isEqualTo("+OK\r\n");
            assertThat(c.call("DEBUG", "RELOAD", "NOSAVE")).isEqualTo("+OK\r\n"); // aioj's own view of its file
            expected = DataSetSnapshot.of(c);
        }
        try (RespConnection real = new RespConnection(redis.port())) {
            Files.copy(dir.resolve("dump.rdb"), redisRdb(real), StandardCopyOption.REPLACE_EXISTING);
            assertThat(real.call("DEBUG", "RELOAD", "NOSAVE")).isEqualTo("+OK\r\n");
            DataSetSnapshot.assertEqual(DataSetSnapshot.of(real), expected);
        }
    }

    @Test
    void debugReloadLeavesTheSameDataSetInBothServers() throws IOException {
        try (RedisServer aioj = startAioj(); RespConnection c = new RespConnection(aioj.port());
                RespConnection real = new RespConnection(redis.port())) {
            DataSetSnapshot.populate(c);
            DataSetSnapshot.populate(real);
            DataSetSnapshot.assertEqual(DataSetSnapshot.of(c), DataSetSnapshot.of(real));
            assertThat(c.call("DEBUG", "RELOAD")).isEqualTo("+OK\r\n");
            assertThat(real.call("DEBUG", "RELOAD")).isEqualTo("+OK\r\n");
            DataSetSnapshot.assertEqual(DataSetSnapshot.of(c), DataSetSnapshot.of(real));
        }
    }

    /** The LRU idle time and the LFU counter travel in the file when the policy keeps them, both ways. */
    @Test
    void idleTimeAndFrequencyTravelWithTheirPolicy() throws IOException {
        try (RedisServer aioj = startAioj(); RespConnection c = new RespConnection(aioj.port());
                RespConnection real = new RespConnection(redis.port())) {
            for (String[] policy : new String[][] {{"allkeys-lfu", "FREQ", "100", "FREQ"},
                    {"allkeys-lru", "IDLETIME", "5000", "IDLETIME"}}) {
                for (RespConnection s : List.of(c, real)) {
                    s.call("FLUSHALL");
                    s.call("CONFIG", "SET", "maxmemory-policy", policy[0]);
                }
                byte[] payload = bulk(real.call("DUMP", "none"), real, c);
                assertThat(DataSetSnapshot.call(c, "RESTORE", "k", "0", payload, policy[1], policy[2]))
                        .isEqualTo("+OK\r\n");
                assertThat(c.call("SAVE")).isEqualTo("+OK\r\n");
                Files.copy(dir.resolve("dump.rdb"), redisRdb(real), StandardCopyOption.REPLACE_EXISTING);
                assertThat(real.call("DEBUG", "RELOAD", "NOSAVE")).isEqualTo("+OK\r\n");
                long inRedis = Long.parseLong(real.call("OBJECT", policy[3], "k").trim().substring(1));
                assertThat(inRedis).as("%s after Redis loaded aioj's file", policy[3])
                        .isBetween(Long.parseLong(policy[2]) - 2, Long.parseLong(policy[2]) + 30);
                assertThat(real.call("SAVE")).isEqualTo("+OK\r\n");
                Files.copy(redisRdb(real), dir.resolve("dump.rdb"), StandardCopyOption.REPLACE_EXISTING);
                assertThat(c.call("DEBUG", "RELOAD", "NOSAVE")).isEqualTo("+OK\r\n");
                long inAioj = Long.parseLong(c.call("OBJECT", policy[3], "k").trim().substring(1));
                assertThat(inAioj).as("%s after aioj loaded Redis's file", policy[3])
                        .isBetween(Long.parseLong(policy[2]) - 2, Long.parseLong(policy[2]) + 30);
            }
            real.call("CONFIG", "SET", "maxmemory-policy", "noeviction");
        }
    }

    /** A DUMP payload of a small string made on Redis (the key does not matter to RESTORE). */
    private static byte[] bulk(String ignored, RespConnection real, RespConnection c) throws IOException {
        real.call("SET", "tmp", "value");
        String reply = DataSetSnapshot.call(real, "DUMP", "tmp");
        real.call("DEL", "tmp");
        byte[] raw = reply.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int start = reply.indexOf("\r\n") + 2;
        int n = Integer.parseInt(reply.substring(1, start - 2));
        return java.util.Arrays.copyOfRange(raw, start, start + n);
    }
}
