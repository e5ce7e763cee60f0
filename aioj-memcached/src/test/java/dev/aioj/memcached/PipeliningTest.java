package dev.aioj.memcached;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.memcached.testing.MemcachedServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many threads, one client: every reply reaches the request it answers. */
class PipeliningTest {

    @RegisterExtension
    static final MemcachedServerExtension memcached = MemcachedServerExtension.builder().build();

    static final int THREADS = 8;
    static final int GETS_PER_THREAD = 12_500; // 100,000 in all
    static final int KEYS = 1000;

    @Test
    void aHundredThousandPipelinedGetsFromEightThreadsEachGetItsOwnValue() throws Exception {
        MemcachedOptions options = MemcachedOptions.builder().servers(memcached.address())
                .timeout(Duration.ofSeconds(10)).build();
        try (MemcachedClient client = MemcachedClient.connect(options).join()) {
            List<CompletableFuture<Boolean>> sets = new ArrayList<>();
            for (int k = 0; k < KEYS; k++) {
                sets.add(client.set("p:" + k, ("value-" + k).getBytes(UTF_8), Duration.ZERO));
            }
            sets.forEach(f -> assertThat(f.join()).isTrue());

            AtomicInteger checked = new AtomicInteger();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.add(Thread.ofPlatform().name("pipelining-" + t).start(() -> {
                    // a window of up to 500 in flight per thread, 4,000 at most in all: under the in-flight bound
                    List<CompletableFuture<Void>> window = new ArrayList<>();
                    for (int i = 0; i < GETS_PER_THREAD; i++) {
                        int k = (thread * 7919 + i * 31) % KEYS;
                        window.add(client.get("p:" + k).thenAccept(v -> {
                            assertThat(v).asString(UTF_8).isEqualTo("value-" + k);
                            checked.incrementAndGet();
                        }));
                        if (window.size() == 100) {
                            try {
                                window.getFirst().join();
                            } catch (Throwable e) {
                                failures.add(e);
                            }
                            window.removeFirst();
                        }
                    }
                    for (CompletableFuture<Void> f : window) {
                        try {
                            f.join();
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(60));
            }
            assertThat(failures).isEmpty();
            assertThat(checked.get()).isEqualTo(THREADS * GETS_PER_THREAD);
            assertThat(client.pendingRequests()).isZero();
        }
    }

    @Test
    void pastTheInFlightBoundCallsFailFastWithATypedErrorAndNothingIsSent() {
        MemcachedOptions options = MemcachedOptions.builder().servers(memcached.address()).maxInFlight(10).build();
        try (MemcachedClient client = MemcachedClient.connect(options).join()) {
            // submitted from the loop thread, so none can be written (and none answered) before all are submitted
            List<CompletableFuture<byte[]>> gets = client.loop().submit(() -> {
                List<CompletableFuture<byte[]>> list = new ArrayList<>();
                for (int i = 0; i < 15; i++) list.add(client.get("bound:" + i));
                return list;
            }).join();
            int refused = 0;
            for (CompletableFuture<byte[]> get : gets) {
                if (get.isCompletedExceptionally()) {
                    assertThat(MemcachedClientTest.failureOf(get)).isInstanceOfSatisfying(
                            MemcachedOverloadedException.class, e -> assertThat(e.limit()).isEqualTo(10));
                    refused++;
                } else {
                    assertThat(get.join()).isNull();
                }
            }
            assertThat(refused).isEqualTo(5);
            assertThat(client.sync().get("bound:0")).as("usable once below the bound again").isNull();
        }
    }
}
