package dev.aioj.server;

/**
 * One of the numbered databases SELECT chooses: the keyspace ({@link Dict}
 * from key to a {@code byte[]} string or a {@link Value}) and the expiry table
 * (key to its deadline in epoch milliseconds), Redis's {@code redisDb}.
 *
 * <p>Expiry is lazy here, as in Redis: every lookup first deletes its key if
 * the deadline has passed, so an expired key is never seen, whatever the
 * active cycle ({@link ActiveExpiry}) has managed to delete so far. A deadline
 * equal to now has not passed (Redis's {@code now > when}).
 *
 * <p>Every change to a key reaches {@link Watches} (WATCH), {@link Tracking}
 * (CLIENT TRACKING) and, when a list or
 * sorted set is added under a key that clients wait on, {@link
 * BlockedClients}. The mutators here do this themselves; a command that
 * changes a value in place (LPUSH on an existing list, HSET, ...) calls
 * {@link #signalModified}.
 *
 * <p>SWAPDB exchanges the contents of two databases ({@link #swapWith}):
 * clients keep their {@code Database} object, which then holds the other
 * keyspace, as in Redis.
 *
 * <p>Keyspace notifications are a second, separate call, as in Redis: a
 * command announces what it did with {@link #notify} ({@code "set"}, {@code
 * "lpush"}, ...) after the change. This class emits the events of its own:
 * {@code new} when a key is added, {@code expired} when a deadline deletes
 * one, {@code keymiss} when a read finds nothing.
 *
 * <p>Each key's entry also keeps what Redis keeps in a value's header
 * ({@link Dict.KeyEntry#meta}): the access bits of {@link KeyAccess}, set when
 * a value is stored and refreshed by every lookup that does not say {@link
 * #NOTOUCH}, and for strings how they were made ({@link ObjectEncoding}).
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class Database {

    final int id;
    private final ServerState server;
    /** Swapped by SWAPDB, never reassigned otherwise. */
    Dict keys;
    Dict expires;

    Database(int id, ServerState server) {
        this.id = id;
        this.server = server;
        this.keys = Dict.keyspace(server.newSeed());
        this.expires = new Dict(server.newSeed());
    }

    int size() {
        return keys.size();
    }

    // ------------------------------------------------------------------ lookups

    /** Redis's LOOKUP_NONOTIFY: a read that misses sends no {@code keymiss} event. */
    static final int NONOTIFY = 1;
    /** Redis's LOOKUP_NOSTATS: a read not counted in keyspace hits and misses. */
    static final int NOSTATS = 1 << 1;
    /** Redis's LOOKUP_NOTOUCH: a lookup that leaves the key's access time (or frequency) alone. */
    static final int NOTOUCH = 1 << 2;

    /**
     * The live value of {@code key} for a read command (Redis's
     * lookupKeyRead): counted in keyspace hits/misses, and a miss is the
     * {@code keymiss} event.
     */
    Object lookupRead(byte[] key) {
        return lookupRead(key, 0);
    }

    /**
     * {@link #lookupRead(byte[])} with Redis's LOOKUP_* {@code flags}: {@link
     * #NONOTIFY}, {@link #NOSTATS}, {@link #NOTOUCH}.
     */
    Object lookupRead(byte[] key, int flags) {
        Object v = lookup(key, flags);
        if (v == null) {
            if ((flags & NOSTATS) == 0) {
                server.stats.keyspaceMisses++;
            }
            if ((flags & NONOTIFY) == 0) {
                notify(NotifyType.KEY_MISS, "keymiss", key);
            }
        } else if ((flags & NOSTATS) == 0) {
            server.stats.keyspaceHits++;
        }
        return v;
    }

    /**
     * The live value of {@code key}, or null; deletes it first if it has
     * expired. For write commands (Redis's lookupKeyWrite): no statistics, no
     * {@code keymiss} event.
     */
    Object lookup(byte[] key) {
        BackgroundSave cow = server.cow;
        if (cow != null) {
            cow.beforeChange(this, key); // a write command's lookup: the value may change in place next
        }
        return lookup(key, 0);
    }

    private Object lookup(byte[] key, int flags) {
        Dict.Entry e = keys.find(key);
        if (e == null) {
            return null;
        }
        if (!expires.isEmpty() && expireIfNeeded(e.key)) {
            return null;
        }
        if ((flags & NOTOUCH) == 0) {
            Dict.KeyEntry k = (Dict.KeyEntry) e;
            int touched = k.meta & ~KeyAccess.BITS | server.access.touched(k.meta);
            if (touched != k.meta) {
                k.meta = touched; // an LRU clock moves once a second: most reads of a hot key store nothing
            }
        }
        return e.value;
    }

    /**
     * The entry of a live {@code key} without any side effect but lazy expiry
     * (OBJECT, DEBUG OBJECT: Redis's objectCommandLookup), or null.
     */
    Dict.KeyEntry entry(byte[] key) {
        Dict.Entry e = keys.find(key);
        if (e == null || (!expires.isEmpty() && expireIfNeeded(e.key))) {
            return null;
        }
        return (Dict.KeyEntry) e;
    }

    /** The meta bits of a live {@code key} (to carry them along with the value: RENAME, MOVE), 0 if absent. */
    int metaOf(byte[] key) {
        Dict.Entry e = keys.find(key);
        return e == null ? 0 : ((Dict.KeyEntry) e).meta;
    }

    /**
     * Marks the string at {@code key} as Redis's {@code raw} encoding without
     * changing or signalling it (Redis's dbUnshareStringValue, which the bit and
     * HyperLogLog writes call even when they end up changing nothing).
     */
    void unshareString(byte[] key) {
        if (keys.find(key) instanceof Dict.KeyEntry e && e.value instanceof byte[]) {
            e.meta |= ObjectEncoding.RAW;
        }
    }

    /** Deletes {@code key} if its deadline has passed; true if it did. */
    boolean expireIfNeeded(byte[] key) {
        Object when = expires.get(key);
        if (when == null || (Long) when >= server.expiryNow()) {
            return false;
        }
        deleteExpired(key);
        return true;
    }

    /** Whether {@code key}'s deadline has passed, without deleting it (WATCH, KEYS). */
    boolean isExpired(byte[] key) {
        Object when = expires.get(key);
        return when != null && (Long) when < server.expiryNow();
    }

    /** Removes an expired key: counted in expired_keys, the {@code expired} event, seen by WATCH. */
    void deleteExpired(byte[] key) {
        beforeChange(key);
        Dict.Entry removed = keys.remove(key);
        signalIfStream(removed == null ? null : removed.value, key);
        expires.remove(key);
        server.stats.expiredKeys++;
        notify(NotifyType.EXPIRED, "expired", key);
        server.watches.touch(this, key);
        server.tracking.invalidate(key, null, true); // Redis: signalModifiedKey(NULL, ...)
    }

    // ------------------------------------------------------------------ changes

    /** Adds {@code key}, which must be absent (Redis's dbAdd): the {@code new} event. */
    void add(byte[] key, Object value) {
        addWithMeta(key, value, server.access.fresh());
    }

    /**
     * Adds {@code key} with the value's {@code meta} bits: a string made as
     * {@link ObjectEncoding#RAW} or {@link ObjectEncoding#NOT_INT} says, or
     * a value moved with its access bits ({@link #metaOf}).
     */
    void addWithMeta(byte[] key, Object value, int meta) {
        beforeChange(key);
        Dict.KeyEntry e = (Dict.KeyEntry) keys.insertNew(key, value);
        e.meta = meta;
        signalModified(key);
        if (BlockedClients.kindOf(value) != null) {
            server.blocking.keyAdded(this, key);
        }
        notify(NotifyType.NEW, "new", key);
    }

    /**
     * Sets {@code key} whether it exists or not (Redis's setKey): a new value
     * drops the old deadline unless {@code keepTtl}. Overwriting wakes no
     * blocked client (Redis's dbOverwrite); adding does.
     */
    void set(byte[] key, Object value, boolean keepTtl) {
        set(key, value, keepTtl, 0);
    }

    /**
     * {@link #set(byte[], Object, boolean)} for a string made as {@code form}
     * says: {@link ObjectEncoding#RAW} (APPEND, SETRANGE, SETBIT...) or {@link
     * ObjectEncoding#NOT_INT} (INCRBYFLOAT); 0 is SET's way.
     */
    void set(byte[] key, Object value, boolean keepTtl, int form) {
        beforeChange(key);
        Dict.Entry e = keys.find(key);
        if (e == null) {
            addWithMeta(key, value, server.access.fresh() | form);
            return;
        }
        Dict.KeyEntry k = (Dict.KeyEntry) e;
        signalIfStream(k.value, key);
        k.value = value;
        k.meta = server.access.overwritten(k.meta) | form;
        if (!keepTtl && !expires.isEmpty()) {
            expires.remove(key);
        }
        signalModified(key);
    }

    /** Removes {@code key} and its deadline; true if it existed. */
    boolean delete(byte[] key) {
        beforeChange(key);
        Dict.Entry removed = keys.remove(key);
        if (removed == null) {
            return false;
        }
        signalIfStream(removed.value, key);
        if (!expires.isEmpty()) {
            expires.remove(key);
        }
        signalModified(key);
        return true;
    }

    /** Removes every key (FLUSHDB): clients watching a key that existed see it changed. */
    void flush() {
        finishSnapshotWalk();
        server.persistence.changed(keys.size());
        server.watches.touchAllExisting(this);
        server.blocking.signalDeletedStreams(this, null);
        keys.clear();
        expires.clear();
    }

    /**
     * SWAPDB: exchanges keyspaces and deadlines with {@code other} (Redis's
     * dbSwapDatabases). Watchers of keys that change in either see a change;
     * clients blocked on keys that now hold data are served after the command.
     */
    void swapWith(Database other) {
        finishSnapshotWalk();
        server.watches.touchAllReplaced(this, other);
        server.watches.touchAllReplaced(other, this);
        server.blocking.signalDeletedStreams(this, other);
        server.blocking.signalDeletedStreams(other, this);
        Dict k = keys;
        Dict e = expires;
        keys = other.keys;
        expires = other.expires;
        other.keys = k;
        other.expires = e;
        server.blocking.signalExistingKeys(this);
        server.blocking.signalExistingKeys(other);
    }

    /**
     * A stream left {@code key} (deleted, expired, overwritten): clients
     * blocked there in XREADGROUP are told (Redis's dbGenericDelete and
     * dbSetValue signal the key).
     */
    private void signalIfStream(Object old, byte[] key) {
        if (old instanceof StreamValue) {
            server.blocking.keyAdded(this, key);
        }
    }

    /** Tells WATCH and client tracking that {@code key} changed (Redis's signalModifiedKey), and counts it toward the save rules. */
    void signalModified(byte[] key) {
        server.persistence.dirty++;
        AppendOnlyFile aof = server.aof;
        if (aof != null) {
            aof.keyChanged(this, key);
        }
        server.watches.touch(this, key);
        server.tracking.keyChanged(key);
    }

    /** Lets a running BGSAVE copy {@code key} before it changes ({@link BackgroundSave}). */
    private void beforeChange(byte[] key) {
        BackgroundSave cow = server.cow;
        if (cow != null) {
            cow.beforeChange(this, key);
        }
    }

    /** Before a change to every key at once: a running BGSAVE finishes its walk first. */
    private void finishSnapshotWalk() {
        BackgroundSave cow = server.cow;
        if (cow != null) {
            cow.finishNow();
        }
    }

    /**
     * Announces {@code event} on {@code key} to keyspace-notification
     * subscribers (Redis's notifyKeyspaceEvent): {@code db.notify(NotifyType.LIST,
     * "lpush", key)} after the change is made. One flag test when the class is off.
     */
    void notify(NotifyType type, String event, byte[] key) {
        KeyspaceEvents events = server.events;
        if (events.enabled(type)) {
            events.notify(type, event, key, id);
        }
    }

    // ------------------------------------------------------------------ expiry

    /** Sets the deadline of an existing key, in epoch milliseconds. */
    void setExpire(byte[] key, long whenMillis) {
        beforeChange(key);
        Dict.Entry e = keys.find(key);
        if (e == null) {
            throw new IllegalStateException("setExpire on a missing key");
        }
        expires.put(e.key, whenMillis); // share the keyspace's key bytes
    }

    /** The deadline of {@code key} in epoch milliseconds, or -1 when it has none. */
    long expireOf(byte[] key) {
        if (expires.isEmpty()) {
            return -1;
        }
        Object when = expires.get(key);
        return when == null ? -1 : (Long) when;
    }

    /** Drops the deadline of {@code key}; true if it had one. */
    boolean persist(byte[] key) {
        beforeChange(key);
        return !expires.isEmpty() && expires.remove(key) != null;
    }
}
