package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisServerExtension;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The set commands against a real redis-server, over RESP2 (arrays) and RESP3 (sets). */
class SetCommandsTest extends CommandsTestBase {

    @RegisterExtension
    static final RedisServerExtension server = RedisServerExtension.builder().build();

    @Override
    RedisServerExtension server() {
        return server;
    }

    @BothProtocols
    void saddAndSremCountWhatChanged(int resp) {
        var redis = redis(resp);
        assertThat(redis.sadd("s", "a", "b", "a")).isEqualTo(2L);
        assertThat(redis.sadd("s", "b", "c")).isEqualTo(1L);
        assertThat(redis.srem("s", "a", "missing")).isEqualTo(1L);
        assertThat(redis.smembers("s")).containsExactlyInAnyOrder("b", "c");
        assertThat(redis.smembers("missing")).isEmpty();
    }

    @BothProtocols
    void membershipOneAndMany(int resp) {
        var redis = redis(resp);
        redis.sadd("s", "a", "b");
        assertThat(redis.sismember("s", "a")).isTrue();
        assertThat(redis.sismember("s", "z")).isFalse();
        assertThat(redis.sismember("missing", "a")).isFalse();
        assertThat(redis.smismember("s", "b", "z", "a")).containsExactly(true, false, true);
        assertThat(redis.scard("s")).isEqualTo(2L);
        assertThat(redis.scard("missing")).isZero();
    }

    @BothProtocols
    void algebraBetweenSets(int resp) {
        var redis = redis(resp);
        redis.sadd("x", "a", "b", "c");
        redis.sadd("y", "b", "c", "d");
        assertThat(redis.sinter("x", "y")).containsExactlyInAnyOrder("b", "c");
        assertThat(redis.sunion("x", "y")).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(redis.sdiff("x", "y")).containsExactly("a");
        assertThat(redis.sinter("x", "missing")).isEmpty();
        assertThat(redis.sinterstore("i", "x", "y")).isEqualTo(2L);
        assertThat(redis.sunionstore("u", "x", "y")).isEqualTo(4L);
        assertThat(redis.sdiffstore("d", "y", "x")).isEqualTo(1L);
        assertThat(redis.smembers("d")).containsExactly("d");
    }

    @BothProtocols
    void smoveMovesAMember(int resp) {
        var redis = redis(resp);
        redis.sadd("from", "a");
        assertThat(redis.smove("from", "to", "a")).isTrue();
        assertThat(redis.smove("from", "to", "a")).isFalse();
        assertThat(redis.smembers("to")).containsExactly("a");
    }

    @BothProtocols
    void spopRemovesRandomMembers(int resp) {
        var redis = redis(resp);
        redis.sadd("s", "a", "b", "c");
        String one = redis.spop("s");
        assertThat(one).isIn("a", "b", "c");
        Set<String> two = redis.spop("s", 5);
        assertThat(two).hasSize(2).doesNotContain(one);
        assertThat(redis.spop("s")).isNull();
        assertThat(redis.spop("s", 2)).isEmpty();
    }

    @BothProtocols
    void srandmemberPicksWithoutRemoving(int resp) {
        var redis = redis(resp);
        redis.sadd("s", "a", "b", "c");
        assertThat(redis.srandmember("s")).isIn("a", "b", "c");
        assertThat(redis.srandmember("s", 2)).hasSize(2).doesNotHaveDuplicates();
        assertThat(redis.srandmember("s", -5)).hasSize(5).isSubsetOf("a", "b", "c");
        assertThat(redis.scard("s")).isEqualTo(3L);
        assertThat(redis.srandmember("missing")).isNull();
        assertThat(redis.srandmember("missing", 3)).isEmpty();
    }

    @BothProtocols
    void sscanWalksEveryMemberOnce(int resp) {
        var redis = redis(resp);
        Object[] members = IntStream.range(0, 600).mapToObj(i -> "m" + i).toArray();
        redis.sadd("s", members);
        Set<String> all = redis.sscanAll("s", ScanArgs.of().count(50));
        assertThat(all).hasSize(600).containsAll(List.of("m0", "m599"));
        assertThat(redis.sscanAll("s", ScanArgs.of().match("m5??"))).hasSize(100);
        assertThat(redis.sscanAll("s")).isEqualTo(all);
        assertThat(redis.sscanAll("missing")).isEmpty();
        List<String> iterated = redis.sscanStream("s", ScanArgs.of().count(100)).collect(Collectors.toList());
        assertThat(new HashSet<>(iterated)).isEqualTo(all);
        assertThat(redis.sscanIterable("missing", ScanArgs.of())).isEmpty();
        ScanCursor<String> first = redis.sscan("s", ScanCursor.START);
        assertThat(first.isFinished()).isFalse();
        assertThat(first.items()).isNotEmpty();
    }

    @BothProtocols
    void setCommandsOnAStringAreWrongType(int resp) {
        var redis = redis(resp);
        redis.set("str", "v");
        assertWrongType(() -> redis.sadd("str", "a"));
        assertWrongType(() -> redis.smembers("str"));
        assertWrongType(() -> redis.sinter("str", "x"));
    }
}
