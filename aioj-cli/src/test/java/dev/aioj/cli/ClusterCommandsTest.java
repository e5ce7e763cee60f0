package dev.aioj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.SlotHash;
import dev.aioj.redis.resp.RespValue;
import dev.aioj.redis.testing.RedisClusterExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code aioj cli -c} and {@code aioj bench --cluster} against a real 3-primary cluster. */
class ClusterCommandsTest {

    @RegisterExtension
    static final RedisClusterExtension cluster = RedisClusterExtension.builder().replicasPerPrimary(0).build();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void cliMinusCFollowsRedirectionsLikeRedisCli() {
        RedisClusterExtension.Node owner = cluster.ownerOf(SlotHash.slot("foo"));
        RedisClusterExtension.Node other = cluster.nodes().stream().filter(n -> n != owner).findFirst().orElseThrow();
        CliCommand cli = new CliCommand(new ByteArrayInputStream("SET foo bar\nGET foo\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        int code = new CommandLine(cli).execute("-c", "-p", String.valueOf(other.port()));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "-> Redirected to slot [12182] located at " + owner.endpoint() + "\nOK\nbar\n");
    }

    @Test
    void cliWithoutMinusCShowsTheMovedError() {
        RedisClusterExtension.Node owner = cluster.ownerOf(SlotHash.slot("foo"));
        RedisClusterExtension.Node other = cluster.nodes().stream().filter(n -> n != owner).findFirst().orElseThrow();
        CliCommand cli = new CliCommand(new ByteArrayInputStream("GET foo\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        new CommandLine(cli).execute("-p", String.valueOf(other.port()));
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("MOVED 12182 ");
    }

    @Test
    void benchMinusMinusClusterSpreadsTheLoadOverEveryPrimary() {
        int code = new CommandLine(new BenchCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false)).execute("--cluster", "-p",
                String.valueOf(cluster.nodes().get(0).port()), "-c", "4", "-n", "3000", "-P", "16", "-r", "1000",
                "-t", "set,get,mset", "-q");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).matches("SET: \\d+\\.\\d\\d requests per second, p50=\\d+\\.\\d{3} msec");
        for (RedisClusterExtension.Node node : cluster.nodes()) {
            assertThat(((RespValue.Int) cluster.call(node, "DBSIZE")).value()).as(node.toString()).isPositive();
        }
    }
}
