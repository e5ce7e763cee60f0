package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.testing.RedisServerExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The list commands, blocking ones included, against a real redis-server, over RESP2 and RESP3. */
class ListCommandsTest extends CommandsTestBase {

    @RegisterExtension
    static final RedisServerExtension server = RedisServerExtension.builder().build();

    @Override
    RedisServerExtension server() {
        return server;
    }

    @BothProtocols
    void pushesAddAtEitherEndAndReturnTheLength(int resp) {
        var redis = redis(resp);
        assertThat(redis.rpush("l", "b", "c")).isEqualTo(2L);
        assertThat(redis.lpush("l", "a", "z")).isEqualTo(4L); // z is pushed last, so it is first
        assertThat(redis.lrange("l", 0, -1)).containsExactly("z", "a", "b", "c");
        assertThat(redis.lpushx("missing", "x")).isZero();
        assertThat(redis.rpushx("missing", "x")).isZero();
        assertThat(redis.rpushx("l", "d")).isEqualTo(5L);
        assertThat(redis.lpushx("l", "y")).isEqualTo(6L);
        assertThat(redis.exists("missing")).isZero();
        assertThatThrownBy(() -> redis.rpush("l")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RPUSH needs at least one value");
    }

    @BothProtocols
    void popsTakeFromEitherEndWithOrWithoutACount(int resp) {
        var redis = redis(resp);
        redis.rpush("l", "a", "b", "c", "d", "e");
        assertThat(redis.lpop("l")).isEqualTo("a");
        assertThat(redis.rpop("l")).isEqualTo("e");
        assertThat(redis.lpop("l", 2)).containsExactly("b", "c");
        assertThat(redis.rpop("l", 5)).containsExactly("d");
        assertThat(redis.lpop("l")).isNull();
        assertThat(redis.rpop("l")).isNull();
        assertThat(redis.lpop("l", 3)).isEmpty(); // Redis says null: collections are never null
        assertThat(redis.rpop("l", 3)).isEmpty();
        assertThatThrownBy(() -> redis.lpop("l", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count < 0: -1");
    }

    @BothProtocols
    void lrangeLlenAndLindex(int resp) {
        var redis = redis(resp);
        redis.rpush("l", "a", "b", "c");
        assertThat(redis.lrange("l", 1, 5)).containsExactly("b", "c");
        assertThat(redis.lrange("l", -2, -1)).containsExactly("b", "c");
        assertThat(redis.lrange("missing", 0, -1)).isEmpty();
        assertThat(redis.llen("l")).isEqualTo(3L);
        assertThat(redis.llen("missing")).isZero();
        assertThat(redis.lindex("l", 0)).isEqualTo("a");
        assertThat(redis.lindex("l", -1)).isEqualTo("c");
        assertThat(redis.lindex("l", 10)).isNull();
    }

    @BothProtocols
    void lsetReplacesAndFailsOutOfRange(int resp) {
        var redis = redis(resp);
        redis.rpush("l", "a", "b");
        redis.lset("l", 1, "B");
        assertThat(redis.lrange("l", 0, -1)).containsExactly("a", "B");
        assertReplyError("ERR", () -> redis.lset("l", 5, "x"));
        assertReplyError("ERR", () -> redis.lset("missing", 0, "x"));
    }

    @BothProtocols
    void lremRemovesFromTheHeadTheTailOrEverywhere(int resp) {
        var redis = redis(resp);
        redis.rpush("l", "x", "a", "x", "b", "x");
        assertThat(redis.lrem("l", 1, "x")).isEqualTo(1L);
        assertThat(redis.lrange("l", 0, -1)).containsExactly("a", "x", "b", "x");
        assertThat(redis.lrem("l", -1, "x")).isEqualTo(1L);
        assertThat(redis.lrange("l", 0, -1)).containsExactly("a", "x", "b");
        assertThat(redis.lrem("l", 0, "x")).isEqualTo(1L);
        assertThat(redis.lrem("l", 0, "nothing")).isZero();
    }

    @BothProtocols
    void ltrimKeepsARange(int resp) {
        var redis = redis(resp);
        redis.rpush("l", "a", "b", "c", "d");
        redis.ltrim("l", 1, 2);
        assertThat(redis.lrange("l", 0, -1)).containsExactly("b", "c");
        redis.ltrim("l", 5, 10);
        assertThat(redis.exists("l")).isZero();
    }

    @BothProtocols
    void linsertPlacesBeforeOrAfterThePivot(int resp) {
        var redis = redis(resp);
        redis.rpush("l", "a", "c");
        assertThat(redis.linsert("l", true, "c", "b")).isEqualTo(3L);
        assertThat(redis.linsert("l", false, "c", "d")).isEqualTo(4L);
        assertThat(redis.lrange("l", 0, -1)).containsExactly("a", "b", "c", "d");
        assertThat(redis.linsert("l", true, "nothing", "x")).isEqualTo(-1L);
        assertThat(redis.linsert("missing", true, "a", "x")).isZero();
    }

    @BothProtocols
    void lmoveMovesBetweenEndsAndRotates(int resp) {
        var redis = redis(resp);
        redis.rpush("src", "a", "b", "c");
        assertThat(redis.lmove("src", "dst", ListSide.LEFT, ListSide.RIGHT)).isEqualTo("a");
        assertThat(redis.lmove("src", "dst", ListSide.RIGHT, ListSide.LEFT)).isEqualTo("c");
        assertThat(redis.lrange("dst", 0, -1)).containsExactly("c", "a");
        assertThat(redis.lmove("dst", "dst", ListSide.LEFT, ListSide.RIGHT)).isEqualTo("c");
        assertThat(redis.lrange("dst", 0, -1)).containsExactly("a", "c");
        assertThat(redis.lmove("missing", "dst", ListSide.LEFT, ListSide.LEFT)).isNull();
    }

    @BothProtocols
    void blockingPopsReturnTheKeyAndElementAtOnceWhenOneIsThere(int resp) {
        var redis = redis(resp);
        redis.rpush("second", "x", "y");
        assertThat(redis.blpop(Duration.ofSeconds(1), "first", "second")).isEqualTo(new KeyValue<>("second", "x"));
        assertThat(redis.brpop(Duration.ZERO, "first", "second")).isEqualTo(new KeyValue<>("second", "y"));
        redis.rpush("src", "1");
        assertThat(redis.blmove("src", "dst", ListSide.RIGHT, ListSide.LEFT, Duration.ofSeconds(1))).isEqualTo("1");
        assertThat(redis.lrange("dst", 0, -1)).containsExactly("1");
    }

    @BothProtocols
    void blpopTimesOutWithNullAfterItsTimeoutAndIsNotFailedByTheClientDeadline(int resp) throws Exception {
        // A view deadline much shorter than the block: the command's own deadline must be block + view.
        try (RedisConnection dedicated = connect(server.uri() + "?protocol=" + resp + "&timeout=100ms")) {
            long start = System.nanoTime();
            assertThat(dedicated.blpop(Duration.ofMillis(250), "empty").get(5, TimeUnit.SECONDS)).isNull();
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMillis).isBetween(240L, 2_000L);
            // One at a time: a deadline counts from submission, so a blocking command queued behind another
            // one on the same connection would spend part of its deadline waiting its turn.
            assertThat(dedicated.brpop(Duration.ofMillis(120), "empty").get(5, TimeUnit.SECONDS)).isNull();
            assertThat(dedicated.blmove("empty", "dst", ListSide.LEFT, ListSide.LEFT, Duration.ofMillis(120))
                    .get(5, TimeUnit.SECONDS)).isNull();
            assertThat(dedicated.ping().get(5, TimeUnit.SECONDS)).isEqualTo("PONG");
        }
    }

    @BothProtocols
    void aBlockingCommandOnAMorePatientViewIsNotFailedEarly(int resp) throws Exception {
        try (RedisConnection dedicated = connect(server.uri() + "?protocol=" + resp + "&timeout=100ms")) {
            assertThat(dedicated.timeout()).isEqualTo(Duration.ofMillis(100));
            RedisCommands<String> patient = dedicated.withTimeout(Duration.ofSeconds(5));
            assertThat(patient.blpop(Duration.ofMillis(120), "empty").get(5, TimeUnit.SECONDS)).isNull();
        }
    }

    @BothProtocols
    void aBlockedPopIsWokenByAPushFromAnotherConnection(int resp) throws Exception {
        try (RedisConnection dedicated = connect(server.uri() + "?protocol=" + resp)) {
            CompletableFuture<KeyValue<String>> pop = dedicated.blpop(Duration.ZERO, "jobs"); // no deadline
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (redis(resp).infoSections("clients").get("clients").get("blocked_clients").equals("0")) {
                assertThat(System.nanoTime()).as("BLPOP blocked within 5 s").isLessThan(deadline);
            }
            redis(resp).rpush("jobs", "job-1");
            assertThat(pop.get(5, TimeUnit.SECONDS)).isEqualTo(new KeyValue<>("jobs", "job-1"));
        }
    }

    @Test
    void blockTimeoutsAreSentAsDecimalSecondsRoundedUpToTheMillisecond() {
        assertThat(Expiry.blockSeconds(Duration.ZERO)).isEqualTo("0");
        assertThat(Expiry.blockSeconds(Duration.ofSeconds(2))).isEqualTo("2");
        assertThat(Expiry.blockSeconds(Duration.ofMillis(1500))).isEqualTo("1.5");
        assertThat(Expiry.blockSeconds(Duration.ofNanos(1))).isEqualTo("0.002"); // never "forever" by rounding
        assertThat(Expiry.blockSeconds(Duration.ofMillis(1))).isEqualTo("0.002"); // Redis 6.2 reads 0.001 as 0
        assertThat(Expiry.blockSeconds(Duration.ofMillis(3))).isEqualTo("0.003");
        assertThatThrownBy(() -> Expiry.blockSeconds(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout < 0: PT-0.001S");
    }

    @Test
    void aBlockingDeadlineIsTheBlockPlusTheServersTimerSlackPlusTheViewsTimeout() {
        assertThat(Expiry.blockDeadline(Duration.ofSeconds(2), Duration.ofMillis(100)))
                .isEqualTo(Duration.ofMillis(2300));
        assertThat(Expiry.blockDeadline(Duration.ZERO, Duration.ofSeconds(10))).isZero(); // blocks forever
        assertThat(Expiry.blockDeadline(Duration.ofSeconds(1), Duration.ZERO)).isZero(); // the view has none
    }

    @BothProtocols
    void theShortestBlockEndsWithNullRatherThanWaitingForever(int resp) throws Exception {
        try (RedisConnection dedicated = connect(server.uri() + "?protocol=" + resp)) {
            assertThat(dedicated.blpop(Duration.ofMillis(1), "empty").get(5, TimeUnit.SECONDS)).isNull();
            assertThat(dedicated.brpop(Duration.ofNanos(1), "empty").get(5, TimeUnit.SECONDS)).isNull();
        }
    }

    @BothProtocols
    void listCommandsOnAStringAreWrongType(int resp) {
        var redis = redis(resp);
        redis.set("s", "v");
        assertWrongType(() -> redis.lpush("s", "x"));
        assertWrongType(() -> redis.lrange("s", 0, -1));
        assertWrongType(() -> redis.blpop(Duration.ofMillis(10), "s"));
    }
}
