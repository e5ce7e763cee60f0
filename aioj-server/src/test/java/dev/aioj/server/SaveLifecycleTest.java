package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.testing.RedisServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SAVE, BGSAVE, LASTSAVE, the {@code save} rules, SHUTDOWN's final save and
 * loading on start, on a server whose {@code dir} is a temporary folder.
 * BGSAVE is a point-in-time snapshot: keys changed, deleted or added while
 * it walks the keyspace (slowed down with {@code rdb-key-save-delay}) are in
 * the file as they were when it started.
 */
class SaveLifecycleTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    @TempDir
    Path dir;

    private RedisServer start(String... directives) {
        ServerConfig.Builder b = ServerConfig.builder().port(0).set("dir", dir.toString()).enableDebugCommand("yes");
        for (int i = 0; i < directives.length; i += 2) {
            b.set(directives[i], directives[i + 1]);
        }
        return RedisServer.start(b.build());
    }

    private static String info(RespConnection c, String field) throws IOException {
        for (String line : c.call("INFO", "persistence").split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        throw new AssertionError("no " + field + " in INFO persistence");
    }

    /** Polls INFO until {@code field} reads {@code value}; bounded by {@code seconds}. */
    private static void awaitInfo(RespConnection c, String field, String value, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!info(c, field).equals(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(field + " still " + info(c, field) + " after " + seconds + " s");
            }
            c.call("DEBUG", "SLEEP", "0.02"); // lets the loop run the save's slices in between
        }
    }

    @Test
    void bgsaveWritesAFileThatLoadsBackWithEveryKey() throws Exception {
        try (RedisServer aioj = start(); RespConnection c = new RespConnection(aioj.port())) {
            DataSetSnapshot.populate(c);
            assertThat(c.call("DEBUG", "RELOAD")).isEqualTo("+OK\r\n"); // encodings as a load makes them
            Map<String, String> before = DataSetSnapshot.of(c);
            assertThat(c.call("BGSAVE")).isEqualTo("+Background saving started\r\n");
            awaitInfo(c, "rdb_bgsave_in_progress", "0", 30);
            assertThat(info(c, "rdb_last_bgsave_status")).isEqualTo("ok");
            assertThat(info(c, "rdb_changes_since_last_save")).isEqualTo("0");
            assertThat(c.call("DEBUG", "RELOAD", "NOSAVE")).isEqualTo("+OK\r\n");
            DataSetSnapshot.assertEqual(DataSetSnapshot.of(c), before);
        }
    }

    @Test
    void bgsaveIsAPointInTimeSnapshotWhileWritesGoOn() throws Exception {
        try (RedisServer aioj = start("rdb-key-save-delay", "200"); RespConnection c = new RespConnection(aioj.port())) {
            for (int i = 0; i < 2000; i++) {
                c.send("SET", "k" + i, "v" + i);
            }
            for (int i = 0; i < 2000; i++) {
                c.readReply();
            }
            c.call("HSET", "h", "a", "1");
            c.call("RPUSH", "l", "x");
            c.call("SELECT", "2");
            c.call("SET", "other-db", "1");
            c.call("SELECT", "0");
            Map<String, String> atStart = DataSetSnapshot.of(c);
            assertThat(c.call("BGSAVE")).isEqualTo("+Background saving started\r\n");
            assertThat(c.call("BGSAVE")).isEqualTo("-ERR Background save already in progress\r\n");
            assertThat(c.call("SAVE")).isEqualTo("-ERR Background save already in progress\r\n");
            for (int i = 0; i < 2000; i += 7) {
                c.call("SET", "k" + i, "changed");
            }
            for (int i = 3; i < 2000; i += 11) {
                c.call("DEL", "k" + i);
            }
            for (int i = 0; i < 300; i++) {
                c.call("SET", "new" + i, "added during the save");
            }
            c.call("HSET", "h", "b", "2");
            c.call("RPUSH", "l", "y");
            c.call("EXPIRE", "k1", "1000");
            c.call("SELECT", "2");
            c.call("FLUSHDB"); // finishes the walk at once, then empties the database
            c.call("SELECT", "0");
            assertThat(info(c, "rdb_bgsave_in_progress")).isIn("0", "1");
            awaitInfo(c, "rdb_bgsave_in_progress", "0", 30);
            assertThat(Long.parseLong(info(c, "rdb_last_cow_size"))).isPositive();
            assertThat(c.call("DEBUG", "RELOAD", "NOSAVE")).isEqualTo("+OK\r\n");
            DataSetSnapshot.assertEqual(DataSetSnapshot.of(c), atStart);
        }
    }

    @Test
    void saveRulesStartABgsaveWhenChangesAndSecondsAreReached() throws Exception {
        try (RedisServer aioj = start("save", "1 3", "hz", "50"); RespConnection c = new RespConnection(aioj.port())) {
            assertThat(info(c, "rdb_saves")).isEqualTo("0");
            c.call("SET", "a", "1");
            c.call("SET", "b", "2");
            assertThat(info(c, "rdb_changes_since_last_save")).isEqualTo("2");
            c.call("SET", "c", "3");
            awaitInfo(c, "rdb_saves", "1", 15);
            awaitInfo(c, "rdb_bgsave_in_progress", "0", 15);
            assertThat(info(c, "rdb_changes_since_last_save")).isEqualTo("0");
            assertThat(dir.resolve("dump.rdb")).exists();
        }
    }

    /**
     * Redis's DEBUG SLEEP blocks its main thread, and the serverCron that fell
     * due meanwhile runs, late, right after: a client sleeping the server back
     * to back (as {@link #awaitInfo} does) delays the save rules, never starves
     * them. 30 pauses of 50 ms in one write leave no gap between pauses for a
     * cron tick that skipped paused time to land in.
     */
    @Test
    void theSaveRulesStillRunWhileAClientSleepsTheServerBackToBack() throws Exception {
        try (RedisServer aioj = start("save", "1 1", "hz", "50"); RespConnection c = new RespConnection(aioj.port())) {
            c.call("SET", "a", "1");
            for (int i = 0; i < 30; i++) {
                c.send("DEBUG", "SLEEP", "0.05");
            }
            c.send("INFO", "persistence");
            for (int i = 0; i < 30; i++) {
                assertThat(c.readReply()).isEqualTo("+OK\r\n");
            }
            String persistence = c.readReply();
            assertThat(persistence).containsAnyOf("rdb_saves:1\r\n", "rdb_bgsave_in_progress:1\r\n");
        }
    }

    @Test
    void shutdownSavesAndTheNextStartLoadsTheFile() throws Exception {
        RedisServer first = start();
        long lastsave;
        try (RespConnection c = new RespConnection(first.port())) {
            c.call("SET", "kept", "across restarts");
            c.call("SET", "short-lived", "x", "PX", "300000");
            assertThat(c.call("SAVE")).isEqualTo("+OK\r\n");
            lastsave = Long.parseLong(c.call("LASTSAVE").trim().substring(1));
            assertThat(lastsave).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(5L));
            c.call("SET", "after-save", "1");
            c.send("SHUTDOWN", "SAVE");
            assertThat(c.drainUntilClosed()).isTrue();
        }
        first.waitClosed().get(30, TimeUnit.SECONDS);
        try (RedisServer second = start(); RespConnection c = new RespConnection(second.port())) {
            assertThat(c.call("GET", "kept")).isEqualTo("$15\r\nacross restarts\r\n");
            assertThat(c.call("GET", "after-save")).isEqualTo("$1\r\n1\r\n");
            assertThat(Long.parseLong(c.call("PTTL", "short-lived").trim().substring(1))).isBetween(1L, 300000L);
            assertThat(info(c, "rdb_last_load_keys_loaded")).isEqualTo("3");
        }
    }

    @Test
    void aDamagedFileStopsTheStartWithRedisMessage() throws Exception {
        try (RedisServer aioj = start(); RespConnection c = new RespConnection(aioj.port())) {
            c.call("SET", "k", "v");
            assertThat(c.call("SAVE")).isEqualTo("+OK\r\n");
        }
        byte[] file = Files.readAllBytes(dir.resolve("dump.rdb"));
        byte[] damaged = file.clone();
        damaged[damaged.length - 12] ^= 1; // a byte of the last key, before EOF and the checksum
        Files.write(dir.resolve("dump.rdb"), damaged);
        assertThatThrownBy(this::start).isInstanceOf(ConfigException.class)
                .hasMessageContaining("Fatal error loading the DB").hasMessageContaining("Wrong RDB checksum");
        Files.write(dir.resolve("dump.rdb"), java.util.Arrays.copyOf(file, file.length - 5));
        assertThatThrownBy(this::start).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unexpected end of input");
    }

    @Test
    void infoPersistenceHasRedisFieldsInRedisOrder() throws Exception {
        try (RedisServer aioj = start(); RespConnection c = new RespConnection(aioj.port());
                RespConnection real = new RespConnection(redis.port())) {
            assertThat(fieldNames(c.call("INFO", "persistence"))).isEqualTo(fieldNames(real.call("INFO", "persistence")));
        }
    }

    private static List<String> fieldNames(String info) {
        List<String> names = new ArrayList<>();
        for (String line : info.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("$")) {
                names.add(line.substring(0, colon));
            }
        }
        return names;
    }
}
