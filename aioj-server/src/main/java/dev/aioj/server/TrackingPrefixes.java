package dev.aioj.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * BCAST mode of Redis's tracking.c: the PrefixTable (each prefix, its
 * clients, and the keys changed under it since the last broadcast), the
 * broadcast itself, once per loop iteration as Redis's beforeSleep does
 * (trackingBroadcastInvalidationMessages), and the check that a client's
 * prefixes do not overlap (checkPrefixCollisionsOrReply). Owned by {@link
 * Tracking}.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class TrackingPrefixes {

    /** One BCAST prefix: its clients and the keys changed under it since the last broadcast. */
    private static final class Prefix {
        final Set<Client> clients = new LinkedHashSet<>();
        /** Changed key → the client that changed it last (null: the server, e.g. expiry). */
        final TreeMap<Bytes, Client> changed = new TreeMap<>(Tracking.ORDER);
    }

    private final ServerState server;
    private final TrackingMessages messages;
    /** Redis's PrefixTable. */
    private final TreeMap<Bytes, Prefix> prefixes = new TreeMap<>(Tracking.ORDER);
    private boolean broadcastScheduled;

    TrackingPrefixes(ServerState server, TrackingMessages messages) {
        this.server = server;
        this.messages = messages;
    }

    int size() {
        return prefixes.size();
    }

    boolean isEmpty() {
        return prefixes.isEmpty();
    }

    /** {@code c} (tracking state {@code t}) follows keys under {@code p}. */
    void add(Client c, Tracking.ClientState t, byte[] p) {
        Bytes key = new Bytes(p);
        prefixes.computeIfAbsent(key, k -> new Prefix()).clients.add(c);
        t.prefixes.add(key);
    }

    /** {@code c} stops following its prefixes; a prefix no client follows goes. */
    void removeAll(Client c, Tracking.ClientState t) {
        for (Bytes p : t.prefixes) {
            Prefix prefix = prefixes.get(p);
            if (prefix != null) {
                prefix.clients.remove(c);
                if (prefix.clients.isEmpty()) {
                    prefixes.remove(p);
                }
            }
        }
        t.prefixes.clear();
    }

    /** {@code key} changed, by {@code by} (null: the server): noted under each of its prefixes for the broadcast. */
    void changed(byte[] key, Client by) {
        Bytes k = null;
        for (Map.Entry<Bytes, Prefix> e : prefixes.entrySet()) {
            byte[] p = e.getKey().bytes();
            if (p.length > key.length || !Arrays.equals(p, 0, p.length, key, 0, p.length)) {
                continue;
            }
            if (k == null) {
                k = new Bytes(key);
            }
            e.getValue().changed.put(k, by);
        }
        if (k != null && !broadcastScheduled) {
            broadcastScheduled = true;
            server.loop.execute(this::broadcast); // Redis broadcasts in beforeSleep, once per iteration
        }
    }

    /** Redis's trackingBroadcastInvalidationMessages. */
    private void broadcast() {
        broadcastScheduled = false;
        for (Prefix p : new ArrayList<>(prefixes.values())) {
            if (p.changed.isEmpty()) {
                continue;
            }
            byte[] all = TrackingMessages.keyArray(p.changed.keySet().stream().map(Bytes::bytes).toList());
            for (Client c : new ArrayList<>(p.clients)) {
                if (c.tracking != null && c.tracking.noloop) {
                    List<byte[]> others = new ArrayList<>();
                    for (Map.Entry<Bytes, Client> e : p.changed.entrySet()) {
                        if (e.getValue() != c) {
                            others.add(e.getKey().bytes());
                        }
                    }
                    if (!others.isEmpty()) {
                        messages.send(c, TrackingMessages.keyArray(others), false);
                    }
                } else {
                    messages.send(c, all, false);
                }
            }
            p.changed.clear();
        }
    }

    /**
     * Redis's checkPrefixCollisionsOrReply: null if {@code newPrefixes} overlap
     * neither each other nor the client's prefixes, else the error. (Redis
     * 7.0 answers an overlap between two new prefixes other than the first
     * with the error and then goes on: {@code overlapGoesOn} says so.)
     */
    static String prefixCollision(Tracking.ClientState t, List<byte[]> newPrefixes, boolean[] overlapGoesOn) {
        for (int i = 0; i < newPrefixes.size(); i++) {
            byte[] p = newPrefixes.get(i);
            if (t != null) {
                for (Bytes existing : t.prefixes) {
                    if (overlaps(existing.bytes(), p)) {
                        return "ERR Prefix '" + latin1(p) + "' overlaps with an existing prefix '"
                                + latin1(existing.bytes()) + "'. Prefixes for a single client must not overlap.";
                    }
                }
            }
            for (int j = i + 1; j < newPrefixes.size(); j++) {
                if (overlaps(p, newPrefixes.get(j))) {
                    overlapGoesOn[0] = i != 0;
                    return "ERR Prefix '" + latin1(p) + "' overlaps with another provided prefix '"
                            + latin1(newPrefixes.get(j)) + "'. Prefixes for a single client must not overlap.";
                }
            }
        }
        return null;
    }

    /** Redis's stringCheckPrefix: one is a prefix of the other. */
    private static boolean overlaps(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        return Arrays.equals(a, 0, n, b, 0, n);
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
