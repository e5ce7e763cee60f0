package dev.aioj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.RedisConnection;
import dev.aioj.redis.RedisReplyException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code aioj server} as a process: says where it listens, serves, refuses without the password, stops on SIGTERM. */
class ServerCommandTest {

    @Test
    void serverPrintsItsAddressServesAndStopsCleanlyOnSigterm() throws Exception {
        Process server = ProcessRunner.start("server", "--port", "0", "--requirepass", "pw");
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = lines.readLine();
            Matcher address = Pattern.compile("aioj-server \\S+ listening on 127\\.0\\.0\\.1:(\\d+) \\(password required\\)")
                    .matcher(first == null ? "" : first);
            assertThat(address.find()).as("first line: " + first).isTrue();
            int port = Integer.parseInt(address.group(1));
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
            // destroy() closes our end of its output: collect the rest first
            java.util.concurrent.CompletableFuture<String> rest = new java.util.concurrent.CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                StringBuilder text = new StringBuilder();
                try {
                    for (String line; (line = lines.readLine()) != null; ) {
                        text.append(line).append('\n');
                        if (line.equals("aioj-server: stopping")) {
                            break;
                        }
                    }
                } catch (java.io.IOException closed) {
                    // the stream closed under us: what was read stays
                }
                rest.complete(text.toString());
            });
            java.lang.ProcessHandle.of(server.pid()).orElseThrow(); // still alive
            Runtime.getRuntime().exec(new String[] {"kill", "-TERM", String.valueOf(server.pid())}).waitFor();
            assertThat(rest.get(20, TimeUnit.SECONDS)).contains("aioj-server: stopping");
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void aPortInUseIsReportedWithExitCodeOne() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ProcessRunner.Result result = ProcessRunner.run(60, "server", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stderr()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }
}
