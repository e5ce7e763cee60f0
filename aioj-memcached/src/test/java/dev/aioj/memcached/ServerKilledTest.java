package dev.aioj.memcached;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.memcached.testing.MemcachedServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** memcached SIGKILLed in the middle of a pipeline, then started again on the same port. */
class ServerKilledTest {

    @RegisterExtension
    static final MemcachedServerExtension memcached = MemcachedServerExtension.builder().build();

    @Test
    void everyFutureCompletesExactlyOnceWhenTheServerIsKilledMidPipelineAndTheClientComesBack() throws Exception {
        MemcachedOptions options = MemcachedOptions.builder().servers(memcached.address())
                .timeout(Duration.ofSeconds(2)).maxInFlight(100_000).failureLimit(1000)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(200)).build();
        try (MemcachedClient client = MemcachedClient.connect(options).join()) {
            client.sync().set("k", "v".getBytes(UTF_8), Duration.ZERO);
            int total = 40_000;
            List<CompletableFuture<byte[]>> futures = new ArrayList<>(total);
            AtomicInteger completions = new AtomicInteger();
            AtomicInteger values = new AtomicInteger();
            AtomicInteger lostWritten = new AtomicInteger();
            AtomicInteger notWritten = new AtomicInteger();
            AtomicInteger other = new AtomicInteger();
            CountDownLatch halfway = new CountDownLatch(1);
            CountDownLatch killed = new CountDownLatch(1);
            CountDownLatch firstValue = new CountDownLatch(1);
            Thread producer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < total; i++) {
                    CompletableFuture<byte[]> f = client.get("k");
                    CompletableFuture<byte[]> counted = f.whenComplete((v, e) -> {
                        completions.incrementAndGet();
                        Throwable cause = e instanceof CompletionException ce ? ce.getCause() : e;
                        if (e == null) {
                            if (new String(v, UTF_8).equals("v")) values.incrementAndGet(); else other.incrementAndGet();
                            firstValue.countDown();
                        } else if (cause instanceof MemcachedConnectionException c && c.mayHaveExecuted()) {
                            lostWritten.incrementAndGet();
                        } else if (cause instanceof MemcachedConnectionException
                                || cause instanceof MemcachedTimeoutException) {
                            notWritten.incrementAndGet();
                        } else {
                            other.incrementAndGet();
                        }
                    });
                    futures.add(counted); // waited on below: it completes after the counting
                    if (i == total / 4) {
                        // the rest is submitted after the kill, whatever the machine's speed: some surely fail
                        halfway.countDown();
                        try {
                            if (!killed.await(30, java.util.concurrent.TimeUnit.SECONDS)) return;
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            });
            assertThat(halfway.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // kill only once a reply has come back, so "some answered before the kill" holds on a slow machine too
            assertThat(firstValue.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            memcached.kill();
            killed.countDown();
            producer.join(java.time.Duration.ofSeconds(60));
            assertThat(futures).as("every request submitted").hasSize(total);
            CompletableFuture.allOf(futures.stream().map(f -> f.exceptionally(e -> null))
                    .toArray(CompletableFuture[]::new)).get(30, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(completions.get()).as("every future completed, once").isEqualTo(total);
            assertThat(other.get()).as("no wrong value, no unexpected failure").isZero();
            assertThat(values.get() + lostWritten.get() + notWritten.get()).isEqualTo(total);
            assertThat(values.get()).as("some answered before the kill").isPositive();
            assertThat(lostWritten.get() + notWritten.get()).as("some failed by the kill").isPositive();

            memcached.restart();
            // the client reconnects by itself; a get succeeds within a bounded number of tries
            byte[] afterRestart = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            boolean answered = false;
            while (!answered && System.nanoTime() < deadline) {
                try {
                    afterRestart = client.sync().get("k");
                    answered = true;
                } catch (MemcachedConnectionException | MemcachedTimeoutException e) {
                    Thread.onSpinWait(); // reconnecting: the request failed without waiting, try again
                }
            }
            assertThat(answered).as("the client reconnected after the restart").isTrue();
            assertThat(afterRestart).as("the killed server lost its data").isNull();
            assertThat(client.pendingRequests()).isZero();
        }
    }
}
