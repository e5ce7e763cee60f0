package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Commands written from the caller's thread on an idle connection ({@link RedisOptions#callerWrites}): the
 * loop is not woken per command, and callers racing the loop's batches never get one another's replies.
 */
class CallerWritesTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    private static RedisConnection connect(boolean callerWrites) {
        return RedisConnection.connect(RedisUri.parse(redis.uri()),
                RedisOptions.builder().callerWrites(callerWrites).build()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void aLoneBlockingCallerWritesItsOwnCommandsWithoutWakingTheLoopEachTime() {
        int commands = 2_000;
        try (RedisConnection connection = connect(true)) {
            long before = connection.loop().stats().wakeups();
            for (int i = 0; i < commands; i++) {
                String value = "v" + i;
                assertThat(connection.command(Reply.STATUS, "SET", "lone", value).join()).isEqualTo("OK");
                assertThat(connection.command(Reply.<String>value(), "GET", "lone").join()).isEqualTo(value);
            }
            long wakeups = connection.loop().stats().wakeups() - before;
            // queued commands wake the loop about once each; written ones only to start the deadline watch
            assertThat(wakeups).isLessThan(commands / 10);
        }
    }

    @Test
    void turnedOffEveryCommandIsHandedToTheLoopAndStillGetsItsReply() {
        int commands = 2_000;
        try (RedisConnection connection = connect(false)) {
            long before = connection.loop().stats().wakeups();
            for (int i = 0; i < commands; i++) {
                assertThat(connection.command(Reply.LONG, "INCR", "off").join()).isEqualTo(i + 1L);
            }
            long wakeups = connection.loop().stats().wakeups() - before;
            // each command is handed over, and the loop is blocked waiting for the reply when the next comes
            // (2,000 of 2,000 when measured): a quarter leaves room for a busy machine
            assertThat(wakeups).isGreaterThan(commands / 4);
        }
    }

    @Test
    void threadsRacingForAnIdleConnectionNeverGetAnotherThreadsReply() throws Exception {
        int threads = 8;
        int rounds = 1_500;
        try (RedisConnection connection = connect(true)) {
            List<Thread> workers = new ArrayList<>();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Runnable work = () -> {
                    try {
                        for (int i = 0; i < rounds; i++) {
                            String key = "race:" + id;
                            String value = id + ":" + i;
                            if (i % 50 == 0) { // now and then a burst, so the loop's batches race the callers
                                List<CompletableFuture<Long>> burst = new ArrayList<>();
                                for (int j = 0; j < 20; j++) {
                                    burst.add(connection.command(Reply.LONG, "INCR", "burst:" + id));
                                }
                                long first = burst.getFirst().get(10, TimeUnit.SECONDS);
                                for (int j = 1; j < burst.size(); j++) {
                                    assertThat(burst.get(j).get(10, TimeUnit.SECONDS)).isEqualTo(first + j);
                                }
                            }
                            connection.command(Reply.STATUS, "SET", key, value).get(10, TimeUnit.SECONDS);
                            assertThat(connection.command(Reply.<String>value(), "GET", key).get(10, TimeUnit.SECONDS))
                                    .isEqualTo(value);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                };
                // half platform, half virtual threads: both may write on the socket
                workers.add(id % 2 == 0 ? Thread.ofPlatform().start(work) : Thread.ofVirtual().start(work));
            }
            for (Thread worker : workers) {
                worker.join(Duration.ofSeconds(60));
                assertThat(worker.isAlive()).as("worker finished").isFalse();
            }
            assertThat(failures).isEmpty();
            assertThat(connection.pendingCommands()).isZero();
        }
    }

    @Test
    void aCommandLargerThanTheSocketBufferIsFinishedByTheLoopAheadOfLaterCommands() throws Exception {
        byte[] big = new byte[24 * 1024 * 1024];
        new Random(5).nextBytes(big);
        try (RedisConnection connection = connect(true)) {
            RedisCommands<byte[]> raw = connection.withCodec(Codec.BYTES);
            // idle: the caller writes what the socket takes, the loop queues the rest
            CompletableFuture<String> set = raw.command(Reply.STATUS, "SET", "big", big);
            List<CompletableFuture<Long>> after = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                after.add(raw.command(Reply.LONG, "INCR", "after-big"));
            }
            assertThat(set.get(30, TimeUnit.SECONDS)).isEqualTo("OK");
            for (int i = 0; i < after.size(); i++) {
                assertThat(after.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i + 1L);
            }
            assertThat(raw.<byte[]>command(Reply.value(), "GET", "big").get(30, TimeUnit.SECONDS)).isEqualTo(big);
        }
    }

    @Test
    void aWrittenCommandTheServerNeverAnswersStillTimesOutOnItsOwn() throws Exception {
        // nothing else happens on the connection: only the deadline watch can notice
        assertALoneGetTheServerNeverAnswersTimesOutAfter(Duration.ofMillis(300));
    }

    @Test
    void aTimeoutShorterThanTheWatchTickTakesTheQueueAndStillTimesOut() throws Exception {
        assertALoneGetTheServerNeverAnswersTimesOutAfter(Duration.ofMillis(20));
    }

    private static void assertALoneGetTheServerNeverAnswersTimesOutAfter(Duration timeout) throws Exception {
        try (ScriptedServer server = new ScriptedServer((args, transport, self) -> args.get(0).equals("GET"))) {
            RedisConnection connection = RedisConnection.connect(
                    RedisUri.parse(server.uri() + "?timeout=" + timeout.toMillis() + "ms"),
                    RedisOptions.builder().deadPeerTimeouts(100).build()).get(10, TimeUnit.SECONDS);
            try {
                Throwable failure = FaultTest.failureOf(connection.execute("GET", "never"));
                assertThat(failure).isInstanceOfSatisfying(RedisTimeoutException.class,
                        e -> assertThat(e.timeout()).isEqualTo(timeout));
            } finally {
                connection.abort();
            }
        }
    }
}
