package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisServerExtension;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The greeting: HELLO with AUTH and SETNAME (RESP3), or AUTH, SELECT, CLIENT SETNAME (RESP2); refusals. */
class HandshakeTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder()
            .password("s3cret")
            .config("user alice on >wonderland ~* +@all")
            .build();

    private static String base() {
        return "redis://127.0.0.1:" + redis.port();
    }

    private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the connect to fail");
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {2, 3})
    void passwordDatabaseAndNameAreSetUpInEitherProtocol(int protocol) throws Exception {
        try (RedisConnection connection = RedisConnection.connect(
                "redis://:s3cret@127.0.0.1:" + redis.port() + "/5?name=greeter&protocol=" + protocol)
                .get(10, TimeUnit.SECONDS)) {
            assertThat(connection.execute("CLIENT", "GETNAME").get(10, TimeUnit.SECONDS)).isEqualTo("greeter");
            String info = (String) connection.execute("CLIENT", "INFO").get(10, TimeUnit.SECONDS);
            assertThat(info).contains(" db=5 ").containsPattern(" resp=" + protocol + "\\s");
        }
    }

    @Test
    void anAclUserLogsInByName() throws Exception {
        try (RedisConnection connection = RedisConnection.connect("redis://alice:wonderland@127.0.0.1:" + redis.port())
                .get(10, TimeUnit.SECONDS)) {
            assertThat(connection.execute("ACL", "WHOAMI").get(10, TimeUnit.SECONDS)).isEqualTo("alice");
        }
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {2, 3})
    void aWrongPasswordFailsConnectWithTheServersError(int protocol) throws Exception {
        Throwable failure = failureOf(RedisConnection.connect(
                "redis://alice:wrong@127.0.0.1:" + redis.port() + "?protocol=" + protocol));
        assertThat(failure).isInstanceOfSatisfying(RedisReplyException.class, e -> {
            assertThat(e.kind()).isEqualTo("WRONGPASS");
            assertThat(e.getMessage()).contains("invalid username-password pair");
        });
    }

    @Test
    void anUnknownUserFailsLikeAWrongPassword() throws Exception {
        assertThat(failureOf(RedisConnection.connect("redis://nobody:x@127.0.0.1:" + redis.port())))
                .isInstanceOfSatisfying(RedisReplyException.class, e -> assertThat(e.kind()).isEqualTo("WRONGPASS"));
    }

    @Test
    void noPasswordAtAllMeansCommandsAreRefusedWithNoAuth() throws Exception {
        try (RedisConnection connection = RedisConnection.connect(base() + "?protocol=2").get(10, TimeUnit.SECONDS)) {
            assertThat(failureOf(connection.execute("GET", "k")))
                    .isInstanceOfSatisfying(RedisReplyException.class, e -> assertThat(e.kind()).isEqualTo("NOAUTH"));
        }
    }
}
