package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.resp.RespValue;
import dev.aioj.redis.testing.RedisServerExtension;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * What every typed-command test class shares: a real redis-server of its own
 * (each subclass registers one), a RESP2 and a RESP3 connection to it made
 * once per class, and an empty server before each test. Tests go through the
 * blocking view, which calls the asynchronous method of the same name, so
 * one assertion covers both layers; {@link SyncViewTest} checks the two agree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CommandsTestBase {

    private RedisConnection resp2;
    private RedisConnection resp3;

    /** The subclass's server, registered with {@code @RegisterExtension} on a static field. */
    abstract RedisServerExtension server();

    @BeforeAll
    void connectWithBothProtocols() {
        resp2 = connect(server().uri() + "?protocol=2");
        resp3 = connect(server().uri() + "?protocol=3");
        // Make sure each really speaks its protocol: an empty hash is a map only in RESP3.
        assertThat(resp2.command((value, codec) -> value, "HGETALL", "none").join())
                .isInstanceOf(RespValue.Array.class);
        assertThat(resp3.command((value, codec) -> value, "HGETALL", "none").join())
                .isInstanceOf(RespValue.MapReply.class);
    }

    @AfterAll
    void closeConnections() {
        if (resp2 != null) {
            resp2.close();
        }
        if (resp3 != null) {
            resp3.close();
        }
    }

    @BeforeEach
    void emptyServer() {
        server().flushAll();
    }

    static RedisConnection connect(String uri) {
        return RedisConnection.connect(uri).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The blocking view of the connection speaking RESP{@code resp}. */
    RedisSyncCommands<String> redis(int resp) {
        return connection(resp).sync();
    }

    RedisConnection connection(int resp) {
        return switch (resp) {
            case 2 -> resp2;
            case 3 -> resp3;
            default -> throw new IllegalArgumentException("resp is 2 or 3: " + resp);
        };
    }

    /** Asserts that {@code call} fails with the server's error of {@code kind}, unwrapped. */
    static void assertReplyError(String kind, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RedisReplyException.class,
                e -> assertThat(e.kind()).isEqualTo(kind));
    }

    /** Asserts that {@code call} fails with WRONGTYPE: the key holds another type. */
    static void assertWrongType(ThrowingCallable call) {
        assertReplyError("WRONGTYPE", call);
    }
}
