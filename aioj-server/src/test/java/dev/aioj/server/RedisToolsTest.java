package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * redis-cli and redis-benchmark, unchanged, against aioj-server. Skipped (and
 * saying why) where the tools are not installed; CI installs redis-tools.
 */
class RedisToolsTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    /** The absolute path of {@code name} on PATH, or null. */
    static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Path require(String tool) {
        Path p = onPath(tool);
        Assumptions.assumeTrue(p != null, tool + " is not on PATH: install redis-tools to run this test");
        return p;
    }

    record Result(int exit, String out) {}

    /** Runs a tool with {@code stdin} as its input; fails the test if it runs longer than {@code seconds}. */
    private static Result run(String stdin, int seconds, String... command) throws IOException, InterruptedException {
        Path outFile = Files.createTempFile("aioj-tool", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(outFile.toFile());
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + seconds + " s; output: "
                        + Files.readString(outFile));
            }
            return new Result(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(outFile);
        }
    }

    private Result cli(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(require("redis-cli").toString(), "-p",
                String.valueOf(server.port())));
        command.addAll(List.of(args));
        return run(stdin, 30, command.toArray(new String[0]));
    }

    @Test
    void redisCliRunsCommandsAndPrintsRepliesAsWithRedis() throws Exception {
        assertThat(cli("", "SET", "greeting", "hello world").out()).isEqualTo("OK\n");
        assertThat(cli("", "GET", "greeting").out()).isEqualTo("hello world\n");
        assertThat(cli("", "INCR", "counter").out()).isEqualTo("1\n");
        assertThat(cli("", "RPUSH", "l", "a", "b").out()).isEqualTo("2\n");
        assertThat(cli("", "--no-raw", "LRANGE", "l", "0", "-1").out()).isEqualTo("1) \"a\"\n2) \"b\"\n");
        assertThat(cli("", "--no-raw", "GET", "missing").out()).isEqualTo("(nil)\n");
        assertThat(cli("", "--no-raw", "NOSUCH").out())
                .isEqualTo("(error) ERR unknown command 'NOSUCH', with args beginning with: \n");
        assertThat(cli("", "INFO", "server").out()).contains("redis_version:7.0.15");
    }

    @Test
    void redisCliReadsCommandsFromItsInput() throws Exception {
        Result r = cli("SET a 1\nINCR a\nHSET h f v\nHGETALL h\n");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("OK\n2\n1\nf\nv\n");
    }

    @Test
    void redisCliSpeaksResp3() throws Exception {
        cli("", "HSET", "h", "f", "v");
        assertThat(cli("", "-3", "--no-raw", "HGETALL", "h").out()).isEqualTo("1# \"f\" => \"v\"\n");
        cli("", "ZADD", "z", "1.5", "m");
        assertThat(cli("", "-3", "--no-raw", "ZSCORE", "z", "m").out()).isEqualTo("(double) 1.5\n");
    }

    @Test
    void redisCliPipeModeAndScan() throws Exception {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            input.append("SET key:").append(i).append(" v\r\n");
        }
        Result pipe = cli(input.toString(), "--pipe");
        assertThat(pipe.out()).contains("errors: 0, replies: 1000");
        Result scan = cli("", "--scan", "--pattern", "key:99*");
        assertThat(scan.out().lines().sorted().toList())
                .containsExactly("key:99", "key:990", "key:991", "key:992", "key:993", "key:994", "key:995",
                        "key:996", "key:997", "key:998", "key:999");
    }

    @Test
    void redisBenchmarkRunsItsDefaultSuite() throws Exception {
        Path benchmark = require("redis-benchmark");
        Result r = run("", 240, benchmark.toString(), "-q", "-n", "10000", "-p", String.valueOf(server.port()));
        assertThat(r.exit()).as(r.out()).isZero();
        String out = r.out().replace('\r', '\n');
        assertThat(out).doesNotContain("rror");
        for (String test : new String[] {"PING_INLINE", "PING_MBULK", "SET", "GET", "INCR", "LPUSH", "RPUSH",
            "LPOP", "RPOP", "SADD", "HSET", "SPOP", "ZADD", "ZPOPMIN", "LRANGE_100 (first 100 elements)",
            "LRANGE_600 (first 600 elements)", "MSET (10 keys)"}) {
            assertThat(out).containsPattern("(?m)^ ?" + java.util.regex.Pattern.quote(test)
                    + ": [0-9.]+ requests per second");
        }
    }
}
