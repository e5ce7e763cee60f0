package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.testing.RedisServerExtension;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sorted-set commands against a real redis-server, over RESP2 (flat
 * member/score-text arrays) and RESP3 (nested pairs with doubles).
 */
class SortedSetCommandsTest extends CommandsTestBase {

    @RegisterExtension
    static final RedisServerExtension server = RedisServerExtension.builder().build();

    @Override
    RedisServerExtension server() {
        return server;
    }

    private static Map<String, Double> board() {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("alice", 3.0);
        scores.put("bob", 1.5);
        scores.put("carol", 2.0);
        scores.put("dave", Double.POSITIVE_INFINITY);
        return scores;
    }

    @BothProtocols
    void zaddAddsOneOrManyAndUpdatesScores(int resp) {
        var redis = redis(resp);
        assertThat(redis.zadd("z", 1, "a")).isEqualTo(1L);
        assertThat(redis.zadd("z", 2, "a")).isZero();
        assertThat(redis.zscore("z", "a")).isEqualTo(2.0);
        assertThat(redis.zadd("z", Map.of("b", 1, "c", 2.5))).isEqualTo(2L);
        assertThat(redis.zcard("z")).isEqualTo(3L);
        assertThat(redis.zcard("missing")).isZero();
        assertThatThrownBy(() -> redis.zadd("z", Double.NaN, "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("score of a is NaN");
        assertThatThrownBy(() -> redis.zadd("z", Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ZADD needs at least one member");
    }

    @BothProtocols
    void zaddOptionsControlAddingAndUpdating(int resp) {
        var redis = redis(resp);
        redis.zadd("z", 5, "a");
        assertThat(redis.zadd("z", ZAddArgs.of().nx(), 1, "a")).isZero();
        assertThat(redis.zadd("z", ZAddArgs.of().xx(), 1, "new")).isZero();
        assertThat(redis.zscore("z", "new")).isNull();
        assertThat(redis.zadd("z", ZAddArgs.of().gt().ch(), 3, "a")).isZero(); // 3 < 5: not changed
        assertThat(redis.zadd("z", ZAddArgs.of().gt().ch(), 7, "a")).isEqualTo(1L);
        assertThat(redis.zadd("z", ZAddArgs.of().lt().ch(), Map.of("a", 6, "b", 1))).isEqualTo(2L);
        assertThat(redis.zmscore("z", "a", "b", "missing")).containsExactly(6.0, 1.0, null);
    }

    @BothProtocols
    void zscoreAndZincrbyAreDoublesInfinitiesIncluded(int resp) {
        var redis = redis(resp);
        redis.zadd("z", board());
        assertThat(redis.zscore("z", "bob")).isEqualTo(1.5);
        assertThat(redis.zscore("z", "dave")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(redis.zscore("z", "missing")).isNull();
        assertThat(redis.zincrby("z", 0.25, "bob")).isEqualTo(1.75);
        assertThat(redis.zincrby("z", -1, "new")).isEqualTo(-1.0);
    }

    @BothProtocols
    void zrangeByIndexWithAndWithoutScores(int resp) {
        var redis = redis(resp);
        redis.zadd("z", board());
        assertThat(redis.zrange("z", 0, -1)).containsExactly("bob", "carol", "alice", "dave");
        assertThat(redis.zrangeWithScores("z", 0, 1))
                .containsExactly(new ScoredValue<>("bob", 1.5), new ScoredValue<>("carol", 2.0));
        assertThat(redis.zrangeWithScores("z", -1, -1))
                .containsExactly(new ScoredValue<>("dave", Double.POSITIVE_INFINITY));
        assertThat(redis.zrange("z", ZRangeArgs.byIndex(0, 1).rev())).containsExactly("dave", "alice");
        assertThat(redis.zrange("missing", 0, -1)).isEmpty();
        assertThat(redis.zrangeWithScores("missing", 0, -1)).isEmpty();
    }

    @BothProtocols
    void zrangeByScoreReversedAndLimited(int resp) {
        var redis = redis(resp);
        redis.zadd("z", board());
        assertThat(redis.zrange("z", ZRangeArgs.byScore(1.5, 3))).containsExactly("bob", "carol", "alice");
        assertThat(redis.zrange("z", ZRangeArgs.byScore("(1.5", "+inf"))).containsExactly("carol", "alice", "dave");
        assertThat(redis.zrange("z", ZRangeArgs.byScore(2, Double.POSITIVE_INFINITY).rev()))
                .containsExactly("dave", "alice", "carol");
        // dave (+inf) is above 10; of alice 3, carol 2, bob 1.5 (highest first) skip one, take two
        assertThat(redis.zrangeWithScores("z", ZRangeArgs.byScore(Double.NEGATIVE_INFINITY, 10).rev().limit(1, 2)))
                .containsExactly(new ScoredValue<>("carol", 2.0), new ScoredValue<>("bob", 1.5));
        assertThat(redis.zrange("z", ZRangeArgs.byScore(100, 200))).isEmpty();
    }

    @BothProtocols
    void zrangeByLexForEqualScores(int resp) {
        var redis = redis(resp);
        redis.zadd("names", Map.of("apple", 0, "avocado", 0, "banana", 0, "cherry", 0));
        assertThat(redis.zrange("names", ZRangeArgs.byLex("[a", "(b"))).containsExactly("apple", "avocado");
        assertThat(redis.zrange("names", ZRangeArgs.byLex("-", "+").rev().limit(0, 2)))
                .containsExactly("cherry", "banana");
    }

    @BothProtocols
    void ranksCountFromEitherEnd(int resp) {
        var redis = redis(resp);
        redis.zadd("z", board());
        assertThat(redis.zrank("z", "bob")).isZero();
        assertThat(redis.zrank("z", "dave")).isEqualTo(3L);
        assertThat(redis.zrevrank("z", "dave")).isZero();
        assertThat(redis.zrank("z", "missing")).isNull();
        assertThat(redis.zrevrank("missing", "bob")).isNull();
    }

    @BothProtocols
    void zremAndRangeRemovals(int resp) {
        var redis = redis(resp);
        redis.zadd("z", board());
        assertThat(redis.zrem("z", "bob", "missing")).isEqualTo(1L);
        assertThat(redis.zremrangebyscore("z", 2, 2.5)).isEqualTo(1L); // carol
        assertThat(redis.zremrangebyrank("z", -1, -1)).isEqualTo(1L); // dave
        assertThat(redis.zrange("z", 0, -1)).containsExactly("alice");
    }

    @BothProtocols
    void zcountCountsInclusiveOrExclusiveBounds(int resp) {
        var redis = redis(resp);
        redis.zadd("z", board());
        assertThat(redis.zcount("z", 1.5, 3)).isEqualTo(3L);
        assertThat(redis.zcount("z", "(1.5", "(3")).isEqualTo(1L);
        assertThat(redis.zcount("z", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)).isEqualTo(4L);
        assertThat(redis.zcount("missing", 0, 1)).isZero();
    }

    @BothProtocols
    void zpopminAndZpopmaxReturnScoredMembers(int resp) {
        var redis = redis(resp);
        redis.zadd("z", board());
        assertThat(redis.zpopmin("z")).isEqualTo(new ScoredValue<>("bob", 1.5));
        assertThat(redis.zpopmax("z")).isEqualTo(new ScoredValue<>("dave", Double.POSITIVE_INFINITY));
        assertThat(redis.zpopmin("z", 1)).containsExactly(new ScoredValue<>("carol", 2.0));
        assertThat(redis.zpopmax("z", 5)).containsExactly(new ScoredValue<>("alice", 3.0));
        assertThat(redis.zpopmin("z")).isNull();
        assertThat(redis.zpopmax("z")).isNull();
        assertThat(redis.zpopmin("z", 3)).isEmpty();
    }

    @BothProtocols
    void zscanReturnsMembersWithScoresEachOnce(int resp) {
        var redis = redis(resp);
        Map<String, Integer> many = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            many.put("m" + i, i);
        }
        redis.zadd("z", many);
        List<ScoredValue<String>> all = redis.zscanAll("z", ScanArgs.of().count(40));
        assertThat(all).hasSize(300).contains(new ScoredValue<>("m7", 7.0), new ScoredValue<>("m299", 299.0));
        assertThat(redis.zscanStream("z", ScanArgs.of().match("m1??")).count()).isEqualTo(100);
        assertThat(redis.zscanAll("z")).containsExactlyInAnyOrderElementsOf(all);
        assertThat(redis.zscanIterable("z", ScanArgs.of().match("m29?"))).hasSize(10);
        redis.zadd("small", 1.5, "x");
        assertThat(redis.zscan("small", ScanCursor.START).items()).containsExactly(new ScoredValue<>("x", 1.5));
    }

    @BothProtocols
    void sortedSetCommandsOnAStringAreWrongType(int resp) {
        var redis = redis(resp);
        redis.set("s", "v");
        assertWrongType(() -> redis.zadd("s", 1, "a"));
        assertWrongType(() -> redis.zrangeWithScores("s", 0, -1));
        assertWrongType(() -> redis.zpopmin("s"));
    }
}
