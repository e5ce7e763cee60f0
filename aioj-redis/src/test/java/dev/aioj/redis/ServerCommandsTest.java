package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aioj.redis.testing.RedisServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server commands against a real redis-server, over RESP2 and RESP3 (where INFO is verbatim text). */
class ServerCommandsTest extends CommandsTestBase {

    @RegisterExtension
    static final RedisServerExtension server = RedisServerExtension.builder().build();

    @Override
    RedisServerExtension server() {
        return server;
    }

    @BothProtocols
    void pingAndEcho(int resp) {
        var redis = redis(resp);
        assertThat(redis.ping()).isEqualTo("PONG");
        assertThat(redis.ping("hello")).isEqualTo("hello");
        assertThat(redis.echo("héllo")).isEqualTo("héllo");
        assertThat(connection(resp).withCodec(Codec.BYTES).sync().echo(new byte[] {0, -1}))
                .containsExactly(0, -1);
    }

    @BothProtocols
    void infoAsTextAndParsedIntoSections(int resp) {
        var redis = redis(resp);
        assertThat(redis.info()).contains("# Server").contains("redis_version:" + server.version());
        assertThat(redis.info("memory")).startsWith("# Memory").doesNotContain("# Server");
        var sections = redis.infoSections();
        assertThat(sections).containsKeys("server", "clients", "memory", "keyspace");
        assertThat(sections.get("server")).containsEntry("redis_version", server.version())
                .containsKey("tcp_port");
        assertThat(redis.infoSections("server")).containsOnlyKeys("server");
        redis.set("k", "v");
        assertThat(redis.infoSections("keyspace").get("keyspace").get("db0")).startsWith("keys=1,");
    }

    @BothProtocols
    void dbsizeFlushdbAndFlushall(int resp) {
        var redis = redis(resp);
        assertThat(redis.dbsize()).isZero();
        redis.mset(Map.of("a", "1", "b", "2"));
        assertThat(redis.dbsize()).isEqualTo(2L);
        redis.flushdb();
        assertThat(redis.dbsize()).isZero();
        redis.set("c", "3");
        redis.flushall();
        assertThat(redis.dbsize()).isZero();
    }

    @BothProtocols
    void timeIsTheServersClockToTheMicrosecond(int resp) {
        Instant time = redis(resp).time();
        assertThat(Duration.between(time, Instant.now()).abs()).isLessThan(Duration.ofSeconds(5));
        assertThat(time.getNano() % 1000).isZero();
    }

    @BothProtocols
    void lastsaveIsAnInstantInThePast(int resp) {
        Instant lastsave = redis(resp).lastsave();
        assertThat(lastsave).isBeforeOrEqualTo(Instant.now().plusSeconds(1));
        assertThat(lastsave).isCloseTo(Instant.now(), within(1, ChronoUnit.DAYS));
    }

    @BothProtocols
    void clientNameAndId(int resp) {
        try (RedisConnection own = connect(server.uri() + "?protocol=" + resp)) {
            var redis = own.sync();
            assertThat(redis.clientGetname()).isNull();
            redis.clientSetname("typed-" + resp);
            assertThat(redis.clientGetname()).isEqualTo("typed-" + resp);
            assertThat(redis.clientId()).isPositive().isNotEqualTo(redis(resp).clientId());
            assertReplyError("ERR", () -> redis.clientSetname("has space"));
        }
    }

    @BothProtocols
    void configGetAndSetAsText(int resp) {
        var redis = redis(resp);
        String before = redis.configGet("maxmemory-samples").get("maxmemory-samples");
        try {
            redis.configSet("maxmemory-samples", 7);
            assertThat(redis.configGet("maxmemory-samples")).containsExactly(Map.entry("maxmemory-samples", "7"));
            assertThat(redis.configGet("maxmemory*")).containsKeys("maxmemory", "maxmemory-policy");
            assertThat(redis.configGet("no-such-parameter")).isEmpty();
            assertReplyError("ERR", () -> redis.configSet("no-such-parameter", "1"));
            // text even under the bytes codec: parameter names and values are text
            assertThat(connection(resp).withCodec(Codec.BYTES).sync().configGet("maxmemory-samples"))
                    .containsEntry("maxmemory-samples", "7");
        } finally {
            redis.configSet("maxmemory-samples", before);
        }
    }
}
