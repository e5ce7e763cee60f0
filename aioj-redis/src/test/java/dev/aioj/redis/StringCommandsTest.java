package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.testing.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The string commands against a real redis-server, over RESP2 and RESP3. */
class StringCommandsTest extends CommandsTestBase {

    @RegisterExtension
    static final RedisServerExtension server = RedisServerExtension.builder().build();

    @Override
    RedisServerExtension server() {
        return server;
    }

    @BothProtocols
    void getReturnsTheValueOrNullForAMissingKey(int resp) {
        var redis = redis(resp);
        assertThat(redis.set("k", "v")).isTrue();
        assertThat(redis.get("k")).isEqualTo("v");
        assertThat(redis.get("missing")).isNull();
    }

    @BothProtocols
    void getOfAListIsAWrongTypeError(int resp) {
        var redis = redis(resp);
        redis.rpush("list", "a");
        assertWrongType(() -> redis.get("list"));
    }

    @BothProtocols
    void setReplacesTheValueAndRemovesTheTimeToLive(int resp) {
        var redis = redis(resp);
        redis.setex("k", Duration.ofSeconds(100), "old");
        assertThat(redis.set("k", "new")).isTrue();
        assertThat(redis.get("k")).isEqualTo("new");
        assertThat(redis.ttl("k")).isEqualTo(-1L);
    }

    @BothProtocols
    void setNxAndXxSayWhetherTheyWrote(int resp) {
        var redis = redis(resp);
        assertThat(redis.set("k", "1", SetArgs.of().xx())).isFalse();
        assertThat(redis.get("k")).isNull();
        assertThat(redis.set("k", "1", SetArgs.of().nx())).isTrue();
        assertThat(redis.set("k", "2", SetArgs.of().nx())).isFalse();
        assertThat(redis.set("k", "3", SetArgs.of().xx())).isTrue();
        assertThat(redis.get("k")).isEqualTo("3");
    }

    @BothProtocols
    void setExpiryOptionsSetTheTimeToLive(int resp) {
        var redis = redis(resp);
        redis.set("ex", "v", SetArgs.of().ex(Duration.ofSeconds(100)));
        assertThat(redis.ttl("ex")).isBetween(99L, 100L);
        redis.set("px", "v", SetArgs.of().px(Duration.ofMillis(100_500)));
        assertThat(redis.pttl("px")).isBetween(99_000L, 100_500L);
        redis.set("exat", "v", SetArgs.of().exAt(Instant.now().plusSeconds(200)));
        assertThat(redis.ttl("exat")).isBetween(198L, 200L);
        redis.set("pxat", "v", SetArgs.of().nx().pxAt(Instant.now().plusSeconds(300)));
        assertThat(redis.pttl("pxat")).isBetween(298_000L, 300_000L);
    }

    @BothProtocols
    void setKeepTtlKeepsTheTimeToLive(int resp) {
        var redis = redis(resp);
        redis.set("k", "v", SetArgs.of().ex(Duration.ofSeconds(100)));
        redis.set("k", "w", SetArgs.of().keepTtl());
        assertThat(redis.get("k")).isEqualTo("w");
        assertThat(redis.ttl("k")).isBetween(99L, 100L);
    }

    @BothProtocols
    void setGetReturnsTheOldValue(int resp) {
        var redis = redis(resp);
        assertThat(redis.setGet("k", "1")).isNull();
        assertThat(redis.setGet("k", "2")).isEqualTo("1");
        assertThat(redis.setGet("k", "3", SetArgs.of().xx().px(Duration.ofSeconds(50)))).isEqualTo("2");
        assertThat(redis.get("k")).isEqualTo("3");
        assertThat(redis.pttl("k")).isPositive();
        redis.sadd("set", "a");
        assertWrongType(() -> redis.setGet("set", "x"));
    }

    @BothProtocols
    void setnxSetsOnlyAMissingKey(int resp) {
        var redis = redis(resp);
        assertThat(redis.setnx("k", "1")).isTrue();
        assertThat(redis.setnx("k", "2")).isFalse();
        assertThat(redis.get("k")).isEqualTo("1");
    }

    @BothProtocols
    void setexAndPsetexSetAValueWithATimeToLive(int resp) {
        var redis = redis(resp);
        redis.setex("s", Duration.ofMinutes(1), "v");
        assertThat(redis.ttl("s")).isBetween(59L, 60L);
        redis.psetex("p", Duration.ofMillis(59_500), "v");
        assertThat(redis.pttl("p")).isBetween(58_000L, 59_500L);
        assertThat(redis.get("p")).isEqualTo("v");
    }

    @BothProtocols
    void getdelReturnsAndDeletes(int resp) {
        var redis = redis(resp);
        redis.set("k", "v");
        assertThat(redis.getdel("k")).isEqualTo("v");
        assertThat(redis.exists("k")).isZero();
        assertThat(redis.getdel("k")).isNull();
    }

    @BothProtocols
    void getexReadsAndChangesTheTimeToLive(int resp) {
        var redis = redis(resp);
        redis.set("k", "v");
        assertThat(redis.getex("k", GetExArgs.of())).isEqualTo("v");
        assertThat(redis.ttl("k")).isEqualTo(-1L);
        assertThat(redis.getex("k", GetExArgs.of().ex(Duration.ofSeconds(100)))).isEqualTo("v");
        assertThat(redis.ttl("k")).isBetween(99L, 100L);
        assertThat(redis.getex("k", GetExArgs.of().pxAt(Instant.now().plusSeconds(50)))).isEqualTo("v");
        assertThat(redis.ttl("k")).isBetween(48L, 50L);
        assertThat(redis.getex("k", GetExArgs.of().persist())).isEqualTo("v");
        assertThat(redis.ttl("k")).isEqualTo(-1L);
        assertThat(redis.getex("missing", GetExArgs.of().px(Duration.ofMillis(10)))).isNull();
    }

    @BothProtocols
    void mgetReturnsValuesInOrderWithNullsForMissingAndOtherTypes(int resp) {
        var redis = redis(resp);
        redis.set("a", "1");
        redis.set("c", "3");
        redis.rpush("list", "x");
        assertThat(redis.mget("a", "b", "c", "list")).containsExactly("1", null, "3", null);
    }

    @BothProtocols
    void msetSetsAllAndMsetnxNoneIfOneExists(int resp) {
        var redis = redis(resp);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("a", "1");
        values.put("b", 2);
        redis.mset(values);
        assertThat(redis.mget("a", "b")).containsExactly("1", "2");
        assertThat(redis.msetnx(Map.of("b", "x", "c", "y"))).isFalse();
        assertThat(redis.exists("c")).isZero();
        assertThat(redis.msetnx(Map.of("c", "y", "d", "z"))).isTrue();
        assertThat(redis.mget("c", "d")).containsExactly("y", "z");
    }

    @BothProtocols
    void countersCountAndRefuseNonIntegers(int resp) {
        var redis = redis(resp);
        assertThat(redis.incr("n")).isEqualTo(1L);
        assertThat(redis.incrby("n", 41)).isEqualTo(42L);
        assertThat(redis.decr("n")).isEqualTo(41L);
        assertThat(redis.decrby("n", 50)).isEqualTo(-9L);
        assertThat(redis.incrbyfloat("f", 1.5)).isEqualTo(1.5);
        assertThat(redis.incrbyfloat("f", -0.25)).isEqualTo(1.25);
        redis.set("text", "abc");
        assertReplyError("ERR", () -> redis.incr("text"));
        assertReplyError("ERR", () -> redis.incrbyfloat("text", 1));
    }

    @BothProtocols
    void appendStrlenAndRanges(int resp) {
        var redis = redis(resp);
        assertThat(redis.append("k", "Hello")).isEqualTo(5L);
        assertThat(redis.append("k", " World")).isEqualTo(11L);
        assertThat(redis.strlen("k")).isEqualTo(11L);
        assertThat(redis.strlen("missing")).isZero();
        assertThat(redis.getrange("k", 0, 4)).isEqualTo("Hello");
        assertThat(redis.getrange("k", -5, -1)).isEqualTo("World");
        assertThat(redis.getrange("missing", 0, 10)).isEmpty();
        assertThat(redis.setrange("k", 6, "Redis")).isEqualTo(11L);
        assertThat(redis.get("k")).isEqualTo("Hello Redis");
        assertThat(redis.setrange("pad", 3, "x")).isEqualTo(4L);
        assertThat(connection(resp).withCodec(Codec.BYTES).sync().get("pad")).containsExactly(0, 0, 0, 'x');
    }

    @BothProtocols
    void binaryValuesRoundTripWithTheBytesCodec(int resp) {
        var bytes = connection(resp).withCodec(Codec.BYTES).sync();
        byte[] key = {(byte) 0xff, 0, 1};
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        bytes.set(key, value);
        assertThat(bytes.get(key)).isEqualTo(value);
        assertThat(bytes.mget(key, "nothing")).containsExactly(value, null);
        assertThat(bytes.getrange(key, 0, 1)).isEqualTo(new byte[] {0, 1});
    }

    @BothProtocols
    void emptyKeyListsAndMapsAreRefusedBeforeSending(int resp) {
        var redis = redis(resp);
        assertThatThrownBy(() -> redis.mget()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MGET needs at least one key");
        assertThatThrownBy(() -> redis.mset(Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MSET needs at least one key");
        assertThatThrownBy(() -> redis.get(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argument 1 of GET is null");
        assertThatThrownBy(() -> redis.set("k", "v", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("args");
        assertThat(connection(resp).pendingCommands()).isZero();
    }

    @BothProtocols
    void unicodeTextRoundTripsAsUtf8(int resp) {
        var redis = redis(resp);
        redis.set("ключ", "héllo ☃");
        assertThat(redis.get("ключ")).isEqualTo("héllo ☃");
        assertThat(redis.strlen("ключ")).isEqualTo("héllo ☃".getBytes(StandardCharsets.UTF_8).length);
    }
}
