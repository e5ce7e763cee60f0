package dev.aioj.bench.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aioj.bench.redis.jmh.AllocationSplit;
import dev.aioj.bench.redis.jmh.CannedRedisServer;
import dev.aioj.redis.RedisConnection;
import dev.aioj.redis.Reply;
import dev.aioj.redis.testing.RedisServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;

/**
 * Every driver of the Redis client benchmark works against a real server (the
 * aioj-redis harness), at sizes that cost seconds: the replies are checked by
 * the drivers themselves, so a pass that returns is a pass that got the right
 * answers. No timing is asserted beyond "positive".
 */
class RedisDriversSmokeTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    private static final Workload WORKLOAD = Workload.of(100, 3);

    @BeforeAll
    static void setLatencyKey() {
        try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            jedis.set(Workload.LATENCY_KEY, WORKLOAD.value());
        }
    }

    static Stream<String> javaDrivers() {
        return Stream.of("aioj", "lettuce-auto", "lettuce-manual", "jedis");
    }

    private static ClientDriver open(String kind) {
        BiFunction<String, Integer, ClientDriver> factory = switch (kind) {
            case "aioj" -> AiojDriver::new;
            case "lettuce-auto" -> LettuceDriver::autoFlush;
            case "lettuce-manual" -> LettuceDriver::manualFlush;
            case "jedis" -> JedisDriver::new;
            default -> throw new IllegalArgumentException(kind);
        };
        return factory.apply("127.0.0.1", redis.port());
    }

    @ParameterizedTest
    @MethodSource("javaDrivers")
    void driverRunsEveryScenarioItSupports(String kind) throws Exception {
        try (ClientDriver driver = open(kind)) {
            assertThat(driver).isInstanceOf(ClientDriver.Pipelined.class);
            for (int window : new int[] {1, 16, 1024}) {
                // an odd total leaves a partial last batch or window
                assertThat(((ClientDriver.Pipelined) driver).alternating(WORKLOAD, 2_001, window)).isPositive();
            }
            if (driver instanceof ClientDriver.Sequential sequential) {
                ClientDriver.Latencies l = sequential.sequentialGets(WORKLOAD.value(), 200);
                assertThat(l.p50()).isPositive();
                assertThat(l.p999()).isGreaterThanOrEqualTo(l.p50());
            }
            if (driver instanceof ClientDriver.Shared shared) {
                assertThat(shared.shared(WORKLOAD, 8, 51)).isPositive();
            }
        }
        try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            assertThat(jedis.get(WORKLOAD.key(0))).isEqualTo(WORKLOAD.value()); // the SETs reached the server
        }
    }

    @Test
    void redisBenchmarkDriverReadsTheToolsOutput() {
        RedisBenchmarkTool tool = RedisBenchmarkTool.find("127.0.0.1", redis.port(), WORKLOAD);
        assumeTrue(tool != null, "redis-benchmark is not installed");
        assertThat(tool.alternating(WORKLOAD, 2_000, 16)).isPositive();
        ClientDriver.Latencies l = tool.sequentialGets(WORKLOAD.value(), 500);
        assertThat(l.p50()).isPositive();
        assertThat(l.p999()).isGreaterThanOrEqualTo(l.p50());
    }

    @Test
    void driverCatchesAWrongReply() {
        try (ClientDriver driver = open("aioj")) {
            Workload other = new Workload(WORKLOAD.keys(), "yyy");
            try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
                jedis.set(Workload.LATENCY_KEY, WORKLOAD.value());
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> ((ClientDriver.Sequential) driver).sequentialGets(other.value(), 1))
                    .hasMessageContaining("expected yyy");
        }
    }

    @Test
    void reportAndChartsComeFromAQuickRun(@TempDir Path dir) throws Exception {
        Options tiny = new Options(1, 400, 40, new int[] {1, 16}, 50, 4, 20, 100, 3, null, null, false, true, null,
                null, Options.CLIENT_NAMES);
        RedisClientBenchmark run = new RedisClientBenchmark(tiny);
        run.serverVersion(redis.version());
        run.run(redis.port(), redis.pid());
        String report = new Report(run, "./aioj bench-redis (test)", List.of(), List.of()).markdown();
        assertThat(report).contains("## (a)", "## (b)", "## (c)", "| 16 |", "aioj/Lettuce auto", "Targets",
                "Client CPU per command", "client CPU per command, µs", "p99 per command, µs");
        assertThat(run.results().has("cpu/a/16", "aioj")).isTrue();
        assertThat(run.results().has("server-cpu/b", "Jedis")).isTrue();
        assertThat(run.results().has("c/p99", "Lettuce (auto-flush)")).isTrue();
        List<Path> charts = Charts.write(run, dir);
        assertThat(charts).hasSize(3).allSatisfy(chart -> assertThat(Files.size(chart)).isPositive());
    }

    @Test
    void cannedServerAnswersAiojWithoutAllocating() {
        try (CannedRedisServer server = CannedRedisServer.start();
                RedisConnection connection = RedisConnection.connect("redis://127.0.0.1:" + server.port()).join()) {
            assertThat(connection.command(Reply.<String>value(), "GET", "anything").join()).isEqualTo("bar");
            assertThat(connection.command(Reply.STATUS, "SET", "k", "v").join()).isEqualTo("OK");
        }
        AllocationSplit.Split split = AllocationSplit.measure(16, false, 20_000);
        assertThat(split.client()).isPositive();
        assertThat(split.server()).isLessThan(1.0); // the canned server's share is noise, not per-command garbage
    }
}
