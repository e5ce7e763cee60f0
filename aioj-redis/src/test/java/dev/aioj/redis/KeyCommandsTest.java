package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.testing.RedisServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The key commands, SCAN iteration included, against a real redis-server, over RESP2 and RESP3. */
class KeyCommandsTest extends CommandsTestBase {

    @RegisterExtension
    static final RedisServerExtension server = RedisServerExtension.builder().build();

    @Override
    RedisServerExtension server() {
        return server;
    }

    @BothProtocols
    void delUnlinkExistsAndTouchCountKeys(int resp) {
        var redis = redis(resp);
        redis.mset(Map.of("a", "1", "b", "2", "c", "3", "d", "4"));
        assertThat(redis.exists("a", "a", "missing")).isEqualTo(2L);
        assertThat(redis.touch("a", "missing")).isEqualTo(1L);
        assertThat(redis.del("a", "b", "missing")).isEqualTo(2L);
        assertThat(redis.unlink("c", "missing")).isEqualTo(1L);
        assertThat(redis.exists("a", "b", "c", "d")).isEqualTo(1L);
        assertThatThrownBy(() -> redis.del()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DEL needs at least one key");
    }

    @BothProtocols
    void expireUsesSecondsOrMillisecondsAsTheDurationNeeds(int resp) {
        var redis = redis(resp);
        redis.set("k", "v");
        assertThat(redis.expire("k", Duration.ofSeconds(100))).isTrue();
        assertThat(redis.ttl("k")).isBetween(99L, 100L);
        assertThat(redis.expire("k", Duration.ofMillis(50_500))).isTrue(); // PEXPIRE
        assertThat(redis.pttl("k")).isBetween(49_000L, 50_500L);
        assertThat(redis.pexpire("k", Duration.ofSeconds(30))).isTrue();
        assertThat(redis.pttl("k")).isBetween(29_000L, 30_000L);
        assertThat(redis.expire("missing", Duration.ofSeconds(1))).isFalse();
        assertThatThrownBy(() -> redis.expire("k", Duration.ofNanos(1_500_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sub-millisecond");
    }

    @BothProtocols
    void aZeroOrNegativeTimeToLiveDeletesTheKey(int resp) {
        var redis = redis(resp);
        redis.set("k", "v");
        assertThat(redis.expire("k", Duration.ZERO)).isTrue();
        assertThat(redis.exists("k")).isZero();
    }

    @BothProtocols
    void expireAtTakesInstants(int resp) {
        var redis = redis(resp);
        redis.set("a", "v");
        redis.set("b", "v");
        redis.set("c", "v");
        assertThat(redis.expireAt("a", Instant.ofEpochSecond(Instant.now().getEpochSecond() + 100))).isTrue();
        assertThat(redis.ttl("a")).isBetween(98L, 100L);
        assertThat(redis.expireAt("b", Instant.now().plusMillis(80_500))).isTrue(); // PEXPIREAT
        assertThat(redis.pttl("b")).isBetween(79_000L, 80_500L);
        assertThat(redis.pexpireAt("c", Instant.now().plusSeconds(60))).isTrue();
        assertThat(redis.pttl("c")).isBetween(59_000L, 60_000L);
        assertThat(redis.expireAt("missing", Instant.now().plusSeconds(60))).isFalse();
    }

    @BothProtocols
    void ttlAndPttlSayMinusOneForNoExpiryAndMinusTwoForMissing(int resp) {
        var redis = redis(resp);
        redis.set("k", "v");
        assertThat(redis.ttl("k")).isEqualTo(-1L);
        assertThat(redis.pttl("k")).isEqualTo(-1L);
        assertThat(redis.ttl("missing")).isEqualTo(-2L);
        assertThat(redis.pttl("missing")).isEqualTo(-2L);
    }

    @BothProtocols
    void persistRemovesTheTimeToLive(int resp) {
        var redis = redis(resp);
        redis.setex("k", Duration.ofSeconds(100), "v");
        assertThat(redis.persist("k")).isTrue();
        assertThat(redis.persist("k")).isFalse();
        assertThat(redis.ttl("k")).isEqualTo(-1L);
    }

    @BothProtocols
    void typeNamesEachType(int resp) {
        var redis = redis(resp);
        redis.set("s", "v");
        redis.rpush("l", "v");
        redis.sadd("set", "v");
        redis.zadd("z", 1, "v");
        redis.hset("h", "f", "v");
        assertThat(List.of("s", "l", "set", "z", "h", "missing")).map(redis::type)
                .containsExactly("string", "list", "set", "zset", "hash", "none");
    }

    @BothProtocols
    void renameMovesAndRenamenxRefusesToReplace(int resp) {
        var redis = redis(resp);
        redis.set("a", "1");
        redis.set("b", "2");
        redis.rename("a", "c");
        assertThat(redis.get("c")).isEqualTo("1");
        assertThat(redis.renamenx("c", "b")).isFalse();
        assertThat(redis.renamenx("c", "d")).isTrue();
        assertThat(redis.mget("b", "c", "d")).containsExactly("2", null, "1");
        assertReplyError("ERR", () -> redis.rename("missing", "x"));
    }

    @BothProtocols
    void keysMatchesAGlob(int resp) {
        var redis = redis(resp);
        redis.mset(Map.of("user:1", "a", "user:2", "b", "order:1", "c"));
        assertThat(redis.keys("user:*")).containsExactlyInAnyOrder("user:1", "user:2");
        assertThat(redis.keys("nothing*")).isEmpty();
    }

    @BothProtocols
    void scanPagesThroughTheKeyspaceWithACursor(int resp) {
        var redis = redis(resp);
        redis.mset(keys(50, "k"));
        List<String> seen = new ArrayList<>();
        String cursor = ScanCursor.START;
        int pages = 0;
        do {
            ScanCursor<String> page = redis.scan(cursor, ScanArgs.of().count(10));
            seen.addAll(page.items());
            cursor = page.cursor();
            pages++;
        } while (!cursor.equals(ScanCursor.START));
        assertThat(pages).isGreaterThan(1);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(keys(50, "k").keySet());
        ScanCursor<String> all = redis.scan(ScanCursor.START, ScanArgs.of().count(1000));
        assertThat(all.isFinished()).isTrue();
        assertThat(all.items()).hasSize(50);
    }

    @BothProtocols
    void scanAllReturnsEachOfAThousandKeysExactlyOnce(int resp) throws Exception {
        var redis = redis(resp);
        Map<String, String> keys = keys(1000, "key:");
        redis.mset(keys);
        List<String> all = connection(resp).scanAll(ScanArgs.of().count(100)).get(10, TimeUnit.SECONDS);
        assertThat(all).hasSize(1000).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(keys.keySet());
        assertThat(redis.scanAll()).hasSize(1000);
    }

    @BothProtocols
    void scanIterableAndStreamPageLazilyThroughAThousandKeys(int resp) {
        var redis = redis(resp);
        redis.mset(keys(1000, "key:"));
        redis.mset(keys(10, "other:"));
        List<String> iterated = new ArrayList<>();
        for (String key : redis.scanIterable(ScanArgs.of().match("key:*").count(100))) {
            iterated.add(key);
        }
        assertThat(iterated).hasSize(1000).doesNotHaveDuplicates().allMatch(k -> k.startsWith("key:"));
        assertThat(redis.scanStream(ScanArgs.of().match("other:*")).collect(Collectors.toSet()))
                .isEqualTo(keys(10, "other:").keySet());
        // Lazy: taking three keys costs one page, not the whole keyspace.
        assertThat(redis.scanStream(ScanArgs.of().count(10)).limit(3)).hasSize(3);
        assertThat(redis.scanIterable(ScanArgs.of().match("none:*"))).isEmpty();
    }

    @BothProtocols
    void scanFiltersByMatchAndType(int resp) {
        var redis = redis(resp);
        redis.set("s1", "v");
        redis.set("s2", "v");
        redis.rpush("l1", "v");
        redis.hset("h1", "f", "v");
        assertThat(redis.scanAll(ScanArgs.of().type("string"))).containsExactlyInAnyOrder("s1", "s2");
        assertThat(redis.scanAll(ScanArgs.of().match("*1").type("list"))).containsExactly("l1");
        assertThat(redis.scanAll(ScanArgs.of().match("zzz*"))).isEmpty();
    }

    @BothProtocols
    void randomkeyIsAKeyOrNullOnAnEmptyDatabase(int resp) {
        var redis = redis(resp);
        assertThat(redis.randomkey()).isNull();
        redis.set("only", "v");
        assertThat(redis.randomkey()).isEqualTo("only");
    }

    @BothProtocols
    void copyCopiesAndReplacesOnlyWhenAsked(int resp) {
        var redis = redis(resp);
        redis.set("a", "1");
        redis.set("b", "2");
        assertThat(redis.copy("a", "c")).isTrue();
        assertThat(redis.copy("a", "b")).isFalse();
        assertThat(redis.copy("a", "b", false)).isFalse();
        assertThat(redis.copy("a", "b", true)).isTrue();
        assertThat(redis.mget("a", "b", "c")).containsExactly("1", "1", "1");
        assertThat(redis.copy("missing", "x")).isFalse();
    }

    @BothProtocols
    void objectEncodingNamesTheRepresentationOrNull(int resp) {
        var redis = redis(resp);
        redis.set("n", 12345);
        redis.set("s", "short text");
        assertThat(redis.objectEncoding("n")).isEqualTo("int");
        assertThat(redis.objectEncoding("s")).isEqualTo("embstr");
        assertThat(redis.objectEncoding("missing")).isNull();
    }

    private static Map<String, String> keys(int count, String prefix) {
        Map<String, String> keys = new HashMap<>();
        IntStream.range(0, count).forEach(i -> keys.put(prefix + i, "v" + i));
        return keys;
    }
}
