package dev.aioj.memcached;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.memcached.testing.MemcachedServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** getOrCompute against a real memcached: the server's win/stale flags decide who recomputes. */
class StampedeTest {

    @RegisterExtension
    static final MemcachedServerExtension memcached = MemcachedServerExtension.builder().build();

    /** Four clients, as four application instances sharing the cache. */
    static final List<MemcachedClient> clients = new ArrayList<>();

    @BeforeAll
    static void connect() {
        for (int i = 0; i < 4; i++) clients.add(MemcachedClient.connect(memcached.address()).join());
    }

    @AfterAll
    static void close() {
        clients.forEach(MemcachedClient::close);
    }

    /** A loader that counts its calls (and each on {@code called}) and answers after {@code gate} opens. */
    static CompletableFuture<byte[]> slowLoad(AtomicInteger calls, CountDownLatch called,
            CompletableFuture<Void> gate, String value) {
        calls.incrementAndGet();
        called.countDown();
        return gate.thenApply(ignored -> value.getBytes(UTF_8));
    }

    @Test
    void aHundredConcurrentCallersOnAMissCauseOneLoaderCallAndAllGetItsValue() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch called = new CountDownLatch(1);
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<byte[]>> results = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            MemcachedClient client = clients.get(i % clients.size());
            callers.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                results.add(client.getOrCompute("stampede:miss", Duration.ofMinutes(5),
                        key -> slowLoad(calls, called, gate, "computed once")));
            }));
        }
        go.countDown();
        for (Thread t : callers) t.join();
        // every caller has asked; the winner's loader is running, the others wait for it
        assertThat(called.await(5, java.util.concurrent.TimeUnit.SECONDS)).as("the winner's loader ran").isTrue();
        gate.complete(null);
        for (CompletableFuture<byte[]> r : results) {
            assertThat(r.get(10, java.util.concurrent.TimeUnit.SECONDS)).asString(UTF_8).isEqualTo("computed once");
        }
        assertThat(results).hasSize(100);
        assertThat(calls.get()).as("loader calls for 100 callers").isEqualTo(1);
        assertThat(clients.getFirst().sync().get("stampede:miss")).asString(UTF_8).isEqualTo("computed once");
    }

    @Test
    void aStaleItemIsRecomputedByOneWinnerWhileTheOthersGetTheStaleValue() throws Exception {
        MemcachedSyncCommands sync = clients.getFirst().sync();
        sync.set("stampede:stale", "old".getBytes(UTF_8), Duration.ofMinutes(5));
        assertThat(sync.invalidate("stampede:stale", Duration.ofSeconds(30))).isTrue();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch called = new CountDownLatch(1);
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<byte[]> winner = clients.get(0).getOrCompute("stampede:stale", Duration.ofMinutes(5),
                key -> slowLoad(calls, called, gate, "new"));
        // the others ask once the first caller has won (it is recomputing): each gets the stale value at once
        assertThat(called.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the first caller won").isTrue();
        assertThat(calls.get()).isEqualTo(1);
        List<byte[]> others = new ArrayList<>();
        for (int i = 1; i < 20; i++) {
            others.add(clients.get(i % 4).getOrCompute("stampede:stale", Duration.ofMinutes(5),
                    key -> slowLoad(calls, called, gate, "should not run")).get(10, java.util.concurrent.TimeUnit.SECONDS));
        }
        others.forEach(v -> assertThat(v).asString(UTF_8).isEqualTo("old"));
        assertThat(winner).isNotDone();
        gate.complete(null);
        assertThat(winner.get(10, java.util.concurrent.TimeUnit.SECONDS)).asString(UTF_8).isEqualTo("new");
        assertThat(calls.get()).isEqualTo(1);
        Item item = sync.getItem("stampede:stale");
        assertThat(item.value()).asString(UTF_8).isEqualTo("new");
        assertThat(item.stale()).isFalse();
    }

    @Test
    void aHitDoesNotCallTheLoader() {
        clients.getFirst().sync().set("stampede:hit", "cached".getBytes(UTF_8), Duration.ofMinutes(5));
        AtomicInteger calls = new AtomicInteger();
        assertThat(clients.get(1).sync().getOrCompute("stampede:hit", Duration.ofMinutes(5), key -> {
            calls.incrementAndGet();
            return "loaded".getBytes(UTF_8);
        })).asString(UTF_8).isEqualTo("cached");
        assertThat(calls.get()).isZero();
    }

    @Test
    void aFailingLoaderReleasesTheLockSoTheNextCallerComputes() {
        MemcachedClient client = clients.getFirst();
        IllegalStateException boom = new IllegalStateException("database down");
        CompletableFuture<byte[]> failed = client.getOrCompute("stampede:fail", Duration.ofMinutes(5),
                key -> CompletableFuture.failedFuture(boom));
        assertThat(MemcachedClientTest.failureOf(failed)).isSameAs(boom);
        AtomicInteger calls = new AtomicInteger();
        byte[] value = client.sync().getOrCompute("stampede:fail", Duration.ofMinutes(5), key -> {
            calls.incrementAndGet();
            return "recovered".getBytes(UTF_8);
        });
        assertThat(value).asString(UTF_8).isEqualTo("recovered");
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void theBlockingLoaderRunsOffTheLoopThread() {
        AtomicInteger onLoop = new AtomicInteger();
        byte[] value = clients.getFirst().sync().getOrCompute("stampede:blocking", Duration.ofMinutes(1), key -> {
            if (dev.aioj.loop.EventLoop.onLoopThread()) onLoop.incrementAndGet();
            return "v".getBytes(UTF_8);
        });
        assertThat(value).asString(UTF_8).isEqualTo("v");
        assertThat(onLoop.get()).isZero();
    }
}
