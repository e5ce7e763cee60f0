package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.FaultProxy;
import dev.aioj.redis.testing.RedisServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client against a real redis-server through {@link FaultProxy}: slow,
 * throttled, dropped, cut, reset and blackholed connections (issue 15). In
 * every case each future completes once, with its own reply or a typed
 * exception that says whether the command may have run, and the connection
 * comes back by itself.
 */
class ProxyFaultTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    private FaultProxy proxy;
    private RedisConnection connection;

    @BeforeEach
    void start() throws Exception {
        redis.flushAll();
        proxy = FaultProxy.start(redis.host(), redis.port());
    }

    @AfterEach
    void stop() {
        if (connection != null) connection.abort();
        proxy.close();
    }

    private RedisConnection connect(String query) throws Exception {
        connection = RedisConnection.connect(RedisUri.parse(proxy.uri(query)), RedisOptions.defaults())
                .get(10, TimeUnit.SECONDS);
        return connection;
    }

    private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        try {
            future.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected " + future + " to fail");
    }

    @Test
    void delayedRepliesEachReachTheirOwnCommand() throws Exception {
        RedisConnection c = connect("");
        proxy.delay(Duration.ofMillis(30));
        List<CompletableFuture<String>> gets = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            c.set("k" + i, "v" + i);
            gets.add(c.get("k" + i));
        }
        for (int i = 0; i < gets.size(); i++) {
            assertThat(gets.get(i).get(15, TimeUnit.SECONDS)).isEqualTo("v" + i);
        }
    }

    @Test
    void aThrottledLargeReplyArrivesWholeAndInOrder() throws Exception {
        RedisConnection c = connect("");
        char[] chars = new char[300 * 1024];
        Arrays.fill(chars, 'x');
        String big = new String(chars);
        c.set("big", big).get(10, TimeUnit.SECONDS);
        proxy.throttle(2 * 1024 * 1024); // ~150 ms for the value
        CompletableFuture<String> before = c.get("missing");
        CompletableFuture<String> value = c.get("big");
        CompletableFuture<Long> after = c.strlen("big");
        assertThat(before.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(value.get(10, TimeUnit.SECONDS)).isEqualTo(big);
        assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo(big.length());
    }

    @Test
    void aReplyCutInTheMiddleFailsTheWrittenCommandsAsMayHaveRunThenTheClientReconnects() throws Exception {
        RedisConnection c = connect("");
        char[] chars = new char[100_000];
        Arrays.fill(chars, 'y');
        c.set("big", new String(chars)).get(10, TimeUnit.SECONDS);
        proxy.cutRepliesAfter(1000);
        CompletableFuture<String> cut = c.get("big");
        CompletableFuture<String> behind = c.get("big");
        assertThat(failureOf(cut)).isInstanceOfSatisfying(RedisConnectionException.class,
                e -> assertThat(e.mayHaveExecuted()).isTrue());
        assertThat(failureOf(behind)).isInstanceOf(RedisConnectionException.class);
        proxy.heal();
        assertThat(c.ping().get(10, TimeUnit.SECONDS)).isEqualTo("PONG");
        assertThat(proxy.accepted()).as("a new connection after the cut one").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aConnectionDroppedAfterSomeBytesFailsWhatWasInFlightAndTheNextCommandsRunOnANewOne() throws Exception {
        RedisConnection c = connect("");
        proxy.dropAfter(200); // a few commands get through, then FIN both ways
        List<CompletableFuture<Long>> incrs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            incrs.add(c.incr("counter"));
        }
        long succeeded = 0;
        long neverWritten = 0;
        for (CompletableFuture<Long> f : incrs) {
            try {
                f.get(15, TimeUnit.SECONDS);
                succeeded++;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(RedisConnectionException.class);
                if (!((RedisConnectionException) e.getCause()).mayHaveExecuted()) neverWritten++;
            }
        }
        proxy.heal();
        long counter = Long.parseLong(c.get("counter").get(10, TimeUnit.SECONDS));
        // what succeeded surely ran; what failed as "may have run" may or may not have
        assertThat(counter).isBetween(succeeded, 100L - neverWritten);
        assertThat(succeeded).isLessThan(100);
    }

    @Test
    void resettingEveryConnectionFailsPendingCommandsAndTheClientComesBack() throws Exception {
        RedisConnection c = connect("?connectTimeout=500ms");
        proxy.blackhole(true); // the commands reach the proxy and stay unanswered when the reset comes
        List<CompletableFuture<String>> pings = new ArrayList<>();
        for (int i = 0; i < 50; i++) pings.add(c.ping());
        awaitSwallowed(50 * "*1\r\n$4\r\nPING\r\n".length());
        assertThat(proxy.resetAll()).isEqualTo(1);
        for (CompletableFuture<String> ping : pings) {
            assertThat(failureOf(ping)).isInstanceOfSatisfying(RedisConnectionException.class,
                    e -> assertThat(e.mayHaveExecuted()).isTrue());
        }
        proxy.heal(); // the reconnect made meanwhile stays silent: its greeting times out, the next one works
        assertThat(pingUntilAnswered(c)).isEqualTo("PONG");
    }

    /** PINGs until one is answered (10 s at most): the ones sent while the client recycles time out. */
    private static String pingUntilAnswered(RedisConnection c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return c.ping().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RedisTimeoutException || e.getCause() instanceof RedisConnectionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    /** Waits (bounded) until the proxy has swallowed {@code bytes}: the client wrote them. */
    private void awaitSwallowed(long bytes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (proxy.bytesSwallowed() < bytes) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the proxy got " + proxy.bytesSwallowed() + " of " + bytes + " bytes");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void aBlackholedServerTimesCommandsOutAtTheirDeadlineAndTheConnectionIsRecycled() throws Exception {
        RedisConnection c = connect("?timeout=300ms&connectTimeout=500ms");
        assertThat(c.ping().get(10, TimeUnit.SECONDS)).isEqualTo("PONG");
        proxy.blackhole(true);
        List<CompletableFuture<String>> pings = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) pings.add(c.ping()); // deadPeerTimeouts (3) in a row: the socket is dropped
        for (CompletableFuture<String> ping : pings) {
            assertThat(failureOf(ping)).isInstanceOf(RedisTimeoutException.class);
        }
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(waitedMillis).isGreaterThanOrEqualTo(290).isLessThan(5_000);
        proxy.blackhole(false);
        // a connection made during the blackhole stays silent: its greeting times out (500 ms), the next one works
        assertThat(pingUntilAnswered(c)).isEqualTo("PONG");
        assertThat(proxy.accepted()).as("a new connection after the dead one").isGreaterThanOrEqualTo(2);
    }
}
