package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisClusterExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A slot migrated (IMPORTING/MIGRATING + MIGRATE in batches, as {@code
 * redis-cli --cluster reshard} does) while 8 threads pipeline INCRs into it:
 * every command answered, every reply the one its key's count calls for.
 */
class ClusterMigrationTest {

    @RegisterExtension
    static final RedisClusterExtension cluster = RedisClusterExtension.builder().replicasPerPrimary(0).build();

    private static final int THREADS = 8;
    private static final int KEYS_PER_THREAD = 100;

    @Test
    void aSlotMigratedUnderLoadLosesNoCommandAndMixesNoReplies() throws Exception {
        try (RedisClusterClient client = RedisClusterClient.connect(cluster.uri()).join()) {
            int slot = SlotHash.slot("mig");
            for (int t = 0; t < THREADS; t++) {
                for (int k = 0; k < KEYS_PER_THREAD; k++) client.set(key(t, k), "0");
            }
            client.set("{mig}:warm", "1").join();
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            Progress commands = new Progress(failures);
            long[] rounds = new long[THREADS];
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.add(Thread.ofPlatform().name("writer-" + t).start(() -> {
                    long round = 0;
                    while (!stop.get() && failures.isEmpty()) {
                        round++;
                        List<CompletableFuture<Long>> replies = new ArrayList<>(KEYS_PER_THREAD);
                        for (int k = 0; k < KEYS_PER_THREAD; k++) replies.add(client.incr(key(thread, k)));
                        for (int k = 0; k < KEYS_PER_THREAD; k++) {
                            try {
                                long value = replies.get(k).get(15, TimeUnit.SECONDS);
                                if (value != round) {
                                    failures.add(new AssertionError(key(thread, k) + " = " + value + ", expected "
                                            + round));
                                }
                            } catch (Exception e) {
                                failures.add(e);
                            }
                        }
                        commands.add(KEYS_PER_THREAD);
                    }
                    rounds[thread] = round;
                }));
            }
            RedisClusterExtension.Node from = cluster.ownerOf(slot);
            RedisClusterExtension.Node to = cluster.primaries().stream().filter(n -> n != from).findFirst()
                    .orElseThrow();
            commands.await(THREADS * KEYS_PER_THREAD); // every writer is running
            long before = commands.get();
            // 40 batches of 20 keys; after each, wait until the writers got some replies, so they interleave.
            cluster.migrateSlot(slot, to, 20, () -> commands.await(commands.get() + KEYS_PER_THREAD));
            long during = commands.get() - before;
            commands.await(commands.get() + 2 * THREADS * KEYS_PER_THREAD); // a few rounds each on the new owner
            stop.set(true);
            for (Thread thread : threads) thread.join(30_000);
            assertThat(failures).isEmpty();
            assertThat(during).as("commands answered while the slot moved").isPositive();
            assertThat(client.nodeFor(slot)).isEqualTo(to.endpoint());
            for (int t = 0; t < THREADS; t++) {
                for (int k = 0; k < KEYS_PER_THREAD; k++) {
                    assertThat(client.get(key(t, k)).join()).isEqualTo(Long.toString(rounds[t]));
                }
            }
        }
    }

    /**
     * The commands the writers got answered, counted after each round; the
     * test thread waits on it (it used to spin, taking a core from the writers
     * and the nodes on a 2-core machine).
     */
    private static final class Progress {
        private final ConcurrentLinkedQueue<Throwable> failures;
        private long commands; // guarded by this

        Progress(ConcurrentLinkedQueue<Throwable> failures) {
            this.failures = failures;
        }

        synchronized void add(long n) {
            commands += n;
            notifyAll();
        }

        synchronized long get() {
            return commands;
        }

        /** Waits (bounded, 10 s) until {@code target} commands were answered or a writer failed. */
        synchronized void await(long target) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            try {
                for (long left; commands < target && failures.isEmpty()
                        && (left = deadline - System.nanoTime()) > 0; ) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static String key(int thread, int k) {
        return "{mig}:" + thread + ":" + k;
    }
}
