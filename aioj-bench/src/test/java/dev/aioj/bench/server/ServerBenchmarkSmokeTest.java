package dev.aioj.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.RedisConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server benchmark's pieces work, at a size that costs seconds: aioj-server in its own JVM, a tiny full run. */
class ServerBenchmarkSmokeTest {

    @Test
    void aiojServerRunsInAJvmOfItsOwnAndSettlesItsMemory() throws Exception {
        try (ServerProcess server = ServerProcess.aioj();
                RedisConnection redis = RedisConnection.connect("redis://127.0.0.1:" + server.port())
                        .get(30, TimeUnit.SECONDS)) {
            assertThat(redis.ping().get(10, TimeUnit.SECONDS)).isEqualTo("PONG");
            server.settleMemory(); // jcmd GC.run against the child
            assertThat(redis.info("memory").get(10, TimeUnit.SECONDS)).contains("used_memory:");
            assertThat(server.name()).startsWith("aioj-server");
        }
    }

    @Test
    void aTinyRunWritesTheTableAndTheChart(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(ServerBenchmark.findOnPath("redis-benchmark") != null
                && ServerBenchmark.findOnPath("redis-server") != null,
                "redis-benchmark and redis-server are not on the PATH here (CI installs them)");
        Path out = dir.resolve("server.md");
        Path chart = dir.resolve("server.png");
        ServerBenchmark.main(new String[] {"--requests", "2000", "--keys", "2000", "--out", out.toString(),
                "--chart", chart.toString()});
        assertThat(Files.readString(out)).contains("| SET, -P 1 |", "| LPOP, -P 16 |", "| EVALSHA, -P 16 |",
                "bytes per key");
        assertThat(Files.size(chart)).isPositive();
    }
}
