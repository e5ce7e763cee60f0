package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@link ClientCache} promises, against a real server: the
 * subclasses run it against redis-server 7 ({@code ClientCacheTest}) and
 * aioj-server ({@code ClientCacheOnAiojServerTest} in aioj-server), each on
 * RESP3 (invalidations as pushes on the shared connection) and RESP2
 * (through REDIRECT to a subscriber). A writer on a connection of its own
 * changes keys; the waits are on the cache's own events (a latch its probe
 * counts down), never sleeps.
 */
public abstract class ClientCacheContract {

    /** Where the server under test listens: {@code redis://127.0.0.1:port}. */
    protected abstract String serverUri();

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    public void closeOpened() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        opened.clear();
    }

    private RedisClient cached(int protocol, ClientCacheOptions options) throws Exception {
        RedisClient client = RedisClient.connect(RedisUri.parse(serverUri() + "?protocol=" + protocol),
                RedisOptions.defaults(), options).get(10, TimeUnit.SECONDS);
        opened.add(client);
        return client;
    }

    private RedisConnection writer() throws Exception {
        RedisConnection c = RedisConnection.connect(serverUri()).get(10, TimeUnit.SECONDS);
        opened.add(c);
        return c;
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    /** Counts invalidations of one key (or flushes, for null) seen by the cache. */
    private static CountDownLatch invalidationOf(ClientCache cache, String key) {
        CountDownLatch latch = new CountDownLatch(1);
        cache.probe = new ClientCache.Probe() {
            @Override
            public void replied(byte[][] keys, RespValue value) {}

            @Override
            public void invalidated(byte[] k) {
                if (key == null ? k == null : k != null && key.equals(new String(k, StandardCharsets.UTF_8))) {
                    latch.countDown();
                }
            }
        };
        return latch;
    }

    private void aReadIsServedFromMemoryUntilAWriterChangesTheKey(int protocol) throws Exception {
        RedisConnection writer = writer();
        await(writer.set("user:1", "ada"));
        RedisClient redis = cached(protocol, ClientCacheOptions.defaults());
        ClientCache cache = redis.clientCache().orElseThrow();
        assertThat(cache.isTracking()).isTrue();
        assertThat(await(redis.get("user:1"))).isEqualTo("ada");
        assertThat(await(redis.get("user:1"))).isEqualTo("ada");
        assertThat(await(redis.hget("nohash", "f"))).isNull();
        assertThat(cache.stats().hits()).isEqualTo(1);
        assertThat(cache.stats().misses()).isEqualTo(2);
        assertThat(cache.stats().entries()).isEqualTo(2);
        assertThat(cache.stats().bytes()).isPositive();

        CountDownLatch invalidated = invalidationOf(cache, "user:1");
        await(writer.set("user:1", "grace"));
        assertThat(invalidated.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.stats().invalidations()).isEqualTo(1);
        assertThat(await(redis.get("user:1"))).isEqualTo("grace");
        assertThat(await(redis.get("user:1"))).isEqualTo("grace");
        assertThat(cache.stats().hits()).isEqualTo(2);
        assertThat(await(redis.execute("GET", "user:1"))).as("execute shares the cache").isEqualTo("grace");
        assertThat(await(redis.withCodec(Codec.BYTES).get("user:1"))).isEqualTo("grace".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void resp3AReadIsServedFromMemoryUntilAWriterChangesTheKey() throws Exception {
        aReadIsServedFromMemoryUntilAWriterChangesTheKey(3);
    }

    @Test
    public void resp2AReadIsServedFromMemoryUntilAWriterChangesTheKeyThroughRedirect() throws Exception {
        aReadIsServedFromMemoryUntilAWriterChangesTheKey(2);
    }

    private void flushDropsEverything(int protocol) throws Exception {
        RedisConnection writer = writer();
        await(writer.mset(java.util.Map.of("a", "1", "b", "2")));
        RedisClient redis = cached(protocol, ClientCacheOptions.defaults());
        ClientCache cache = redis.clientCache().orElseThrow();
        await(redis.get("a"));
        await(redis.mget("a", "b"));
        assertThat(cache.stats().entries()).isEqualTo(2);
        CountDownLatch flushed = invalidationOf(cache, null);
        await(writer.execute("FLUSHALL"));
        assertThat(flushed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.stats().entries()).isZero();
        assertThat(await(redis.get("a"))).isNull();
    }

    @Test
    public void resp3FlushallDropsEverything() throws Exception {
        flushDropsEverything(3);
    }

    @Test
    public void resp2FlushallDropsEverything() throws Exception {
        flushDropsEverything(2);
    }

    @Test
    public void aLostConnectionDropsEverythingAndTrackingComesBackOnTheNewOne() throws Exception {
        RedisConnection writer = writer();
        await(writer.set("k", "1"));
        RedisClient redis = cached(3, ClientCacheOptions.defaults());
        ClientCache cache = redis.clientCache().orElseThrow();
        long id = await(redis.sharedConnection().command(Reply.LONG, "CLIENT", "ID"));
        await(redis.get("k"));
        assertThat(cache.stats().entries()).isEqualTo(1);
        await(writer.execute("CLIENT", "KILL", "ID", id));
        // the client reconnects by itself; its next read waits for the new socket, tracked again
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(cache.stats().entries() == 0 && redis.sharedConnection().isConnected() && cache.isTracking())
                && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // the loss is noticed (entries dropped), then the new socket tracks
        }
        assertThat(cache.isTracking()).isTrue();
        assertThat(cache.stats().entries()).as("dropped with the old socket").isZero();
        assertThat(await(redis.get("k"))).isEqualTo("1");
        assertThat(await(redis.get("k"))).isEqualTo("1");
        CountDownLatch invalidated = invalidationOf(cache, "k");
        await(writer.set("k", "2"));
        assertThat(invalidated.await(10, TimeUnit.SECONDS)).as("tracked on the new socket").isTrue();
        assertThat(await(redis.get("k"))).isEqualTo("2");
    }

    @Test
    public void theClientReadsItsOwnWritesAtOnce() throws Exception {
        RedisClient redis = cached(3, ClientCacheOptions.defaults());
        for (int i = 0; i < 200; i++) {
            CompletableFuture<String> read = redis.get("mine"); // maybe in flight while the write goes
            await(redis.set("mine", Integer.toString(i)));
            await(read);
            assertThat(await(redis.get("mine"))).isEqualTo(Integer.toString(i));
            assertThat(await(redis.get("mine"))).isEqualTo(Integer.toString(i));
        }
        assertThat(redis.clientCache().orElseThrow().stats().hits()).isPositive();
    }

    @Test
    public void resp2ALostSubscriberDropsEverythingAndTheRedirectFollowsItsNewId() throws Exception {
        RedisConnection writer = writer();
        await(writer.set("k", "1"));
        RedisClient redis = cached(2, ClientCacheOptions.defaults());
        ClientCache cache = redis.clientCache().orElseThrow();
        await(redis.get("k"));
        assertThat(cache.stats().entries()).isEqualTo(1);
        assertThat(await(writer.command(Reply.LONG, "CLIENT", "KILL", "TYPE", "pubsub"))).isEqualTo(1L);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String redirect = "";
        while (System.nanoTime() < deadline) {
            redirect = await(redis.sharedConnection().command(Reply.OBJECT, "CLIENT", "TRACKINGINFO").thenApply(
                    String::valueOf));
            if (cache.stats().entries() == 0 && cache.isTracking() && !redirect.contains("broken_redirect")) {
                break;
            }
            Thread.onSpinWait();
        }
        assertThat(cache.isTracking()).isTrue();
        assertThat(cache.stats().entries()).as("dropped when the subscriber went").isZero();
        assertThat(await(redis.get("k"))).isEqualTo("1");
        CountDownLatch invalidated = invalidationOf(cache, "k");
        await(writer.set("k", "2"));
        assertThat(invalidated.await(10, TimeUnit.SECONDS)).as("redirected to the new subscriber").isTrue();
        assertThat(await(redis.get("k"))).isEqualTo("2");
    }

    @Test
    public void bcastCachesOnlyKeysUnderItsPrefixes() throws Exception {
        RedisConnection writer = writer();
        await(writer.mset(java.util.Map.of("user:1", "ada", "other", "x")));
        RedisClient redis = cached(3, ClientCacheOptions.builder().bcast("user:").build());
        ClientCache cache = redis.clientCache().orElseThrow();
        await(redis.get("user:1"));
        await(redis.get("other"));
        await(redis.get("other"));
        assertThat(cache.stats().entries()).isEqualTo(1);
        assertThat(cache.stats().hits()).isZero();
        CountDownLatch invalidated = invalidationOf(cache, "user:1");
        await(writer.set("user:1", "grace"));
        assertThat(invalidated.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(await(redis.get("user:1"))).isEqualTo("grace");
    }

    @Test
    public void optinTracksOnlyTheCachesOwnReads() throws Exception {
        RedisConnection writer = writer();
        await(writer.set("k", "1"));
        RedisClient redis = cached(3, ClientCacheOptions.builder().mode(ClientCacheOptions.Mode.OPTIN).build());
        ClientCache cache = redis.clientCache().orElseThrow();
        assertThat(await(redis.get("k"))).isEqualTo("1");
        assertThat(await(redis.get("k"))).isEqualTo("1");
        assertThat(cache.stats().hits()).isEqualTo(1);
        CountDownLatch invalidated = invalidationOf(cache, "k");
        await(writer.set("k", "2"));
        assertThat(invalidated.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(await(redis.get("k"))).isEqualTo("2");
    }

    @Test
    public void theCacheStaysWithinItsEntriesLeastRecentlyUsedFirst() throws Exception {
        RedisClient redis = cached(3, ClientCacheOptions.builder().maxEntries(3).build());
        ClientCache cache = redis.clientCache().orElseThrow();
        for (String k : List.of("a", "b", "c")) {
            await(redis.get(k));
        }
        await(redis.get("a")); // a is now the most recent
        await(redis.get("d"));
        assertThat(cache.stats().entries()).isEqualTo(3);
        assertThat(cache.stats().evictions()).isEqualTo(1);
        long hits = cache.stats().hits();
        await(redis.get("a"));
        await(redis.get("b")); // b went
        assertThat(cache.stats().hits()).isEqualTo(hits + 1);
    }

    private void noReadIsOlderThanTheLastInvalidationReceived(int protocol) throws Exception {
        int keys = 16;
        int readers = 8;
        int writes = 100_000;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40); // bounded for CI
        RedisConnection writer = writer();
        for (int k = 0; k < keys; k++) {
            await(writer.set("race:" + k, "0"));
        }
        RedisClient redis = cached(protocol, ClientCacheOptions.defaults());
        ClientCache cache = redis.clientCache().orElseThrow();
        AtomicLongArray lastReplied = new AtomicLongArray(keys); // loop thread: newest value a reply brought
        AtomicLongArray floor = new AtomicLongArray(keys);       // loop thread: raised by each invalidation
        cache.probe = new ClientCache.Probe() {
            @Override
            public void replied(byte[][] redisKeys, RespValue value) {
                if (value instanceof RespValue.Bulk b) {
                    int k = keyIndex(redisKeys[0]);
                    lastReplied.accumulateAndGet(k, Long.parseLong(new String(b.bytes(), StandardCharsets.UTF_8)),
                            Math::max);
                }
            }

            @Override
            public void invalidated(byte[] key) {
                if (key == null) {
                    return;
                }
                int k = keyIndex(key);
                floor.accumulateAndGet(k, lastReplied.get(k), Math::max);
            }
        };
        AtomicLong reads = new AtomicLong();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicLong written = new AtomicLong();
        Thread[] threads = new Thread[readers];
        for (int r = 0; r < readers; r++) {
            int seed = r;
            threads[r] = Thread.ofPlatform().start(() -> {
                int i = seed;
                try {
                    while (written.get() < writes && System.nanoTime() < deadline && violations.isEmpty()) {
                        int k = i++ % keys;
                        long f = floor.get(k); // everything received so far
                        long v = Long.parseLong(redis.get("race:" + k).get(10, TimeUnit.SECONDS));
                        reads.incrementAndGet();
                        if (v < f) {
                            violations.add("race:" + k + " read " + v + " after an invalidation of " + f);
                        }
                    }
                } catch (Exception e) {
                    violations.add(e.toString());
                }
            });
        }
        Semaphore window = new Semaphore(64); // the writer pipelines, 64 SETs in flight
        long n = 0;
        while (n < writes && System.nanoTime() < deadline && violations.isEmpty()) {
            window.acquire();
            n++;
            writer.set("race:" + (n % keys), Long.toString(n)).whenComplete((ok, e) -> {
                written.incrementAndGet();
                window.release();
            });
        }
        window.acquire(64);
        written.set(writes); // readers stop
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(20));
        }
        assertThat(violations).isEmpty();
        System.out.printf("client cache race (RESP%d): %d writes, %d cached reads, %s%n", protocol, n, reads.get(),
                cache.stats());
        assertThat(n).as("writes done within the time bound").isGreaterThan(1000);
        assertThat(cache.stats().invalidations()).isPositive();
        // At rest, every cached entry must still be tracked by the server: read each key through the
        // cache, change it, and its invalidation must come (a stale entry installed after its
        // invalidation would be a hit the server no longer tracks: no message would ever come).
        for (int k = 0; k < keys; k++) {
            String key = "race:" + k;
            CountDownLatch invalidated = invalidationOf(cache, key);
            await(redis.get(key)); // a hit, or a miss that the server tracks
            await(writer.set(key, Long.toString(n + 1 + k)));
            assertThat(invalidated.await(10, TimeUnit.SECONDS)).as(key + " still tracked").isTrue();
            assertThat(await(redis.get(key))).isEqualTo(Long.toString(n + 1 + k));
        }
    }

    private static int keyIndex(byte[] key) {
        String s = new String(key, StandardCharsets.UTF_8);
        return Integer.parseInt(s.substring(s.indexOf(':') + 1));
    }

    @Test
    public void resp3NoReadIsOlderThanTheLastInvalidationReceivedWhileAWriterChangesKeys() throws Exception {
        noReadIsOlderThanTheLastInvalidationReceived(3);
    }

    @Test
    public void resp2NoReadIsOlderThanTheLastInvalidationReceivedWhileAWriterChangesKeys() throws Exception {
        noReadIsOlderThanTheLastInvalidationReceived(2);
    }
}
