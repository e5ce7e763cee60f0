package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scripts as parts of the server: their writes reach WATCH and blocked
 * clients, their SELECT stays theirs, binary arguments and replies pass
 * unchanged, a script's error leaves the connection usable, and deep
 * recursion is an error, not a crash.
 */
class ScriptingTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void aScriptsWriteFailsAWatchingTransaction() throws IOException {
        try (RespConnection watcher = server.connect(); RespConnection writer = server.connect()) {
            assertThat(watcher.call("WATCH", "k")).isEqualTo("+OK\r\n");
            assertThat(writer.call("EVAL", "return redis.call('set', KEYS[1], 'x')", "1", "k")).isEqualTo("+OK\r\n");
            assertThat(watcher.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(watcher.call("GET", "k")).isEqualTo("+QUEUED\r\n");
            assertThat(watcher.call("EXEC")).isEqualTo("*-1\r\n");
        }
    }

    @Test
    void aScriptsPushWakesABlockedClientAfterTheScriptEnds() throws IOException {
        try (RespConnection blocked = server.connect(); RespConnection pusher = server.connect()) {
            blocked.send("BLPOP", "q", "10");
            assertThat(pusher.call("CLIENT", "LIST")).contains("cmd=blpop"); // it is waiting now
            assertThat(pusher.call("EVAL", "redis.call('rpush', 'q', 'a') return redis.call('llen', 'q')", "0"))
                    .isEqualTo(":1\r\n");
            assertThat(blocked.readReply()).isEqualTo("*2\r\n$1\r\nq\r\n$1\r\na\r\n");
        }
    }

    @Test
    void selectInsideAScriptDoesNotChangeTheCallersDatabase() throws IOException {
        try (RespConnection c = server.connect()) {
            assertThat(c.call("EVAL", "redis.call('select', 3) return redis.call('set', 'k', 'in3')", "0"))
                    .isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "k")).isEqualTo("$-1\r\n");
            assertThat(c.call("SELECT", "3")).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "k")).isEqualTo("$3\r\nin3\r\n");
            // the next script starts in the caller's database again
            assertThat(c.call("EVAL", "return redis.call('get', 'k')", "0")).isEqualTo("$3\r\nin3\r\n");
        }
    }

    @Test
    void binaryArgumentsAndRepliesPassUnchanged() throws IOException {
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        try (RespConnection c = server.connect()) {
            c.sendRaw(RespConnection.encode(b("EVAL"), b("redis.call('set', KEYS[1], ARGV[1]) "
                    + "return redis.call('get', KEYS[1])"), b("1"), b("bin"), value));
            byte[] reply = c.readReply().getBytes(StandardCharsets.ISO_8859_1);
            byte[] expected = new byte[6 + 256 + 2];
            System.arraycopy(b("$256\r\n"), 0, expected, 0, 6);
            System.arraycopy(value, 0, expected, 6, 256);
            expected[262] = '\r';
            expected[263] = '\n';
            assertThat(reply).isEqualTo(expected);
        }
    }

    @Test
    void aLargeReplyFromRedisCallReachesTheScript() throws IOException {
        try (RespConnection c = server.connect()) {
            assertThat(c.call("EVAL", "for i = 1, 5000 do redis.call('rpush', 'big', string.rep('x', 100)) end "
                    + "local r = redis.call('lrange', 'big', 0, -1) return {#r, #r[5000]}", "0"))
                    .isEqualTo("*2\r\n:5000\r\n:100\r\n");
        }
    }

    @Test
    void deepRecursionIsAnErrorAndTheConnectionGoesOn() throws IOException {
        try (RespConnection c = server.connect()) {
            String reply = c.call("EVAL", "local function f(n) return 1 + f(n + 1) end return f(1)", "0");
            assertThat(reply).startsWith("-ERR ");
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(c.call("EVAL", "return 'still fine'", "0")).isEqualTo("$10\r\nstill fine\r\n");
        }
    }

    @Test
    void pipelinedScriptsRunInOrder() throws IOException {
        try (RespConnection c = server.connect()) {
            for (int i = 0; i < 50; i++) {
                c.send("EVAL", "return redis.call('incr', KEYS[1])", "1", "n");
            }
            for (int i = 1; i <= 50; i++) {
                assertThat(c.readReply()).isEqualTo(":" + i + "\r\n");
            }
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
