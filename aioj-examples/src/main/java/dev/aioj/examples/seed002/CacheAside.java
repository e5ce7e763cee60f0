package dev.aioj.examples.seed002;

import dev.aioj.memcached.MemcachedClient;
import dev.aioj.memcached.MemcachedSyncCommands;
import dev.aioj.redis.RedisClient;
import dev.aioj.redis.RedisSyncCommands;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Seed 002's "caching with Redis and Memcached": the same slow lookup cached
 * through Redis (aioj-redis) and through Memcached (aioj-memcached) side by
 * side, with the cache-aside pattern: read the cache; on a miss, look the
 * value up the slow way and store it with a TTL. Each lookup prints whether
 * it hit and how long it took. Then a stampede: 100 concurrent callers ask
 * for a key nobody has cached yet. With naive cache-aside each of them
 * misses and recomputes; with {@code MemcachedClient.getOrCompute} memcached's
 * own flags let one caller win and recompute while the others wait for its
 * value.
 *
 * <p>Thread contract: {@link #run} blocks its caller (never a loop thread);
 * the stampede callers are virtual threads.
 */
public final class CacheAside {

    /** What {@code ./aioj server} listens on. */
    public static final String DEFAULT_REDIS = "redis://127.0.0.1:6379";
    /** Debian's memcached default. */
    public static final String DEFAULT_MEMCACHED = "127.0.0.1:11211";
    /** The lookups, in order: three first reads (misses), three repeats (hits). */
    static final int[] USER_IDS = {1, 2, 1, 3, 2, 1};
    static final Duration TTL = Duration.ofMinutes(1);
    static final int STAMPEDE_CALLERS = 100;

    private CacheAside() {}

    /** What happened, for the test. */
    public record Summary(int redisHits, int redisMisses, int memcachedHits, int memcachedMisses,
            int naiveStampedeLoads, int protectedStampedeLoads) {}

    /** The slow lookup: a "database" that takes {@code latency} per call and counts its calls. */
    static final class SlowDirectory {
        private final Duration latency;
        final AtomicInteger calls = new AtomicInteger();

        SlowDirectory(Duration latency) {
            this.latency = latency;
        }

        String lookUp(int userId) {
            calls.incrementAndGet();
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted looking up user " + userId, e);
            }
            return "user " + userId + " {name: \"user-" + userId + "\", plan: " + (userId % 2 == 0 ? "pro" : "free")
                    + "}";
        }
    }

    /** Runs the walk-through; a different {@code runId} gives fresh keys. */
    public static Summary run(String redisUri, String memcachedServers, Duration lookupLatency, PrintStream out)
            throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        SlowDirectory directory = new SlowDirectory(lookupLatency);
        try (RedisClient redis = RedisClient.connect(redisUri).get(10, TimeUnit.SECONDS);
                MemcachedClient memcached = MemcachedClient.connect(memcachedServers).get(10, TimeUnit.SECONDS)) {
            out.printf("cache-aside: the same lookup (%d ms each) through Redis at %s and Memcached at %s%n",
                    lookupLatency.toMillis(), redisUri, memcachedServers);
            RedisSyncCommands<String> r = redis.sync();
            MemcachedSyncCommands m = memcached.sync();
            int[] redisCounts = new int[2];
            int[] memcachedCounts = new int[2];
            out.printf("%-8s | %-28s | %-28s%n", "lookup", "Redis", "Memcached");
            for (int id : USER_IDS) {
                String key = "cache-aside:" + run + ":user:" + id;
                Lookup viaRedis = timed(() -> {
                    String cached = r.get(key);
                    if (cached != null) return new Lookup(true, cached, 0);
                    String value = directory.lookUp(id);
                    r.setex(key, TTL, value);
                    return new Lookup(false, value, 0);
                });
                Lookup viaMemcached = timed(() -> {
                    byte[] cached = m.get(key);
                    if (cached != null) return new Lookup(true, new String(cached, StandardCharsets.UTF_8), 0);
                    String value = directory.lookUp(id);
                    m.set(key, value.getBytes(StandardCharsets.UTF_8), TTL);
                    return new Lookup(false, value, 0);
                });
                if (!viaRedis.value.equals(viaMemcached.value)) {
                    throw new IllegalStateException("the caches disagree: " + viaRedis.value + " / " + viaMemcached.value);
                }
                redisCounts[viaRedis.hit ? 0 : 1]++;
                memcachedCounts[viaMemcached.hit ? 0 : 1]++;
                out.printf("user %-3d | %-28s | %-28s%n", id, viaRedis.describe(), viaMemcached.describe());
            }
            out.printf("Redis: %d hits, %d misses; Memcached: %d hits, %d misses%n", redisCounts[0], redisCounts[1],
                    memcachedCounts[0], memcachedCounts[1]);

            out.printf("stampede: %d concurrent callers ask for a key nobody has cached%n", STAMPEDE_CALLERS);
            String naiveKey = "cache-aside:" + run + ":report:naive";
            int naive = stampede(directory, id -> {
                String cached = r.get(naiveKey);
                if (cached != null) return cached;
                String value = directory.lookUp(id);
                r.setex(naiveKey, TTL, value);
                return value;
            });
            out.printf("  naive cache-aside (Redis GET, then SETEX on a miss): %d recomputes%n", naive);
            String guardedKey = "cache-aside:" + run + ":report:guarded";
            int guarded = stampede(directory, id -> new String(m.getOrCompute(guardedKey, TTL,
                    k -> directory.lookUp(id).getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
            out.printf("  Memcached getOrCompute (mg ... N R: one winner, the others wait): %d recompute%s%n", guarded,
                    guarded == 1 ? "" : "s");
            r.del(naiveKey);
            m.delete(guardedKey);
            return new Summary(redisCounts[0], redisCounts[1], memcachedCounts[0], memcachedCounts[1], naive, guarded);
        }
    }

    private record Lookup(boolean hit, String value, long micros) {
        String describe() {
            return String.format(Locale.ROOT, "%s %8.2f ms", hit ? "hit " : "miss", micros / 1000.0);
        }
    }

    @FunctionalInterface
    private interface Step {
        Lookup run() throws Exception;
    }

    private static Lookup timed(Step step) throws Exception {
        long start = System.nanoTime();
        Lookup l = step.run();
        return new Lookup(l.hit, l.value, (System.nanoTime() - start) / 1000);
    }

    /** {@link #STAMPEDE_CALLERS} virtual threads call {@code read} at once; returns the lookups it caused. */
    private static int stampede(SlowDirectory directory, Function<Integer, String> read) throws Exception {
        int before = directory.calls.get();
        CompletableFuture<Void> go = new CompletableFuture<>();
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < STAMPEDE_CALLERS; i++) {
            CompletableFuture<String> result = new CompletableFuture<>();
            results.add(result);
            Thread.ofVirtual().start(() -> {
                try {
                    go.join();
                    result.complete(read.apply(42));
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
        }
        go.complete(null);
        String first = results.getFirst().get(30, TimeUnit.SECONDS);
        for (CompletableFuture<String> r : results) {
            if (!r.get(30, TimeUnit.SECONDS).equals(first)) throw new IllegalStateException("callers disagree");
        }
        return directory.calls.get() - before;
    }
}
