package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.testing.RedisServerExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The seed's execute() against a real redis-server: replies, errors, pipelining, codecs, arguments. */
class RedisConnectionTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    private RedisConnection connection;

    @BeforeEach
    void connect() {
        redis.flushAll();
        connection = RedisConnection.connect(redis.uri()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @AfterEach
    void close() {
        connection.close();
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @Test
    void executeReturnsEachReplyAsPlainJavaValues() throws Exception {
        assertThat(await(connection.execute("SET", "k", "v"))).isEqualTo("OK");
        assertThat(await(connection.execute("GET", "k"))).isEqualTo("v");
        assertThat(await(connection.execute("GET", "missing"))).isNull();
        assertThat(await(connection.execute("INCRBY", "n", 5))).isEqualTo(5L);
        assertThat(await(connection.execute("RPUSH", "list", "a", "b"))).isEqualTo(2L);
        assertThat(await(connection.execute("LRANGE", "list", 0, -1))).isEqualTo(List.of("a", "b"));
        assertThat(await(connection.execute("HSET", "h", "f", "1"))).isEqualTo(1L);
        // RESP3 (the default): HGETALL is a map
        assertThat(await(connection.execute("HGETALL", "h"))).isEqualTo(Map.of("f", "1"));
        assertThat(await(connection.execute("PING"))).isEqualTo("PONG");
    }

    @Test
    void lowerCaseCommandNamesWorkLikeTheSeedsUpperCasing() throws Exception {
        assertThat(await(connection.execute("set", "k", "v"))).isEqualTo("OK");
        assertThat(await(connection.execute("get", "k"))).isEqualTo("v");
    }

    @Test
    void anErrorReplyFailsOnlyItsCommandAndLaterRepliesStayMatched() throws Exception {
        connection.execute("SET", "text", "abc");
        CompletableFuture<Object> before = connection.execute("SET", "a", "1");
        CompletableFuture<Object> wrong = connection.execute("INCR", "text");
        CompletableFuture<Object> typeError = connection.execute("LPUSH", "text", "x");
        CompletableFuture<Object> after = connection.execute("GET", "a");
        assertThat(await(before)).isEqualTo("OK");
        assertThatThrownBy(() -> await(wrong)).cause()
                .isInstanceOfSatisfying(RedisReplyException.class, e -> {
                    assertThat(e.kind()).isEqualTo("ERR");
                    assertThat(e.getMessage()).isEqualTo("ERR value is not an integer or out of range");
                });
        assertThatThrownBy(() -> await(typeError)).cause()
                .isInstanceOfSatisfying(RedisReplyException.class, e -> assertThat(e.kind()).isEqualTo("WRONGTYPE"));
        assertThat(await(after)).isEqualTo("1");
        assertThat(connection.isConnected()).isTrue();
    }

    @Test
    void aNullArgumentFailsAtOnceNamingItAndNothingIsSent() throws Exception {
        assertThatThrownBy(() -> connection.execute("SET", "k", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argument 2 of SET is null");
        assertThatThrownBy(() -> connection.execute("SET", "k", new java.util.Date()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("argument 2 of SET has unsupported type java.util.Date");
        assertThatThrownBy(() -> connection.execute())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(await(connection.execute("EXISTS", "k"))).isEqualTo(0L);
        assertThat(connection.pendingCommands()).isZero();
    }

    @Test
    void everyArgumentTypeIsSentAsRedisExpects() throws Exception {
        await(connection.execute("SET", "bytes".getBytes(StandardCharsets.UTF_8), new byte[] {0, (byte) 0xff}));
        assertThat(await(connection.withCodec(Codec.BYTES).execute("GET", "bytes")))
                .isEqualTo(new byte[] {0, (byte) 0xff});
        await(connection.execute("SET", "int", 42));
        await(connection.execute("SET", "long", 1L << 40));
        await(connection.execute("SET", "double", 1.5));
        await(connection.execute("SET", "float", 2.25f));
        ByteBuffer buffer = ByteBuffer.wrap("buffered".getBytes(StandardCharsets.UTF_8));
        await(connection.execute("SET", "buffer", buffer));
        assertThat(await(connection.execute("MGET", "int", "long", "double", "float", "buffer")))
                .isEqualTo(List.of("42", "1099511627776", "1.5", "2.25", "buffered"));
        await(connection.execute("SET", "unicode", "héllo wörld ☃"));
        assertThat(await(connection.execute("GET", "unicode"))).isEqualTo("héllo wörld ☃");
    }

    @Test
    void theBytesCodecKeepsBinaryRepliesRaw() throws Exception {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        RedisCommands<byte[]> raw = connection.withCodec(Codec.BYTES);
        await(raw.execute("SET", "bin", binary));
        byte[] got = await(raw.<byte[]>command(Reply.value(), "GET", "bin"));
        assertThat(got).isEqualTo(binary);
        assertThat(raw.codec()).isSameAs(Codec.BYTES);
    }

    @Test
    void manyCommandsInFlightArePipelinedInOneBatch() throws Exception {
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            futures.add(connection.command(Reply.LONG, "INCR", "counter"));
        }
        for (int i = 0; i < futures.size(); i++) {
            assertThat(await(futures.get(i))).isEqualTo(i + 1L); // FIFO: the i-th reply belongs to the i-th command
        }
    }

    @Test
    void aCommandWithTheWrongReplyShapeFailsAloneWithAClearMessage() throws Exception {
        await(connection.execute("SET", "k", "v"));
        assertThatThrownBy(() -> await(connection.command(Reply.LONG, "GET", "k"))).cause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expected an integer");
        assertThat(await(connection.execute("GET", "k"))).isEqualTo("v");
    }

    @Test
    void closeLetsSubmittedCommandsFinishThenRefusesNewOnes() throws Exception {
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            futures.add(connection.command(Reply.LONG, "INCR", "c"));
        }
        connection.closeAsync().get(10, TimeUnit.SECONDS);
        assertThat(await(futures.get(999))).isEqualTo(1000L);
        assertThat(connection.isOpen()).isFalse();
        assertThatThrownBy(() -> await(connection.execute("PING"))).cause()
                .isInstanceOfSatisfying(RedisConnectionException.class, e -> {
                    assertThat(e.mayHaveExecuted()).isFalse();
                    assertThat(e.getMessage()).contains("closed");
                });
    }

    @Test
    void joinOnTheLoopThreadIsRefusedInsteadOfDeadlocking() throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        connection.loop().execute(() -> { // the connection's own loop thread, as any callback runs on
            try {
                connection.execute("PING").join();
                thrown.complete(null);
            } catch (IllegalStateException e) {
                thrown.complete(e);
            }
        });
        assertThat(thrown.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("would deadlock");
    }

    @Test
    void aPerViewTimeoutFailsASlowCommandAndItsLateReplyIsDropped() throws Exception {
        RedisCommands<String> impatient = connection.withTimeout(Duration.ofMillis(100));
        CompletableFuture<Object> slow = impatient.execute("BLPOP", "nothing", "1"); // blocks 1 s server-side
        CompletableFuture<Object> next = connection.execute("ECHO", "after");
        assertThatThrownBy(() -> await(slow)).cause()
                .isInstanceOfSatisfying(RedisTimeoutException.class, e -> {
                    assertThat(e.command()).isEqualTo("BLPOP");
                    assertThat(e.timeout()).isEqualTo(Duration.ofMillis(100));
                });
        // BLPOP's late null reply is consumed and dropped; ECHO gets its own reply
        assertThat(await(next)).isEqualTo("after");
        assertThat(await(connection.execute("PING"))).isEqualTo("PONG");
    }

    @Test
    void toStringLooksLikeTheSeedsReprWithTheDatabaseAndNoPassword() {
        assertThat(connection.toString()).startsWith("RedisConnection[redis://127.0.0.1:" + redis.port() + "/0")
                .contains("READY");
    }

    @Test
    void futuresFailWithCompletionExceptionsWrappingTypedErrors() {
        CompletableFuture<Object> failing = connection.execute("NOSUCHCOMMAND");
        assertThatThrownBy(failing::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(RedisReplyException.class)
                .hasMessageContaining("unknown command");
    }
}
