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
 * BLPOP and BRPOP's waiting room (Redis's blocked.c for lists): which clients
 * wait on which keys, in the order they started waiting, and the keys that
 * got a list since the last command ran.
 *
 * <p>Fairness: each key has a FIFO of waiters; when a push makes a key ready,
 * {@link #serveReadyKeys} (run after every command, as Redis's
 * handleClientsBlockedOnKeys) pops one element for each waiter in turn, the
 * longest waiting first, until the list is empty or nobody waits. A client
 * waiting on several keys is served by the first of them to get data and
 * leaves every queue.
 *
 * <p>Timeouts are loop timers; a timed-out client gets the null array. A
 * served or timed-out client resumes its pipelined commands on the next loop
 * turn, so serving never re-enters command processing.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class BlockedClients {

    /** What a blocked client waits for. */
    static final class BlockState {
        final Database db;
        final Set<Bytes> keys;
        final boolean fromLeft;
        TimerHandle timer;

        BlockState(Database db, Set<Bytes> keys, boolean fromLeft) {
            this.db = db;
            this.keys = keys;
            this.fromLeft = fromLeft;
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

    /**
     * Makes {@code client} wait on {@code keys} of its current database.
     *
     * @param timeoutMillis 0 to wait forever
     */
    void block(Client client, byte[][] keys, boolean fromLeft, long timeoutMillis) {
        Set<Bytes> unique = new LinkedHashSet<>();
        for (byte[] k : keys) {
            unique.add(new Bytes(k));
        }
        BlockState state = new BlockState(client.db, unique, fromLeft);
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

    /** A list appeared under {@code key}: if anyone waits on it, serve them after this command. */
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
            ReadyKey rk = new ReadyKey(db, k);
            if (readySet.add(rk)) {
                ready.add(rk);
            }
        }
    }

    boolean hasReadyKeys() {
        return !ready.isEmpty();
    }

    /** Pops for waiting clients from the keys that got data, longest waiter first. */
    void serveReadyKeys() {
        while (!ready.isEmpty()) {
            List<ReadyKey> batch = ready;
            ready = new ArrayList<>();
            readySet.clear();
            for (ReadyKey rk : batch) {
                serve(rk.db(), rk.key());
            }
        }
    }

    private void serve(Database db, Bytes key) {
        Map<Bytes, ArrayDeque<Client>> waiters = waitersByDb.get(db.id);
        ArrayDeque<Client> queue = waiters.get(key);
        while (queue != null && !queue.isEmpty()) {
            if (!(db.lookup(key.bytes()) instanceof ListValue list) || list.isEmpty()) {
                return;
            }
            Client client = queue.peekFirst();
            boolean fromLeft = client.blocked.fromLeft;
            byte[] element = fromLeft ? list.popFirst() : list.popLast();
            ListCommands.removedElements(db, key.bytes(), list, fromLeft ? "lpop" : "rpop");
            unblock(client);
            ReplyWriter reply = client.reply;
            reply.array(2);
            reply.bulk(key.bytes());
            reply.bulk(element);
            client.resumeSoon();
            queue = waiters.get(key);
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
