package dev.aioj.redis;

import dev.aioj.redis.resp.RespValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client-side cache's table: replies by command, least recently used
 * first, indexed by the Redis keys they depend on, within a bound of entries
 * and bytes.
 *
 * <p>The rule that keeps it correct: a reply is installed only through a
 * <em>pending</em> entry registered before its command was sent ({@link
 * #pending}), and only if that entry is still there when the reply arrives
 * ({@link #install}). An invalidation of one of its keys, a flush, or a lost
 * connection removes pending entries too, so a reply that raced any of them
 * is handed to its caller and never cached. While the server is not known
 * to be tracking ({@link #deactivate}, until {@link #activate}), nothing is
 * served or registered.
 *
 * <p>Thread contract: any thread; every method holds the table's lock (the
 * loop thread installs and invalidates, callers look up).
 */
final class CacheEntries {

    /** A cached reply, or a read in flight ({@code value == null}). */
    static final class Entry {
        final Key key;
        final Key[] redisKeys;
        RespValue value;
        long bytes;

        Entry(Key key, Key[] redisKeys) {
            this.key = key;
            this.redisKeys = redisKeys;
        }
    }

    /** Bytes with value equality: a command and its arguments, or one Redis key. */
    record Key(byte[] bytes, int hash) {
        static Key of(byte[] bytes) {
            return new Key(bytes, Arrays.hashCode(bytes));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** What an entry costs beyond its bytes: map nodes, the entry, the value's objects (an estimate). */
    static final int ENTRY_OVERHEAD = 96;

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<Key, List<Entry>> byRedisKey = new HashMap<>();
    private int installed;
    private long bytes;
    private boolean active;

    private long hits;
    private long misses;
    private long evictions;
    private long invalidations;

    CacheEntries(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** The cached reply for {@code key}, counted as a hit; null (a miss, counted) if none or inactive. */
    synchronized RespValue lookup(Key key) {
        Entry e = active ? entries.get(key) : null;
        if (e != null && e.value != null) {
            hits++;
            return e.value;
        }
        misses++;
        return null;
    }

    /**
     * Registers a read about to be sent; null when the cache is inactive
     * (the reply will not be cached). Replaces an older pending read of the
     * same command, whose reply then is not cached either.
     */
    synchronized Entry pending(Key key, Key[] redisKeys) {
        if (!active) {
            return null;
        }
        Entry old = entries.get(key);
        if (old != null) {
            remove(old);
        }
        Entry e = new Entry(key, redisKeys);
        entries.put(key, e);
        for (Key k : redisKeys) {
            byRedisKey.computeIfAbsent(k, x -> new ArrayList<>(1)).add(e);
        }
        return e;
    }

    /** The reply of pending {@code e} arrived: cached if {@code e} is still registered; true if it was. */
    synchronized boolean install(Entry e, RespValue value, long valueBytes) {
        if (e == null || entries.get(e.key) != e || e.value != null) {
            return false;
        }
        long size = valueBytes + e.key.bytes().length + ENTRY_OVERHEAD;
        if (size > maxBytes) {
            remove(e);
            return false;
        }
        e.value = value;
        e.bytes = size;
        installed++;
        bytes += size;
        evictOverLimits();
        return true;
    }

    /** The read of pending {@code e} failed: forget it. */
    synchronized void abandon(Entry e) {
        if (e != null && entries.get(e.key) == e && e.value == null) {
            remove(e);
        }
    }

    /**
     * The server says {@code redisKey} changed: every entry reading it goes,
     * pending ones too. Returns how many cached replies went (pending ones not counted).
     */
    synchronized int invalidate(byte[] redisKey) {
        List<Entry> dependents = byRedisKey.get(Key.of(redisKey));
        if (dependents == null) {
            return 0;
        }
        int dropped = 0;
        for (Entry e : new ArrayList<>(dependents)) {
            if (e.value != null) {
                dropped++;
            }
            remove(e);
        }
        invalidations += dropped;
        return dropped;
    }

    /**
     * A command this client sends that the cache does not answer (a write,
     * most likely): every entry reading one of its arguments goes now, pending
     * ones too, so the client reads its own writes even before the server's
     * invalidation (which follows the write's reply) has come in. Any
     * argument that is a cached key counts: conservative, and cheap when
     * nothing is cached.
     */
    synchronized void beforeOtherCommand(Object[] args) {
        if (byRedisKey.isEmpty()) {
            return;
        }
        for (int i = 1; i < args.length; i++) {
            byte[] b = switch (args[i]) {
                case String str -> str.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                case byte[] bytes -> bytes;
                case null, default -> null;
            };
            List<Entry> dependents = b == null ? null : byRedisKey.get(Key.of(b));
            if (dependents != null) {
                for (Entry e : new ArrayList<>(dependents)) {
                    remove(e);
                }
            }
        }
    }

    /** Everything goes (FLUSHALL/FLUSHDB's null key list); the cache stays active. Returns how many replies went. */
    synchronized int invalidateAll() {
        int dropped = installed;
        invalidations += dropped;
        clear();
        return dropped;
    }

    /** Nothing is served or registered until {@link #activate}; everything goes. */
    synchronized void deactivate() {
        active = false;
        clear();
    }

    /** The server tracks this client's reads again (CLIENT TRACKING answered OK). */
    synchronized void activate() {
        active = true;
    }

    synchronized boolean isActive() {
        return active;
    }

    synchronized void clear() {
        entries.clear();
        byRedisKey.clear();
        installed = 0;
        bytes = 0;
    }

    synchronized ClientCache.Stats stats() {
        return new ClientCache.Stats(hits, misses, evictions, invalidations, installed, bytes);
    }

    private void evictOverLimits() {
        if (installed <= maxEntries && bytes <= maxBytes) {
            return;
        }
        Iterator<Entry> it = entries.values().iterator(); // least recently used first
        while ((installed > maxEntries || bytes > maxBytes) && it.hasNext()) {
            Entry e = it.next();
            if (e.value == null) {
                continue; // a read in flight costs nothing yet
            }
            it.remove();
            unindex(e);
            installed--;
            bytes -= e.bytes;
            evictions++;
        }
    }

    private void remove(Entry e) {
        entries.remove(e.key);
        unindex(e);
        if (e.value != null) {
            installed--;
            bytes -= e.bytes;
        }
    }

    private void unindex(Entry e) {
        for (Key k : e.redisKeys) {
            List<Entry> list = byRedisKey.get(k);
            if (list != null) {
                list.remove(e);
                if (list.isEmpty()) {
                    byRedisKey.remove(k);
                }
            }
        }
    }
}
