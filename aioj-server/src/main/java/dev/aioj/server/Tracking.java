package dev.aioj.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Client-side caching support, Redis 7.0's tracking.c: which clients read
 * which keys (the tracking table), the BCAST prefixes, and the invalidation
 * messages a change to a key sends them.
 *
 * <p>Default mode: after a read-only command of a tracking client, its keys
 * are remembered with the client's id ({@link #remember}); the first change
 * to such a key ({@link Database#signalModified}) sends {@code invalidate}
 * to each of them and forgets the key. The table is one for all databases,
 * keyed by name, as in Redis. BCAST mode ({@link TrackingPrefixes}): every
 * change to a key under a prefix is collected and broadcast to the prefix's
 * clients once per loop iteration (Redis's beforeSleep). FLUSHDB and FLUSHALL
 * send a null key list to every tracking client and empty the table.
 *
 * <p>Where a message goes and in which shape (RESP3 push, REDIRECT, the
 * {@code __redis__:invalidate} channel): {@link TrackingMessages}. Messages
 * for the client whose command is running are held until its reply is
 * written (Redis's tracking_pending_keys), so they never split a reply.
 *
 * <p>{@code tracking-table-max-keys}: before each command, keys beyond the
 * limit are invalidated (oldest tracked first; Redis walks the table at
 * random), with Redis's growing effort when one pass is not enough.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class Tracking {

    /** The per-client part: Redis's CLIENT_TRACKING* flags, redirection and prefixes. */
    static final class ClientState {
        boolean on;
        boolean bcast;
        boolean optin;
        boolean optout;
        boolean noloop;
        /** CLIENT CACHING yes (OPTIN) or no (OPTOUT) for the next command. */
        boolean caching;
        boolean brokenRedirect;
        long redirect;
        /** BCAST prefixes, in Redis's (byte) order. */
        final TreeSet<Bytes> prefixes = new TreeSet<>(ORDER);
    }

    /** Redis's rax order: unsigned bytes, a prefix before its extensions. */
    static final Comparator<Bytes> ORDER = (a, b) -> Arrays.compareUnsigned(a.bytes(), b.bytes());

    /** Marks a flush in {@link #pending}. */
    private static final byte[] FLUSH = new byte[0];

    private final ServerState server;
    private final TrackingMessages messages;
    /** BCAST: Redis's PrefixTable and its broadcasts. */
    private final TrackingPrefixes prefixes;
    /** Redis's TrackingTable: key → ids of the clients that may cache it, oldest key first. */
    private final LinkedHashMap<Bytes, Set<Long>> table = new LinkedHashMap<>();
    /** Redis's TrackingTableTotalItems: the sum of the id sets' sizes. */
    private long items;
    /** Clients with tracking on (INFO's tracking_clients). */
    private int clients;
    /** Redis's tracking_table_max_keys; 0: no limit. */
    long maxKeys = 1_000_000;
    /** Passes of {@link #limit} that could not get under the limit in a row (Redis's timeout_counter). */
    private int limitPasses;

    /** The client whose input is being processed (Redis's server.current_client), or null. */
    private Client current;
    /** The client running the innermost command (the script client inside a script), or null. */
    private Client executing;
    private int depth;
    /** Invalidations for {@link #current} while its command runs: keys, or {@link #FLUSH}. */
    private final List<byte[]> pending = new ArrayList<>();

    Tracking(ServerState server) {
        this.server = server;
        this.messages = new TrackingMessages(server);
        this.prefixes = new TrackingPrefixes(server, messages);
    }

    int clients() {
        return clients;
    }

    int totalKeys() {
        return table.size();
    }

    long totalItems() {
        return items;
    }

    int totalPrefixes() {
        return prefixes.size();
    }

    // ------------------------------------------------------------------ the dispatcher's calls

    /** {@code c}'s input is being processed (null: done). */
    void current(Client c) {
        current = c;
    }

    /** A command of {@code c} starts (maybe nested: EXEC, scripts); returns what {@link #leave} restores. */
    Client enter(Client c) {
        Client outer = executing;
        executing = c;
        depth++;
        return outer;
    }

    /**
     * The command started by {@link #enter} ended: a read-only one leaves its
     * keys remembered for the tracking client; the outermost one sends what
     * was held for the current client, after its reply.
     */
    void leave(Client outer, Command cmd, byte[][] argv) {
        if (clients > 0 && cmd.has(Command.READONLY)) {
            Client caller = current != null ? current : executing;
            ClientState t = caller == null ? null : caller.tracking;
            if (t != null && t.on && !t.bcast && !isReadOnlyScript(cmd)) {
                remember(caller, t, cmd, argv);
            }
        }
        executing = outer;
        if (--depth == 0 && !pending.isEmpty()) {
            sendPending();
        }
    }

    private static boolean isReadOnlyScript(Command cmd) {
        String n = cmd.name();
        return n.equals("eval_ro") || n.equals("evalsha_ro") || n.equals("fcall_ro");
    }

    /** After each command: CLIENT CACHING lasts one command (or a transaction), as Redis's resetClient. */
    static void afterCommand(Client c, boolean wasClientCommand) {
        ClientState t = c.tracking;
        if (t != null && t.caching && !c.inMulti() && !wasClientCommand) {
            t.caching = false;
        }
    }

    // ------------------------------------------------------------------ CLIENT TRACKING

    /** Redis's enableTracking: the options are already checked. */
    void enable(Client c, long redirect, boolean bcast, boolean optin, boolean optout, boolean noloop,
            List<byte[]> newPrefixes) {
        ClientState t = c.tracking;
        if (t == null) {
            t = c.tracking = new ClientState();
        }
        if (!t.on) {
            clients++;
        }
        t.on = true;
        t.brokenRedirect = false;
        t.bcast = bcast;
        t.optin = optin;
        t.optout = optout;
        t.noloop = noloop;
        t.redirect = redirect;
        if (bcast) {
            if (newPrefixes.isEmpty()) {
                prefixes.add(c, t, new byte[0]);
            }
            for (byte[] p : newPrefixes) {
                prefixes.add(c, t, p);
            }
        }
    }

    /** Redis's disableTracking (CLIENT TRACKING off, RESET, disconnect). The client's ids stay in the table. */
    void disable(Client c) {
        ClientState t = c.tracking;
        if (t == null) {
            return;
        }
        if (t.bcast) {
            prefixes.removeAll(c, t);
        }
        if (t.on) {
            clients--;
            t.on = false;
            t.brokenRedirect = false;
            t.bcast = false;
            t.optin = false;
            t.optout = false;
            t.caching = false;
            t.noloop = false;
        }
    }

    // ------------------------------------------------------------------ remembering reads

    private void remember(Client caller, ClientState t, Command cmd, byte[][] argv) {
        if ((t.optin && !t.caching) || (t.optout && t.caching)) {
            return;
        }
        if (cmd.firstKey() > 0) {
            int last = cmd.lastKey() < 0 ? argv.length + cmd.lastKey() : cmd.lastKey();
            for (int j = cmd.firstKey(); j <= last && j < argv.length; j += Math.max(1, cmd.step())) {
                remember(caller.id, argv[j]);
            }
            return;
        }
        CommandDocs.Doc doc = CommandDescription.docOf(cmd);
        if (doc == null || !KeySpecs.hasKeys(doc) || cmd.has(Command.PUBSUB)) {
            return;
        }
        List<KeySpecs.Key> keys = KeySpecs.find(doc, argv);
        if (keys != null) {
            for (KeySpecs.Key k : keys) {
                remember(caller.id, argv[k.position()]);
            }
        }
    }

    private void remember(long id, byte[] key) {
        Set<Long> ids = table.computeIfAbsent(new Bytes(key), k -> new LinkedHashSet<>(2));
        if (ids.add(id)) {
            items++;
        }
    }

    // ------------------------------------------------------------------ invalidation

    /** {@code key} changed by the running command (Redis's signalModifiedKey). */
    void keyChanged(byte[] key) {
        invalidate(key, executing, true);
    }

    /**
     * {@code key} changed (Redis's trackingInvalidateKey from
     * signalModifiedKey), by {@code by} (null: the server itself, an expiry).
     */
    void invalidate(byte[] key, Client by, boolean bcast) {
        if (bcast && !prefixes.isEmpty()) {
            prefixes.changed(key, by);
        }
        if (table.isEmpty()) {
            return;
        }
        Set<Long> ids = table.remove(new Bytes(key));
        if (ids == null) {
            return;
        }
        items -= ids.size();
        for (long id : ids) {
            Client target = server.clients.get(id);
            if (target == null || target.tracking == null || !target.tracking.on || target.tracking.bcast) {
                continue;
            }
            if (target.tracking.noloop && target == current) {
                continue;
            }
            if (target == current && depth > 0) {
                pending.add(key);
            } else {
                messages.send(target, TrackingMessages.keyArray(List.of(key)), false);
            }
        }
    }

    /** FLUSHDB, FLUSHALL: every tracking client is told to drop everything; the table empties. */
    void flushed() {
        if (clients > 0) {
            for (Client c : new ArrayList<>(server.clients.values())) {
                if (c.tracking != null && c.tracking.on) {
                    if (c == current && depth > 0) {
                        pending.add(FLUSH);
                    } else {
                        messages.send(c, null, true);
                    }
                }
            }
        }
        table.clear();
        items = 0;
    }

    private void sendPending() {
        Client c = current;
        List<byte[]> keys = new ArrayList<>(pending);
        pending.clear();
        if (c == null) {
            return;
        }
        for (byte[] key : keys) {
            if (key == FLUSH) {
                messages.send(c, null, true);
            } else {
                messages.send(c, TrackingMessages.keyArray(List.of(key)), false);
            }
        }
    }

    // ------------------------------------------------------------------ the table's limit

    /** Redis's trackingLimitUsedSlots, before each command while some client tracks. */
    void limit() {
        if (clients == 0 || maxKeys == 0 || table.size() <= maxKeys) {
            limitPasses = 0;
            return;
        }
        int effort = 100 * (limitPasses + 1);
        Iterator<Bytes> it = table.keySet().iterator();
        while (effort-- > 0 && it.hasNext()) {
            byte[] key = it.next().bytes();
            invalidate(key, null, false);
            it = table.keySet().iterator(); // invalidate removed the entry
            if (table.size() <= maxKeys) {
                limitPasses = 0;
                return;
            }
        }
        limitPasses++;
    }
}
