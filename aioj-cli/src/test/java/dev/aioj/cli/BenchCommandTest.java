package dev.aioj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code aioj bench} against a real server: redis-benchmark's quiet lines, the report, JSON, bad flags. */
class BenchCommandTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new CommandLine(new BenchCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false)).execute(args);
    }

    @Test
    void quietModePrintsOneRedisBenchmarkLinePerTest() {
        int code = run("-p", String.valueOf(redis.port()), "-c", "4", "-n", "2000", "-P", "8", "-t", "set,get,incr", "-q");
        assertThat(code).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).matches("SET: \\d+\\.\\d\\d requests per second, p50=\\d+\\.\\d{3} msec");
        assertThat(lines[1]).startsWith("GET: ");
        assertThat(lines[2]).startsWith("INCR: ");
        assertThat(redis.connect().call("GET", "counter:__rand_int__").toString()).contains("2000");
    }

    @Test
    void theFullReportHasTheLatencySummary() {
        run("-p", String.valueOf(redis.port()), "-c", "2", "-n", "500", "-t", "lpush,lpop");
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("====== LPUSH ======", "====== LPOP ======", "500 requests completed in",
                "2 parallel clients", "latency summary (msec):", "p99.9", "throughput summary:");
    }

    @Test
    void jsonHasEveryTestWithPercentiles() {
        run("-p", String.valueOf(redis.port()), "-c", "2", "-n", "300", "-t", "ping,mset", "--json");
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(json).startsWith("{").contains("\"clients\": 2").contains("\"test\": \"ping\"")
                .contains("\"test\": \"mset\"").contains("\"requests\": 300").contains("\"p999\":")
                .endsWith("}\n");
    }

    @Test
    void jfrPrintsTheCommandsAndBytesPerPipelinedWrite() {
        int code = run("-p", String.valueOf(redis.port()), "-c", "2", "-n", "4000", "-P", "32", "-t", "set", "-q",
                "--jfr");
        assertThat(code).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("SET: ");
        assertThat(lines[1]).matches("  pipelined writes \\(JFR\\): \\d+; commands per write: mean \\d+\\.\\d, "
                + "p50 \\d+, p99 \\d+, max \\d+; bytes per write: mean \\d+, p99 \\d+");
    }

    @Test
    void anUnknownTestIsNamedInTheError() {
        int code = run("-p", String.valueOf(redis.port()), "-t", "set,frobnicate");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("aioj bench: unknown test 'frobnicate'");
    }
}
