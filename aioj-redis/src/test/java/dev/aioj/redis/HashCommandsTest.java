package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.aioj.redis.testing.RedisServerExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The hash commands against a real redis-server, over RESP2 (flat arrays) and RESP3 (maps). */
class HashCommandsTest extends CommandsTestBase {

    @RegisterExtension
    static final RedisServerExtension server = RedisServerExtension.builder().build();

    @Override
    RedisServerExtension server() {
        return server;
    }

    @BothProtocols
    void hsetOfOneFieldSaysWhetherItWasNew(int resp) {
        var redis = redis(resp);
        assertThat(redis.hset("h", "f", "1")).isTrue();
        assertThat(redis.hset("h", "f", "2")).isFalse();
        assertThat(redis.hget("h", "f")).isEqualTo("2");
    }

    @BothProtocols
    void hsetOfAMapCountsNewFields(int resp) {
        var redis = redis(resp);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("a", "1");
        fields.put("b", 2);
        assertThat(redis.hset("h", fields)).isEqualTo(2L);
        assertThat(redis.hset("h", Map.of("b", "3", "c", "4"))).isEqualTo(1L);
        assertThatThrownBy(() -> redis.hset("h", Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HSET needs at least one field");
    }

    @BothProtocols
    void hgetAndHmgetReturnNullForMissingFieldsAndKeys(int resp) {
        var redis = redis(resp);
        redis.hset("h", Map.of("a", "1", "b", "2"));
        assertThat(redis.hget("h", "missing")).isNull();
        assertThat(redis.hget("missing", "a")).isNull();
        assertThat(redis.hmget("h", "b", "missing", "a")).containsExactly("2", null, "1");
        assertThat(redis.hmget("missing", "a")).containsExactly((String) null);
    }

    @BothProtocols
    void hgetallIsAMapInTheServersOrderAndEmptyForAMissingKey(int resp) {
        var redis = redis(resp);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("one", "1");
        fields.put("two", "2");
        fields.put("three", "3");
        redis.hset("h", fields);
        assertThat(redis.hgetall("h")).containsExactly(entry("one", "1"), entry("two", "2"), entry("three", "3"));
        assertThat(redis.hgetall("missing")).isEmpty();
    }

    @BothProtocols
    void hdelHlenHexistsAndHstrlen(int resp) {
        var redis = redis(resp);
        redis.hset("h", Map.of("a", "1", "b", "22", "c", "333"));
        assertThat(redis.hlen("h")).isEqualTo(3L);
        assertThat(redis.hexists("h", "a")).isTrue();
        assertThat(redis.hstrlen("h", "c")).isEqualTo(3L);
        assertThat(redis.hdel("h", "a", "b", "missing")).isEqualTo(2L);
        assertThat(redis.hexists("h", "a")).isFalse();
        assertThat(redis.hlen("h")).isEqualTo(1L);
        assertThat(redis.hlen("missing")).isZero();
        assertThat(redis.hstrlen("h", "missing")).isZero();
    }

    @BothProtocols
    void hincrbyAndHincrbyfloatCountAndRefuseText(int resp) {
        var redis = redis(resp);
        assertThat(redis.hincrby("h", "n", 5)).isEqualTo(5L);
        assertThat(redis.hincrby("h", "n", -7)).isEqualTo(-2L);
        assertThat(redis.hincrbyfloat("h", "f", 0.5)).isEqualTo(0.5);
        assertThat(redis.hincrbyfloat("h", "f", 2)).isEqualTo(2.5);
        redis.hset("h", "text", "abc");
        assertReplyError("ERR", () -> redis.hincrby("h", "text", 1));
    }

    @BothProtocols
    void hkeysAndHvalsListInTheSameOrder(int resp) {
        var redis = redis(resp);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("x", "1");
        fields.put("y", "2");
        redis.hset("h", fields);
        assertThat(redis.hkeys("h")).containsExactly("x", "y");
        assertThat(redis.hvals("h")).containsExactly("1", "2");
        assertThat(redis.hkeys("missing")).isEmpty();
    }

    @BothProtocols
    void hsetnxSetsOnlyAMissingField(int resp) {
        var redis = redis(resp);
        assertThat(redis.hsetnx("h", "f", "1")).isTrue();
        assertThat(redis.hsetnx("h", "f", "2")).isFalse();
        assertThat(redis.hget("h", "f")).isEqualTo("1");
    }

    @BothProtocols
    void hscanPagesEntriesAndHscanAllCollectsThemAll(int resp) {
        var redis = redis(resp);
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            fields.put("f" + i, "v" + i); // enough fields for a hashtable, so pages are real
        }
        redis.hset("h", fields);
        List<Map.Entry<String, String>> seen = new ArrayList<>();
        String cursor = ScanCursor.START;
        do {
            ScanCursor<Map.Entry<String, String>> page = redis.hscan("h", cursor, ScanArgs.of().count(50));
            seen.addAll(page.items());
            cursor = page.cursor();
        } while (!cursor.equals(ScanCursor.START));
        assertThat(seen.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a)))
                .isEqualTo(fields);
        assertThat(redis.hscanAll("h", ScanArgs.of().match("f1?"))).hasSize(10).containsEntry("f15", "v15");
        assertThat(redis.hscanAll("h")).isEqualTo(fields);
        assertThat(redis.hscanStream("h", ScanArgs.of().count(100)).count()).isEqualTo(300);
        assertThat(redis.hscanIterable("h", ScanArgs.of().match("f29?"))).hasSize(10);
        assertThat(redis.hscan("missing", ScanCursor.START).items()).isEmpty();
    }

    @BothProtocols
    void hscanOfASmallHashComesInOnePage(int resp) {
        var redis = redis(resp);
        redis.hset("h", Map.of("a", "1"));
        ScanCursor<Map.Entry<String, String>> page = redis.hscan("h", ScanCursor.START);
        assertThat(page.isFinished()).isTrue();
        assertThat(page.items()).containsExactly(Map.entry("a", "1"));
    }

    @BothProtocols
    void hashCommandsOnAStringAreWrongType(int resp) {
        var redis = redis(resp);
        redis.set("s", "v");
        assertWrongType(() -> redis.hget("s", "f"));
        assertWrongType(() -> redis.hgetall("s"));
        assertWrongType(() -> redis.hset("s", "f", "v"));
        assertWrongType(() -> redis.hscan("s", ScanCursor.START));
        assertWrongType(() -> redis.hscanAll("s")); // a failing page fails the whole walk, unwrapped
    }

    @BothProtocols
    void scanTypeIsRefusedForHscanBeforeSending(int resp) {
        var redis = redis(resp);
        assertThatThrownBy(() -> redis.hscan("h", ScanCursor.START, ScanArgs.of().type("string")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TYPE is for SCAN only, not HSCAN");
    }
}
