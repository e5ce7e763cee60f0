package dev.aioj.redis;

import dev.aioj.redis.jfr.CacheStatisticsEvent;
import dev.aioj.redis.resp.RespValue;
import java.util.List;

/**
 * A {@link RedisClient}'s client-side cache (Redis 6+ server-assisted
 * caching): replies of read-only commands kept in the client's memory and
 * served without a round trip until the server says a key they read has
 * changed. Turned on with {@link RedisOptions.Builder#clientCache}; reached
 * with {@link RedisClient#clientCache()} for its statistics.
 *
 * <p>How it stays correct: the shared connection runs {@code CLIENT
 * TRACKING on} (RESP3: invalidations arrive as pushes between the replies on
 * that same connection; RESP2: through {@code REDIRECT} to a connection
 * subscribed to {@code __redis__:invalidate}). A read is registered as
 * pending before it is sent, and its reply is cached only if no invalidation
 * of its keys, no flush and no lost connection came in between; a null key
 * list (FLUSHALL, FLUSHDB) drops everything; a lost connection drops
 * everything and serves nothing until tracking is on again on the new one.
 * See {@link CacheEntries}.
 *
 * <p>What it reports: each read, a hit or a miss, to the client's {@link
 * RedisObserver#cacheAccessed} and JFR's {@code dev.aioj.redis.CacheAccess};
 * cached replies the server's invalidations dropped to {@link
 * RedisObserver#cacheInvalidated}; its counters (invalidations included) to
 * JFR's periodic {@code dev.aioj.redis.CacheStatistics} until the client closes.
 *
 * <p>Thread contract: any thread.
 */
public final class ClientCache {

    /**
     * Counters since the client connected.
     *
     * @param hits reads answered from the cache
     * @param misses reads sent to the server (cacheable commands only)
     * @param evictions replies dropped to stay within maxEntries/maxBytes
     * @param invalidations cached replies dropped because the server said a key changed (or was flushed)
     * @param entries replies cached now
     * @param bytes their estimated size now
     */
    public record Stats(long hits, long misses, long evictions, long invalidations, long entries, long bytes) {
        /** hits / (hits + misses), 0 before any read. */
        public double hitRate() {
            long reads = hits + misses;
            return reads == 0 ? 0 : (double) hits / reads;
        }
    }

    /** Test seam: told of each invalidation and each reply the cache saw, on the loop thread. */
    interface Probe {
        void replied(byte[][] redisKeys, RespValue value);

        void invalidated(byte[] redisKey);
    }

    private final ClientCacheOptions options;
    final CacheEntries entries;
    volatile Probe probe;
    /** Where hits and misses go: JFR and the client's observer (null if none: one null check per read). */
    private final Telemetry telemetry;
    /** Stops the periodic JFR statistics event; run once when the client closes. */
    private final Runnable stopStatistics;

    ClientCache(ClientCacheOptions options, Telemetry telemetry) {
        this.options = options;
        this.entries = new CacheEntries(options.maxEntries(), options.maxBytes());
        this.telemetry = telemetry;
        this.stopStatistics = CacheStatisticsEvent.register(telemetry.endpoint.toString(), () -> {
            Stats s = entries.stats();
            return new CacheStatisticsEvent.Counts(s.hits(), s.misses(), s.evictions(), s.invalidations(),
                    s.entries(), s.bytes());
        });
    }

    public ClientCacheOptions options() {
        return options;
    }

    public Stats stats() {
        return entries.stats();
    }

    /** Whether the server is tracking for this cache now (false while reconnecting: reads go to the server). */
    public boolean isTracking() {
        return entries.isActive();
    }

    /** Drops every cached reply (the cache stays on). */
    public void clear() {
        entries.clear();
    }

    // ------------------------------------------------------------------ what the read path reports

    /** A read of {@code command} (upper case) was answered from memory ({@code hit}) or sent. Any thread. */
    void accessed(String command, boolean hit) {
        telemetry.cacheAccessed(command, hit);
    }

    /** The client closed: JFR stops asking for the counters. */
    void closed() {
        stopStatistics.run();
    }

    // ------------------------------------------------------------------ what the tracking wiring reports

    /** An {@code invalidate} message: the keys, or null for everything (FLUSHALL/FLUSHDB). */
    void invalidated(List<byte[]> keys) {
        long dropped = 0;
        if (keys == null) {
            dropped = entries.invalidateAll();
            Probe p = probe;
            if (p != null) {
                p.invalidated(null);
            }
        } else {
            for (byte[] key : keys) {
                dropped += entries.invalidate(key);
                Probe p = probe;
                if (p != null) {
                    p.invalidated(key);
                }
            }
        }
        if (dropped > 0) {
            telemetry.cacheInvalidated(dropped);
        }
    }

    @Override
    public String toString() {
        return "ClientCache[" + stats() + ", " + options + "]";
    }
}
