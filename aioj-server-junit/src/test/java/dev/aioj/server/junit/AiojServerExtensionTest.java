package dev.aioj.server.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.RedisConnection;
import dev.aioj.redis.RedisReplyException;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sample a user copies: one in-process server for the class, configured
 * with redis.conf lines, injected as an EmbeddedRedis, a URI or a port,
 * emptied between tests, shared with {@code @Nested} classes; a method with
 * its own {@code @AiojServer} gets its own server.
 */
@AiojServer(config = {"maxclients 50", "notify-keyspace-events KEA"}, flushBetweenTests = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AiojServerExtensionTest {

    static int classPort;

    @Test
    @Order(1)
    void aClientReachesTheServerThroughTheInjectedUri(URI uri, EmbeddedRedis redis, @RedisPort int port,
            @RedisUri String uriText) throws Exception {
        classPort = port;
        assertThat(uri).isEqualTo(redis.uri()).hasToString(uriText).hasToString("redis://127.0.0.1:" + port);
        try (RedisConnection c = RedisConnection.connect(uri.toString()).get(10, TimeUnit.SECONDS)) {
            assertThat(c.set("left-behind", "x").get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(c.execute("CONFIG", "GET", "maxclients").get(10, TimeUnit.SECONDS).toString())
                    .contains("50");
        }
    }

    @Test
    @Order(2)
    void theSameServerServesTheNextTestEmptied(EmbeddedRedis redis) throws Exception {
        assertThat(redis.port()).isEqualTo(classPort);
        try (RedisConnection c = RedisConnection.connect(redis.uri().toString()).get(10, TimeUnit.SECONDS)) {
            assertThat(c.get("left-behind").get(10, TimeUnit.SECONDS)).as("flushed between tests").isNull();
        }
    }

    @Test
    @Order(3)
    @AiojServer(config = "requirepass s3cret")
    void aMethodWithItsOwnAnnotationGetsItsOwnServer(EmbeddedRedis redis) throws Exception {
        assertThat(redis.port()).isNotEqualTo(classPort);
        assertThat(redis.uri().toString()).isEqualTo("redis://:s3cret@127.0.0.1:" + redis.port());
        try (RedisConnection c = RedisConnection.connect("redis://127.0.0.1:" + redis.port() + "?protocol=2")
                .get(10, TimeUnit.SECONDS)) {
            assertThatThrownBy(() -> c.get("k").get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(RedisReplyException.class,
                            e -> assertThat(e.kind()).isEqualTo("NOAUTH"));
        }
        try (RedisConnection c = RedisConnection.connect(redis.uri().toString()).get(10, TimeUnit.SECONDS)) {
            assertThat(c.ping().get(10, TimeUnit.SECONDS)).isEqualTo("PONG");
        }
    }

    @Nested
    class NestedTests {
        @Test
        void shareTheOuterClassesServer(@RedisPort int port) {
            assertThat(port).isEqualTo(classPort);
        }
    }
}
