package dev.aioj.server;

import dev.aioj.loop.TimerHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The waiting room of the blocking commands (Redis's blocked.c): which
 * clients wait on which keys, in the order they started waiting, what each
 * waits for (a list: BLPOP, BRPOP, BLMOVE, BLMPOP; a sorted set: BZPOPMIN,
 * BZPOPMAX, BZMPOP; a stream: XREAD, XREADGROUP), and the keys that got such
 * a value since the last command ran.
 *
 * <p>Fairness, as Redis's handleClientsBlockedOnKeys: each key has a FIFO of
 * waiters; after every command (or {@code EXEC}) {@link #serveReadyKeys} runs
 * each ready key's waiters of the value's kind in turn, the longest waiting
 * first, each popping what its command pops, until the value is gone or
 * nobody of that kind waits. Waiters of the other kind stay. A client waiting
 * on several keys is served by the first of them to get data and leaves every
 * queue. A served command may make another key ready (BLMOVE pushes): that key
 * is served in the next round of the same call.
 *
 * <p>A key is ready when a value of a kind someone can wait for is added under
 * it ({@link Database#add}), and after SWAPDB for every waited-on key that
 * exists ({@link #signalExistingKeys}), as in Redis. Overwriting an existing
 * key does not make it ready (Redis's dbOverwrite).
 *
 * <p>Streams differ (Redis's serveClientsBlockedOnStreamKey): serving takes
 * nothing away, every stream waiter with something past its ID is answered
 * ({@link StreamWaiter}), the others wait on. A stream key is also ready after
 * XADD, XGROUP DESTROY (group readers get NOGROUP), and when a stream leaves
 * the key (deleted, expired, overwritten, flushed, swapped away: group
 * readers get UNBLOCKED, {@link #signalDeletedStreams}).
 *
 * <p>Timeouts are loop timers; a timed-out client gets the null array. A
 * served or timed-out client resumes its pipelined commands on the next loop
 * turn, so serving never re-enters command processing.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class BlockedClients {

    /** The kind of value a blocked client waits for (Redis's BLOCKED_LIST, BLOCKED_ZSET, BLOCKED_STREAM). */
    enum Kind { LIST, ZSET, STREAM }

    /**
     * A client blocked on streams (XREAD, XREADGROUP), which, unlike a pop,
     * may find nothing for it when its key is signalled: it waits past an ID.
     */
    interface StreamWaiter {
        /**
         * Replies to {@code client} from the stream {@code s} at {@code key}
         * if there is something past its ID (or its group is gone); true if
         * it replied, and is to be unblocked.
         */
        boolean tryServe(Client client, byte[] key, StreamValue s);

        /** Whether it reads through a consumer group (and so depends on the key's existence). */
        boolean readsGroup();
    }

    /**
     * What a blocked client's command does once a key it waits on holds a
     * non-empty value of its kind: pop, push, reply, all as the client
     * (its database, its protocol). The client is unblocked right after.
     */
    @FunctionalInterface
    interface Serve {
        void serve(Client client, byte[] key);
    }

    /** What a blocked client waits for. */
    static final class BlockState {
        final Database db;
        final Set<Bytes> keys;
        final Kind kind;
        final Serve serve;
        final StreamWaiter streams;
        TimerHandle timer;

        BlockState(Database db, Set<Bytes> keys, Kind kind, Serve serve, StreamWaiter streams) {
            this.db = db;
            this.keys = keys;
            this.kind = kind;
            this.serve = serve;
            this.streams = streams;
        }
    }

    private record ReadyKey(Database db, Bytes key) {}

    private final ServerState server;
    private final List<Map<Bytes, ArrayDeque<Client>>> waitersByDb = new ArrayList<>();
    private List<ReadyKey> ready = new ArrayList<>();
    private final Set<ReadyKey> readySet = new HashSet<>();
    private int blockedClients;

    BlockedClients(ServerState server, int databases) {
        this.server = server;
        for (int i = 0; i < databases; i++) {
            waitersByDb.add(new HashMap<>());
        }
    }

    /** Clients blocked right now (INFO's blocked_clients). */
    int count() {
        return blockedClients;
    }

    /** The kind of waiter {@code value} can serve, or null for a value nobody waits for. */
    static Kind kindOf(Object value) {
        if (value instanceof ListValue) {
            return Kind.LIST;
        }
        if (value instanceof SortedSet) {
            return Kind.ZSET;
        }
        if (value instanceof StreamValue) {
            return Kind.STREAM;
        }
        return null;
    }

    /**
     * Makes {@code client} wait on {@code keys} of its current database for a
     * value of {@code kind}; {@code serve} runs when one arrives.
     *
     * @param timeoutMillis 0 to wait forever
     */
    void block(Client client, byte[][] keys, Kind kind, Serve serve, long timeoutMillis) {
        block(client, keys, kind, serve, null, timeoutMillis);
    }

    /** Makes {@code client} wait on streams at {@code keys} (XREAD, XREADGROUP with BLOCK). */
    void blockOnStreams(Client client, byte[][] keys, StreamWaiter waiter, long timeoutMillis) {
        block(client, keys, Kind.STREAM, null, waiter, timeoutMillis);
    }

    private void block(Client client, byte[][] keys, Kind kind, Serve serve, StreamWaiter streams,
            long timeoutMillis) {
        Set<Bytes> unique = new LinkedHashSet<>();
        for (byte[] k : keys) {
            unique.add(new Bytes(k));
        }
        BlockState state = new BlockState(client.db, unique, kind, serve, streams);
        Map<Bytes, ArrayDeque<Client>> waiters = waitersByDb.get(client.db.id);
        for (Bytes k : unique) {
            waiters.computeIfAbsent(k, x -> new ArrayDeque<>()).add(client);
        }
        if (timeoutMillis > 0) {
            state.timer = server.loop.callLater(Duration.ofMillis(timeoutMillis), () -> timedOut(client, state));
        }
        client.blocked = state;
        blockedClients++;
    }

    /** Takes {@code client} out of every queue and cancels its timeout; no reply. */
    void unblock(Client client) {
        BlockState state = client.blocked;
        if (state == null) {
            return;
        }
        client.blocked = null;
        blockedClients--;
        if (state.timer != null) {
            state.timer.cancel();
        }
        Map<Bytes, ArrayDeque<Client>> waiters = waitersByDb.get(state.db.id);
        for (Bytes k : state.keys) {
            ArrayDeque<Client> queue = waiters.get(k);
            if (queue != null) {
                queue.remove(client);
                if (queue.isEmpty()) {
                    waiters.remove(k);
                }
            }
        }
    }

    /**
     * {@code key} may serve its waiters (Redis's signalKeyAsReady): a value of
     * a kind someone waits for was added under it. If anyone waits on it,
     * they are served after this command. {@link Database#add} calls it for
     * lists and sorted sets.
     */
    void keyAdded(Database db, byte[] key) {
        if (blockedClients == 0) {
            return;
        }
        Map<Bytes, ArrayDeque<Client>> waiters = waitersByDb.get(db.id);
        if (waiters.isEmpty()) {
            return;
        }
        Bytes k = new Bytes(key);
        if (waiters.containsKey(k)) {
            markReady(db, k);
        }
    }

    /**
     * Every key of {@code db} someone waits on that holds a stream which
     * {@code replacedWith} (null: nothing) does not (Redis's
     * scanDatabaseForDeletedStreams, before FLUSHDB, FLUSHALL, SWAPDB): group
     * readers blocked there are told the key is gone.
     */
    void signalDeletedStreams(Database db, Database replacedWith) {
        if (blockedClients == 0) {
            return;
        }
        for (Bytes k : waitersByDb.get(db.id).keySet()) {
            boolean wasStream = db.keys.get(k.bytes()) instanceof StreamValue;
            boolean isStream = replacedWith != null && replacedWith.keys.get(k.bytes()) instanceof StreamValue;
            if (wasStream && !isStream) {
                markReady(db, k);
            }
        }
    }

    /**
     * After SWAPDB (Redis's scanDatabaseForReadyKeys): every key of {@code db}
     * someone waits on that now holds a value of a waitable kind is ready.
     */
    void signalExistingKeys(Database db) {
        if (blockedClients == 0) {
            return;
        }
        for (Bytes k : waitersByDb.get(db.id).keySet()) {
            if (kindOf(db.keys.get(k.bytes())) != null) {
                markReady(db, k);
            }
        }
    }

    private void markReady(Database db, Bytes key) {
        ReadyKey rk = new ReadyKey(db, key);
        if (readySet.add(rk)) {
            ready.add(rk);
        }
    }

    boolean hasReadyKeys() {
        return !ready.isEmpty();
    }

    /** Serves waiting clients from the keys that got data, longest waiter first. */
    void serveReadyKeys() {
        while (!ready.isEmpty()) {
            List<ReadyKey> batch = ready;
            ready = new ArrayList<>();
            for (ReadyKey rk : batch) {
                readySet.remove(rk);
                serve(rk.db(), rk.key());
            }
        }
    }

    private void serve(Database db, Bytes key) {
        ArrayDeque<Client> queue = waitersByDb.get(db.id).get(key);
        if (queue == null) {
            return;
        }
        Object value = db.lookup(key.bytes());
        Kind kind = kindOf(value);
        if (kind == Kind.STREAM) {
            serveStream(queue, key, (StreamValue) value);
            return;
        }
        if (kind != null) {
            servePops(db, queue, key, kind);
        }
        unblockGroupReaders(queue, key);
    }

    private void servePops(Database db, ArrayDeque<Client> queue, Bytes key, Kind kind) {
        for (Client client : queue.toArray(new Client[0])) {
            BlockState state = client.blocked;
            if (state == null || state.kind != kind || !state.keys.contains(key)) {
                continue; // waits for another kind, or was served meanwhile
            }
            if (kindOf(db.lookup(key.bytes())) != kind) {
                return; // emptied (and deleted) by the waiters before
            }
            state.serve.serve(client, key.bytes());
            unblock(client);
            client.resumeSoon();
        }
    }

    /** Redis's serveClientsBlockedOnStreamKey: every stream waiter with something past its ID. */
    private void serveStream(ArrayDeque<Client> queue, Bytes key, StreamValue s) {
        for (Client client : queue.toArray(new Client[0])) {
            BlockState state = client.blocked;
            if (state == null || state.kind != Kind.STREAM || !state.keys.contains(key)) {
                continue;
            }
            if (state.streams.tryServe(client, key.bytes(), s)) {
                unblock(client);
                client.resumeSoon();
            }
        }
    }

    /** Redis's unblockDeletedStreamReadgroupClients: the key no longer holds a stream. */
    private void unblockGroupReaders(ArrayDeque<Client> queue, Bytes key) {
        for (Client client : queue.toArray(new Client[0])) {
            BlockState state = client.blocked;
            if (state == null || state.kind != Kind.STREAM || !state.streams.readsGroup()
                    || !state.keys.contains(key)) {
                continue;
            }
            client.reply.error("UNBLOCKED the stream key no longer exists");
            unblock(client);
            client.resumeSoon();
        }
    }

    private void timedOut(Client client, BlockState state) {
        if (client.blocked != state) {
            return;
        }
        unblock(client);
        client.reply.nullArray();
        client.resumeSoon();
    }
}
