package dev.aioj.examples.seed000;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seed 000's walk-through runs against a real redis-server, by address and by unix path, and shows each step. */
class RedisClientExampleTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().unixSocket().build();

    @Test
    void walksThroughTheSeedsClientByAddress() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<String> lines = RedisClientExample.run("127.0.0.1:" + redis.port(),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(lines).containsExactly(
                "create_connection(127.0.0.1:" + redis.port() + ") -> RedisConnection[redis://127.0.0.1:"
                        + redis.port() + "/0?protocol=3&timeout=10000ms, READY]",
                "execute('set', 'my-key', 'value') -> OK",
                "execute('get', 'my-key') -> b'value'",
                "execute('get', 'my-key', encoding='utf-8') -> 'value'",
                "100 x INCR in flight at once -> first 1, last 100",
                "execute('incr', 'my-key') -> ReplyError(ERR): ERR value is not an integer or out of range",
                "execute('ping') after the error -> PONG",
                "multi: incr counter, get my-key; exec() -> [101, value]",
                "close(): connection closed");
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n", lines) + "\n");
    }

    @Test
    void connectsByUnixPathLikeCreateConnectionWithAString() throws Exception {
        List<String> lines = RedisClientExample.run(redis.unixSocket().toString(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(lines.get(0)).startsWith("create_connection(" + redis.unixSocket() + ") -> RedisConnection[unix://");
        assertThat(lines).contains("execute('get', 'my-key') -> b'value'");
    }
}
