package dev.aioj.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * WATCH's bookkeeping (the second half of Redis's multi.c): for each database,
 * which clients watch which keys, so that a change to a key marks its
 * watchers' transactions as failed (EXEC then replies with a null array).
 *
 * <p>A key that had already expired when it was watched is remembered as
 * such: its deletion is no change (it was logically absent already), as in
 * Redis 7. A watched key that expires before EXEC fails the transaction.
 *
 * <p>{@link #touch} runs on every write; with nobody watching it is one map
 * emptiness check.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class Watches {

    /** One client watching one key of one database. */
    static final class WatchedKey {
        final Client client;
        final Database db;
        final Bytes key;
        /** The key had already expired when WATCH ran. */
        boolean expired;

        WatchedKey(Client client, Database db, Bytes key, boolean expired) {
            this.client = client;
            this.db = db;
            this.key = key;
            this.expired = expired;
        }
    }

    private final List<Map<Bytes, List<WatchedKey>>> byDb = new ArrayList<>();
    private int watchedKeys;

    Watches(int databases) {
        for (int i = 0; i < databases; i++) {
            byDb.add(new HashMap<>());
        }
    }

    /** Number of keys watched by at least one client (INFO's watching_clients relatives). */
    int watchedKeys() {
        return watchedKeys;
    }

    /** WATCH {@code key} in the client's current database. */
    void watch(Client client, byte[] key) {
        Database db = client.db;
        Bytes k = new Bytes(key);
        for (WatchedKey wk : client.watched) {
            if (wk.db == db && wk.key.equals(k)) {
                return;
            }
        }
        Map<Bytes, List<WatchedKey>> keys = byDb.get(db.id);
        List<WatchedKey> watchers = keys.get(k);
        if (watchers == null) {
            watchers = new ArrayList<>(2);
            keys.put(k, watchers);
            watchedKeys++;
        }
        WatchedKey wk = new WatchedKey(client, db, k, db.keys.contains(key) && db.isExpired(key));
        watchers.add(wk);
        client.watched.add(wk);
    }

    /** UNWATCH, EXEC, DISCARD, disconnect: forgets every key the client watches. */
    void unwatchAll(Client client) {
        if (client.watched.isEmpty()) {
            return;
        }
        for (WatchedKey wk : client.watched) {
            Map<Bytes, List<WatchedKey>> keys = byDb.get(wk.db.id);
            List<WatchedKey> watchers = keys.get(wk.key);
            if (watchers != null) {
                watchers.remove(wk);
                if (watchers.isEmpty()) {
                    keys.remove(wk.key);
                    watchedKeys--;
                }
            }
        }
        client.watched.clear();
    }

    /** {@code key} changed: its watchers' transactions will fail. */
    void touch(Database db, byte[] key) {
        if (watchedKeys == 0) {
            return;
        }
        Map<Bytes, List<WatchedKey>> keys = byDb.get(db.id);
        if (keys.isEmpty()) {
            return;
        }
        List<WatchedKey> watchers = keys.get(new Bytes(key));
        if (watchers == null) {
            return;
        }
        List<Client> dirty = new ArrayList<>();
        for (WatchedKey wk : watchers) {
            if (wk.expired && !db.keys.contains(key)) {
                wk.expired = false; // an expired key was deleted: logically no change
                continue;
            }
            dirty.add(wk.client);
        }
        for (Client c : dirty) {
            c.dirtyCas = true;
            unwatchAll(c); // nothing more to learn from its other keys
        }
    }

    /** FLUSHDB/FLUSHALL of {@code db}: watchers of keys that exist there see a change. */
    void touchAllExisting(Database db) {
        touchAllReplaced(db, null);
    }

    /**
     * The keyspace of {@code emptied} is about to be replaced by that of
     * {@code replacedWith} (SWAPDB), or by nothing (null: FLUSHDB): Redis's
     * touchAllWatchedKeysInDb. A watched key that exists on either side
     * changes, except that an expired key stays logically absent: deleting
     * it, or replacing it by another expired key, is no change, and a missing
     * key replaced by an expired one is remembered as expired.
     */
    void touchAllReplaced(Database emptied, Database replacedWith) {
        if (watchedKeys == 0) {
            return;
        }
        List<Client> dirty = new ArrayList<>();
        for (Map.Entry<Bytes, List<WatchedKey>> e : byDb.get(emptied.id).entrySet()) {
            byte[] key = e.getKey().bytes();
            boolean inEmptied = emptied.keys.contains(key);
            boolean inReplacement = replacedWith != null && replacedWith.keys.contains(key);
            if (!inEmptied && !inReplacement) {
                continue;
            }
            for (WatchedKey wk : e.getValue()) {
                if (wk.expired) {
                    if (!inReplacement) {
                        wk.expired = false; // an expired key deleted: no logical change
                        continue;
                    }
                    if (replacedWith.isExpired(key)) {
                        continue; // still expired
                    }
                } else if (!inEmptied && replacedWith.isExpired(key)) {
                    wk.expired = true; // absent, and replaced by an expired key
                    continue;
                }
                dirty.add(wk.client);
            }
        }
        for (Client c : dirty) {
            c.dirtyCas = true;
            unwatchAll(c);
        }
    }

    /** Whether a key the client watches, alive when watched, has expired since (EXEC then fails). */
    boolean anyExpiredSinceWatch(Client client) {
        for (WatchedKey wk : client.watched) {
            if (!wk.expired && wk.db.isExpired(wk.key.bytes())) {
                return true;
            }
        }
        return false;
    }
}
