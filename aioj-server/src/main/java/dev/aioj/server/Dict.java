package dev.aioj.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A hash table from byte-string keys to values: each database's keyspace and
 * expiry table, and the inside of hashes, sets and sorted sets. Redis's
 * {@code dict.c} cut down to what one thread needs.
 *
 * <p>Why not {@code HashMap<ByteKey, Object>}: memory per key. A chained entry
 * here is 24 bytes (header, key, value, next: no boxed key wrapper, no stored
 * hash), so a small string key costs about 90 bytes in all, close to
 * redis-server's. And SCAN needs the bucket layout, which {@code HashMap}
 * hides.
 *
 * <p>The bucket array is a power of two, grown to twice its size when it holds
 * as many entries as buckets (Redis's load factor 1) and shrunk when under an
 * eighth full. Resizing is done at once, not incrementally as Redis does: a
 * pause of a few milliseconds per million keys, paid only on a doubling.
 *
 * <p>{@link #scan} is Redis's reverse-binary cursor: a key present in the
 * table for the whole of a scan is returned at least once, however the table
 * grows or shrinks between calls; a key may come back more than once (after
 * a shrink); a key added or removed during the scan may or may not come back.
 *
 * <p>Hashing is seeded per table (a multiply-rotate mix of 8-byte words with a
 * random seed), so bucket order differs between runs and keys chosen to
 * collide on one run do not collide on the next. It is fast, not
 * cryptographic: Redis uses SipHash for that.
 *
 * <p>Thread contract: the server's loop thread only, like all engine state.
 */
final class Dict {

    /** One key and its value; {@code next} chains the entries of a bucket. */
    static sealed class Entry permits KeyEntry {
        final byte[] key;
        Object value;
        Entry next;

        Entry(byte[] key, Object value, Entry next) {
            this.key = key;
            this.value = value;
            this.next = next;
        }
    }

    /**
     * An entry of a database's keyspace: also what Redis keeps in each
     * value's object header, {@link ObjectMeta}'s bits (access time or
     * frequency, and how a string was made). Only a {@link #keyspace()} table
     * makes these, so hashes and sets pay nothing for it.
     */
    static final class KeyEntry extends Entry {
        int meta;

        KeyEntry(byte[] key, Object value, Entry next, int meta) {
            super(key, value, next);
            this.meta = meta;
        }
    }

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Redis's DICT_HT_INITIAL_SIZE. */
    static final int MIN_BUCKETS = 4;

    private Entry[] table;
    private int size;
    private final long seed;
    private final boolean keyspace;
    /**
     * While a BGSAVE walks this table ({@link BackgroundSave}), the bucket
     * array keeps its size, so its scan cursor says exactly which keys it has
     * written (Redis stops rehashing during a fork for the same reason, until
     * a load factor of 5). Growth is still forced at a load factor of 4; the
     * save finishes at once before that ({@link #nearForcedGrowth}).
     */
    private boolean resizePaused;

    Dict(long seed) {
        this(seed, false);
    }

    private Dict(long seed, boolean keyspace) {
        this.seed = seed;
        this.keyspace = keyspace;
        this.table = new Entry[MIN_BUCKETS];
    }

    /** A database's keyspace: its entries are {@link KeyEntry}s, created with meta 0 (set it after insertion). */
    static Dict keyspace(long seed) {
        return new Dict(seed, true);
    }

    int size() {
        return size;
    }

    /** The hashing seed, so that a copy (COPY) hashes like this table. */
    long seed() {
        return seed;
    }

    /** A copy with the same seed and entries; the values are shared, not copied. */
    Dict copy() {
        Dict copy = new Dict(seed);
        forEach(e -> copy.insertNew(e.key, e.value));
        return copy;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Number of buckets: what SCAN's cursor walks. */
    int buckets() {
        return table.length;
    }

    /** The value of {@code key}, or null when absent (or stored as null: use {@link #find}). */
    Object get(byte[] key) {
        Entry e = find(key);
        return e == null ? null : e.value;
    }

    boolean contains(byte[] key) {
        return find(key) != null;
    }

    /** The entry of {@code key}, or null. */
    Entry find(byte[] key) {
        Entry[] t = table;
        for (Entry e = t[hash(key) & (t.length - 1)]; e != null; e = e.next) {
            if (Arrays.equals(e.key, key)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Sets {@code key} to {@code value}; the table keeps {@code key} itself
     * (not a copy) when the key is new.
     *
     * @return the previous value, or null
     */
    Object put(byte[] key, Object value) {
        Entry e = find(key);
        if (e != null) {
            Object old = e.value;
            e.value = value;
            return old;
        }
        insertNew(key, value);
        return null;
    }

    /** Adds {@code key}, known to be absent; returns its new entry. */
    Entry insertNew(byte[] key, Object value) {
        if (size >= table.length && (!resizePaused || size >= table.length * 4)) {
            resize(table.length << 1);
        }
        int i = hash(key) & (table.length - 1);
        Entry e = keyspace ? new KeyEntry(key, value, table[i], 0) : new Entry(key, value, table[i]);
        table[i] = e;
        size++;
        return e;
    }

    /** Removes {@code key}; returns its entry (for its value), or null when absent. */
    Entry remove(byte[] key) {
        Entry[] t = table;
        int i = hash(key) & (t.length - 1);
        Entry prev = null;
        for (Entry e = t[i]; e != null; prev = e, e = e.next) {
            if (Arrays.equals(e.key, key)) {
                if (prev == null) {
                    t[i] = e.next;
                } else {
                    prev.next = e.next;
                }
                size--;
                maybeShrink();
                return e;
            }
        }
        return null;
    }

    /** Drops every entry and returns to the initial size. */
    void clear() {
        table = new Entry[MIN_BUCKETS];
        size = 0;
    }

    /** Visits every entry; the visitor must not add or remove keys. */
    void forEach(Consumer<Entry> visitor) {
        for (Entry head : table) {
            for (Entry e = head; e != null; e = e.next) {
                visitor.accept(e);
            }
        }
    }

    /**
     * Visits the buckets at {@code cursor} and returns the next cursor (0 when
     * the scan is complete): Redis's dictScan over a single table.
     */
    long scan(long cursor, Consumer<Entry> visitor) {
        if (size == 0) {
            return 0;
        }
        Entry[] t = table;
        long mask = t.length - 1;
        for (Entry e = t[(int) (cursor & mask)]; e != null; e = e.next) {
            visitor.accept(e);
        }
        // Set the bits above the mask so that incrementing the reversed cursor carries into the masked bits.
        cursor |= ~mask;
        cursor = Long.reverse(cursor);
        cursor++;
        return Long.reverse(cursor);
    }

    /** Keeps the bucket array's size (true) or lets it grow and shrink again (false). */
    void pauseResize(boolean paused) {
        resizePaused = paused;
        if (!paused) {
            if (size > table.length) {
                int target = table.length;
                while (target < size) {
                    target <<= 1;
                }
                resize(target);
            } else {
                maybeShrink();
            }
        }
    }

    /** Whether one more key would force the bucket array to grow even though resizing is paused. */
    boolean nearForcedGrowth() {
        return size + 1 >= table.length * 4;
    }

    /**
     * Whether a scan of this table that has reached {@code cursor} (not yet
     * visited) has visited {@code key}'s bucket; meaningful only while the
     * table's size has not changed since the scan began ({@link #pauseResize}).
     */
    boolean scannedBefore(byte[] key, long cursor) {
        int bits = Integer.numberOfTrailingZeros(table.length);
        if (bits == 0) {
            return cursor != 0;
        }
        long mask = table.length - 1;
        long bucket = hash(key) & mask;
        long rb = Long.reverse(bucket) >>> (64 - bits);
        long rc = Long.reverse(cursor & mask) >>> (64 - bits);
        return rb < rc;
    }

    /** A random entry, or null when empty; close to uniform when chains are short. */
    Entry randomEntry(RandomGenerator random) {
        if (size == 0) {
            return null;
        }
        Entry[] t = table;
        Entry head;
        do {
            head = t[random.nextInt(t.length)];
        } while (head == null);
        int chain = 0;
        for (Entry e = head; e != null; e = e.next) {
            chain++;
        }
        Entry pick = head;
        for (int k = random.nextInt(chain); k > 0; k--) {
            pick = pick.next;
        }
        return pick;
    }

    /**
     * Visits up to {@code count} entries from consecutive buckets starting at a
     * random one (Redis's dictGetSomeKeys), looking at no more than {@code
     * 10 * count} buckets. The visitor must not add or remove keys.
     *
     * @return the number of entries visited
     */
    int sample(int count, RandomGenerator random, Consumer<Entry> visitor) {
        if (size == 0 || count <= 0) {
            return 0;
        }
        Entry[] t = table;
        int mask = t.length - 1;
        int i = random.nextInt(t.length);
        int visited = 0;
        int maxBuckets = Math.max(count * 10, 16);
        for (int b = 0; b < maxBuckets && b < t.length && visited < count; b++, i = (i + 1) & mask) {
            for (Entry e = t[i]; e != null && visited < count; e = e.next) {
                visitor.accept(e);
                visited++;
            }
        }
        return visited;
    }

    private void maybeShrink() {
        if (!resizePaused && table.length > MIN_BUCKETS && (long) size * 8 < table.length) {
            int target = MIN_BUCKETS;
            while (target < size) {
                target <<= 1;
            }
            resize(target);
        }
    }

    private void resize(int buckets) {
        Entry[] old = table;
        Entry[] t = new Entry[buckets];
        int mask = buckets - 1;
        for (Entry head : old) {
            Entry e = head;
            while (e != null) {
                Entry next = e.next;
                int i = hash(e.key) & mask;
                e.next = t[i];
                t[i] = e;
                e = next;
            }
        }
        table = t;
    }

    int hash(byte[] key) {
        return hash(key, seed);
    }

    /** A seeded 64-bit multiply-rotate mix folded to 32 bits; see the class comment. */
    static int hash(byte[] key, long seed) {
        int n = key.length;
        long h = seed ^ (n * 0x9E3779B97F4A7C15L);
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            long w = (long) LONGS.get(key, i);
            h = Long.rotateLeft(h ^ (w * 0xC2B2AE3D27D4EB4FL), 31) * 0x9E3779B97F4A7C15L;
        }
        if (i < n) {
            long tail = 0;
            for (int shift = 0; i < n; i++, shift += 8) {
                tail |= (key[i] & 0xFFL) << shift;
            }
            h = Long.rotateLeft(h ^ (tail * 0xC2B2AE3D27D4EB4FL), 31) * 0x9E3779B97F4A7C15L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
