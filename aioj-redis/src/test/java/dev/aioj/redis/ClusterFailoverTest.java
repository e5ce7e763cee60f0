package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A primary SIGKILLed under load: its replica is promoted after the node
 * timeout, and commands for its slots succeed again within 3 s of the
 * promotion; every future completes once, with a value or a typed exception
 * that says whether the command may have run.
 */
class ClusterFailoverTest {

    @RegisterExtension
    static final RedisClusterExtension cluster = RedisClusterExtension.builder().build();

    private static final int THREADS = 4;

    @Test
    void commandsResumeWithinThreeSecondsOfTheReplicasPromotion() throws Exception {
        try (RedisClusterClient client = RedisClusterClient.connect(cluster.uri()).join();
             RedisClusterClient reader = RedisClusterClient.connect(RedisClusterClient.seedsOf(cluster.uri()),
                     RedisOptions.defaults(), ReadFrom.PRIMARY_PREFERRED).join()) {
            String victimKey = "{victim}";
            int victimSlot = SlotHash.slot(victimKey);
            RedisClusterExtension.Node primary = cluster.ownerOf(victimSlot);
            RedisClusterExtension.Node replica = cluster.replicaOf(primary);
            try (var raw = cluster.connect(primary)) { // the replica has the value before the primary dies
                raw.call("SET", victimKey, "0");
                raw.call("WAIT", 1, 5000);
            }
            AtomicLong readsWhileDown = new AtomicLong();
            AtomicLong readFailures = new AtomicLong();
            AtomicLong downSince = new AtomicLong(Long.MAX_VALUE);
            AtomicLong promotedAt = new AtomicLong(Long.MAX_VALUE);

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong lastVictimSuccess = new AtomicLong();
            AtomicLong completed = new AtomicLong();
            AtomicLong sent = new AtomicLong();
            ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> typed = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.add(Thread.ofPlatform().name("load-" + t).start(() -> {
                    long i = 0;
                    while (!stop.get()) {
                        List<CompletableFuture<Boolean>> window = new ArrayList<>();
                        for (int k = 0; k < 20; k++) {
                            String key = k == 0 ? "{victim}:" + thread : "key:" + thread + ":" + (i++ % 1000);
                            boolean victim = k == 0;
                            sent.incrementAndGet();
                            window.add(client.set(key, "v").whenComplete((ok, e) -> {
                                completed.incrementAndGet();
                                if (e == null) {
                                    if (victim) lastVictimSuccess.set(System.nanoTime());
                                } else {
                                    Throwable cause = ClusterNodes.unwrap(e);
                                    if (cause instanceof RedisConnectionException c && c.mayHaveExecuted()
                                            || cause instanceof RedisClusterException
                                            || cause instanceof RedisTimeoutException) {
                                        typed.add(cause);
                                    } else {
                                        unexpected.add(cause);
                                    }
                                }
                            }));
                        }
                        for (CompletableFuture<Boolean> f : window) {
                            try {
                                f.get(30, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                // counted above
                            }
                        }
                    }
                }));
            }
            Thread readerThread = Thread.ofPlatform().name("primary-preferred-reader").start(() -> {
                while (!stop.get()) {
                    try {
                        String value = reader.get(victimKey).get(30, TimeUnit.SECONDS);
                        long now = System.nanoTime();
                        if ("0".equals(value) && now > downSince.get() && now < promotedAt.get()) {
                            readsWhileDown.incrementAndGet(); // served by the replica while the primary is dead
                        }
                    } catch (Exception e) {
                        readFailures.incrementAndGet();
                    }
                }
            });
            threads.add(readerThread);
            long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (completed.get() < 2_000 && System.nanoTime() < warm) {
                Thread.onSpinWait(); // the load is running before the kill
            }
            long killed = System.nanoTime();
            cluster.kill(primary);
            downSince.set(System.nanoTime());
            cluster.awaitPromoted(replica, Duration.ofSeconds(15));
            long promoted = System.nanoTime();
            promotedAt.set(promoted);
            // Wait for the first victim-slot success after the promotion, bounded.
            long deadline = promoted + TimeUnit.SECONDS.toNanos(10);
            while (lastVictimSuccess.get() < promoted && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            long resumed = lastVictimSuccess.get();
            stop.set(true);
            for (Thread thread : threads) thread.join(60_000);

            assertThat(unexpected).isEmpty();
            assertThat(completed.get()).isEqualTo(sent.get());
            assertThat(resumed).as("a command for the failed primary's slots succeeded after the promotion")
                    .isGreaterThanOrEqualTo(promoted);
            assertThat(Duration.ofNanos(resumed - promoted)).isLessThan(Duration.ofSeconds(3));
            assertThat(client.nodeFor(victimSlot)).isEqualTo(replica.endpoint());
            assertThat(readsWhileDown.get()).as("PRIMARY_PREFERRED reads served by the replica while the primary was"
                    + " down (%d reads failed)", readFailures.get()).isPositive();
            System.out.printf("failover: promoted %d ms after the kill, commands resumed %d ms after the promotion,"
                    + " %d of %d commands failed with typed exceptions, %d PRIMARY_PREFERRED reads from the replica"
                    + " meanwhile%n",
                    (promoted - killed) / 1_000_000, Math.max(0, resumed - promoted) / 1_000_000, typed.size(),
                    sent.get(), readsWhileDown.get());
        }
    }
}
