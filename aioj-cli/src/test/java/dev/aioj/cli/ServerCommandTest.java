package dev.aioj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.RedisConnection;
import dev.aioj.redis.RedisReplyException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code aioj server} as a process: starts as redis-server does, serves,
 * refuses without the password, stops on SIGTERM with status 0, and takes
 * redis-server's arguments as they are.
 */
class ServerCommandTest {

    @Test
    void serverStartsLikeRedisServerServesAndStopsCleanlyOnSigterm() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process server = ProcessRunner.start("server", "--port", String.valueOf(port), "--requirepass", "pw",
                "--save", "");
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            StringBuilder log = new StringBuilder();
            for (String line; (line = lines.readLine()) != null; ) {
                log.append(line).append('\n');
                if (line.endsWith("* Ready to accept connections")) {
                    break;
                }
            }
            assertThat(log.toString()).as("the start-up log").contains("* Running mode=standalone, port=" + port + ".")
                    .contains("* Ready to accept connections");
            try (RedisConnection redis = RedisConnection.connect("redis://:pw@127.0.0.1:" + port)
                    .get(10, TimeUnit.SECONDS)) {
                assertThat(redis.set("k", "v").thenCompose(ok -> redis.get("k")).get(10, TimeUnit.SECONDS))
                        .isEqualTo("v");
            }
            try (RedisConnection anonymous = RedisConnection.connect("redis://127.0.0.1:" + port + "?protocol=2")
                    .get(10, TimeUnit.SECONDS)) {
                try {
                    anonymous.get("k").get(10, TimeUnit.SECONDS);
                    throw new AssertionError("a client without the password was served");
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(RedisReplyException.class,
                            r -> assertThat(r.kind()).isEqualTo("NOAUTH"));
                }
            }
            java.util.concurrent.CompletableFuture<String> rest = new java.util.concurrent.CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                StringBuilder text = new StringBuilder();
                try {
                    for (String line; (line = lines.readLine()) != null; ) {
                        text.append(line).append('\n');
                    }
                } catch (java.io.IOException closed) {
                    // the stream closed under us: what was read stays
                }
                rest.complete(text.toString());
            });
            Runtime.getRuntime().exec(new String[] {"kill", "-TERM", String.valueOf(server.pid())}).waitFor();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).as("redis-server exits with 0 after SIGTERM").isZero();
            assertThat(rest.get(20, TimeUnit.SECONDS)).contains("Received SIGTERM scheduling shutdown...")
                    .contains("bye bye");
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void aPortInUseIsLoggedAndExitsWithOne() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ProcessRunner.Result result = ProcessRunner.run(60, "server", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stdout()).contains("Failed listening on port " + taken.getLocalPort() + " (TCP), aborting.");
        }
    }

    @Test
    void redisServerArgumentsPassPicocliUntouched() throws Exception {
        ProcessRunner.Result version = ProcessRunner.run(60, "server", "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).startsWith("aioj-server v=7.0.15 ");
        ProcessRunner.Result bad = ProcessRunner.run(60, "server", "--save", "", "--port", "x");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stderr()).contains(">>> 'port \"x\"'").contains("argument couldn't be parsed into an integer");
    }
}
