package dev.aioj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisServerExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code aioj cli} driven through its standard input, as a script or a user at a pipe would. */
class CliCommandTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void flush() {
        redis.flushAll();
    }

    private int run(String stdin, String... args) {
        CliCommand cli = new CliCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new CommandLine(cli).execute(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void linesFromAPipeRunInOrderWithRawOutputLikeRedisCli() {
        int code = run("SET greeting \"hello world\"\nGET greeting\nRPUSH l a b\nLRANGE l 0 -1\nGET missing\n",
                "-p", String.valueOf(redis.port()));
        assertThat(code).isZero();
        assertThat(stdout()).isEqualTo("OK\nhello world\n2\na\nb\n\n");
    }

    @Test
    void noRawPrintsTheTerminalFormat() {
        run("SET k v\nINCR n\nRPUSH l a b\nLRANGE l 0 -1\nGET missing\nHSET h f 1\nHGETALL h\n",
                "-p", String.valueOf(redis.port()), "--no-raw");
        assertThat(stdout()).isEqualTo("""
                OK
                (integer) 1
                (integer) 2
                1) "a"
                2) "b"
                (nil)
                (integer) 1
                1# "f" => "1"
                """);
    }

    @Test
    void errorsAndBadQuotingAreShownAndTheSessionGoesOn() {
        run("NOSUCHCOMMAND x\nSET k \"unterminated\nSET k v\nINCR k\nquit\nGET k\n",
                "-p", String.valueOf(redis.port()), "--no-raw");
        assertThat(stdout()).startsWith("(error) ERR unknown command")
                .contains("Invalid argument(s): unbalanced quotes")
                .contains("OK\n(error) ERR value is not an integer or out of range\n")
                .doesNotContain("\"v\""); // nothing after quit runs
    }

    @Test
    void oneCommandAsArgumentsRunsOnceAndExits() {
        run("", "-p", String.valueOf(redis.port()), "SET", "k", "one shot");
        out.reset();
        int code = run("", "-p", String.valueOf(redis.port()), "GET", "k");
        assertThat(code).isZero();
        assertThat(stdout()).isEqualTo("one shot\n");
    }

    @Test
    void resp2AndAUriWork() {
        run("HSET h f v\nHGETALL h\n", "-u", redis.uri() + "/3?protocol=2", "--no-raw");
        assertThat(stdout()).isEqualTo("(integer) 1\n1) \"f\"\n2) \"v\"\n");
    }

    @Test
    void anUnreachableServerExitsWithOneAndSaysWhy() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        int code = run("", "-p", String.valueOf(port), "PING");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("Could not connect to Redis at 127.0.0.1:" + port + ": ")
                .contains("Connection refused");
    }
}
