package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-part AOF moves both ways between aioj-server and redis-server
 * 7.0 (a redis-server process started on the same folder with {@code
 * appendonly yes}): every key equal after loading the other's files,
 * including commands aioj writes as their effects (relative expiry, SPOP,
 * INCRBYFLOAT, scripts, transactions, served blocking pops) and a
 * BGREWRITEAOF in the middle; a truncated last file is repaired as Redis
 * repairs it, or refused with {@code aof-load-truncated no}.
 */
class AofTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private RedisServer startAioj(String... directives) {
        ServerConfig.Builder b = ServerConfig.builder().port(0).set("dir", dir.toString()).set("appendonly", "yes")
                .enableDebugCommand("yes");
        for (int i = 0; i < directives.length; i += 2) {
            b.set(directives[i], directives[i + 1]);
        }
        return RedisServer.start(b.build());
    }

    private ServerProcess startRedis() throws Exception {
        return ServerProcess.startOnFreePort(port -> ServerProcess.command(dir, List.of(
                dev.aioj.redis.testing.RedisBinary.locate().path().toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--dir", dir.toString(), "--appendonly", "yes",
                "--appendfsync", "always", "--enable-debug-command", "yes")), WAIT);
    }

    /** Commands whose replay must not be the same argv: relative time, randomness, scripts, transactions. */
    private static void nonDeterministicWrites(RespConnection c) throws IOException {
        c.call("SET", "rel:ex", "v", "EX", "5000");
        c.call("SET", "rel:get", "old");
        c.call("SET", "rel:get", "new", "PX", "9000000", "GET");
        c.call("EXPIRE", "s:text", "7000");
        c.call("SADD", "pop", "a", "b", "c", "d");
        c.call("SPOP", "pop");
        c.call("SET", "f", "1.5");
        c.call("INCRBYFLOAT", "f", "0.25");
        c.call("EVAL", "redis.call('set', KEYS[1], 'from a script') return redis.call('incr', KEYS[2])", "2",
                "script:a", "script:b");
        c.call("MULTI");
        c.call("RPUSH", "tx:list", "1", "2");
        c.call("HSET", "tx:hash", "f", "v");
        c.call("EXEC");
        c.call("GETEX", "s:text", "PX", "8000000");
        c.call("DEL", "s:empty");
        c.call("FUNCTION", "LOAD", "#!lua name=later\nredis.register_function('later_fn', function() return 1 end)");
    }

    @Test
    void anAofWrittenByRedisLoadsIntoAioj() throws Exception {
        Map<String, String> expected;
        try (ServerProcess redis = startRedis(); RespConnection real = new RespConnection(redis.port())) {
            DataSetSnapshot.populate(real);
            nonDeterministicWrites(real);
            assertThat(real.call("DEBUG", "LOADAOF")).isEqualTo("+OK\r\n"); // Redis's own view of its AOF
            expected = DataSetSnapshot.of(real);
            real.send("SHUTDOWN", "NOSAVE");
            real.drainUntilClosed();
            assertThat(redis.awaitExit(WAIT)).isZero();
        }
        assertThat(dir.resolve("appendonlydir/appendonly.aof.manifest")).exists();
        try (RedisServer aioj = startAioj(); RespConnection c = new RespConnection(aioj.port())) {
            DataSetSnapshot.assertEqual(DataSetSnapshot.of(c), expected);
        }
    }

    @Test
    void anAofWrittenByAiojLoadsIntoRedis() throws Exception {
        Map<String, String> expected;
        try (RedisServer aioj = startAioj("appendfsync", "always"); RespConnection c = new RespConnection(aioj.port());
                RespConnection blocked = new RespConnection(aioj.port())) {
            DataSetSnapshot.populate(c);
            assertThat(c.call("BGREWRITEAOF")).isEqualTo("+Background append only file rewriting started\r\n");
            nonDeterministicWrites(c);
            blocked.send("BLPOP", "queue", "0");
            c.call("RPUSH", "queue", "served", "left");
            assertThat(blocked.readReply()).isEqualTo("*2\r\n$5\r\nqueue\r\n$6\r\nserved\r\n");
            awaitRewrite(c);
            c.call("SET", "after-rewrite", "1");
            assertThat(c.call("DEBUG", "RELOAD")).isEqualTo("+OK\r\n"); // encodings as a load makes them
            expected = DataSetSnapshot.of(c);
        }
        try (ServerProcess redis = startRedis(); RespConnection real = new RespConnection(redis.port())) {
            DataSetSnapshot.assertEqual(DataSetSnapshot.of(real), expected);
        }
    }

    private static void awaitRewrite(RespConnection c) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (c.call("INFO", "persistence").contains("aof_rewrite_in_progress:1")) {
            assertThat(System.nanoTime()).as("rewrite still running").isLessThan(deadline);
            c.call("DEBUG", "SLEEP", "0.02");
        }
        assertThat(c.call("INFO", "persistence")).contains("aof_last_bgrewrite_status:ok").contains("aof_rewrites:1");
    }

    @Test
    void aTruncatedLastFileLoadsUpToItsLastWholeCommandUnlessTold() throws Exception {
        try (RedisServer aioj = startAioj("appendfsync", "always"); RespConnection c = new RespConnection(aioj.port())) {
            c.call("SET", "first", "1");
            c.call("SET", "second", "2");
        }
        Path incr = dir.resolve("appendonlydir/appendonly.aof.1.incr.aof");
        long size = Files.size(incr);
        try (FileChannel ch = FileChannel.open(incr, StandardOpenOption.WRITE)) {
            ch.truncate(size - 3); // the middle of the last SET
        }
        assertThatThrownBy(() -> startAioj("aof-load-truncated", "no")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unexpected end of file reading the append only file");
        try (RedisServer aioj = startAioj(); RespConnection c = new RespConnection(aioj.port())) {
            assertThat(c.call("GET", "first")).isEqualTo("$1\r\n1\r\n");
            assertThat(c.call("EXISTS", "second")).isEqualTo(":0\r\n");
            c.call("SET", "third", "3"); // appended after the repaired tail
        }
        try (RedisServer aioj = startAioj(); RespConnection c = new RespConnection(aioj.port())) {
            assertThat(c.call("MGET", "first", "second", "third")).isEqualTo("*3\r\n$1\r\n1\r\n$-1\r\n$1\r\n3\r\n");
        }
    }
}
