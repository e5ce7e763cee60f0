package dev.aioj.server;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stream (Redis's {@code stream}, t_stream.c): entries in ID order, split
 * in nodes as Redis splits them in listpacks ({@link StreamNode}), the
 * stream's counters (last generated ID, entries ever added, the largest
 * deleted ID, the first entry's ID as recorded) and its consumer groups
 * ({@link StreamGroup}).
 *
 * <p>Reading a stream whole (for a snapshot): {@link #forEach} visits the
 * live entries in order, {@link #groups()} the groups with their PELs and
 * consumers, and the counters have accessors. Rebuilding one: {@link
 * #appendLoaded} each entry in order, then {@link #restoreCounters}, then
 * {@link #createGroup} and each group's {@link StreamGroup#createConsumer}
 * and {@link StreamGroup#addPending}.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class StreamValue implements Value {

    /** Redis's STREAM_LISTPACK_MAX_SIZE: a node never grows past 1 GiB. */
    static final long LISTPACK_MAX_SIZE = 1L << 30;

    /** Receives entries: return false to stop. */
    @FunctionalInterface
    interface Visitor {
        boolean visit(long ms, long seq, byte[][] fieldsValues);
    }

    private final EncodingLimits limits;
    /** By master ID, as Redis's radix tree keys them. */
    private final TreeMap<StreamId, StreamNode> nodes = new TreeMap<>();
    private StreamNode tail;
    long length;
    StreamId lastId = StreamId.MIN;
    StreamId firstId = StreamId.MIN;
    StreamId maxDeletedId = StreamId.MIN;
    long entriesAdded;
    private TreeMap<byte[], StreamGroup> groups;

    StreamValue(EncodingLimits limits) {
        this.limits = limits;
    }

    @Override
    public String type() {
        return "stream";
    }

    @Override
    public String encoding() {
        return "stream";
    }

    // ------------------------------------------------------------------ read accessors

    long length() {
        return length;
    }

    /** The last ID generated (XADD) or set (XSETID). */
    StreamId lastId() {
        return lastId;
    }

    /** Redis's recorded first entry ID (0-0 when empty). */
    StreamId firstId() {
        return firstId;
    }

    StreamId maxDeletedId() {
        return maxDeletedId;
    }

    long entriesAdded() {
        return entriesAdded;
    }

    /** Nodes (Redis's radix-tree-keys). */
    int nodeCount() {
        return nodes.size();
    }

    /** The consumer groups, by name. */
    Collection<StreamGroup> groups() {
        return groups == null ? java.util.List.of() : Collections.unmodifiableCollection(groups.values());
    }

    int groupCount() {
        return groups == null ? 0 : groups.size();
    }

    StreamGroup group(byte[] name) {
        return groups == null ? null : groups.get(name);
    }

    /** Visits every live entry in ID order (for a snapshot). */
    void forEach(Visitor v) {
        range(StreamId.MIN, StreamId.MAX, false, v);
    }

    // ------------------------------------------------------------------ changes

    /** Adds a group; null if one of that name exists (Redis's streamCreateCG). */
    StreamGroup createGroup(byte[] name, StreamId lastDelivered, long entriesRead) {
        if (groups == null) {
            groups = new TreeMap<>(Arrays::compareUnsigned);
        }
        if (groups.containsKey(name)) {
            return null;
        }
        StreamGroup g = new StreamGroup(name, lastDelivered, entriesRead);
        groups.put(name, g);
        return g;
    }

    boolean destroyGroup(byte[] name) {
        return groups != null && groups.remove(name) != null;
    }

    /** Sets the counters a snapshot keeps (after {@link #appendLoaded}ing the entries). */
    void restoreCounters(StreamId lastId, StreamId firstId, StreamId maxDeletedId, long entriesAdded) {
        this.lastId = lastId;
        this.firstId = firstId;
        this.maxDeletedId = maxDeletedId;
        this.entriesAdded = entriesAdded;
    }

    /** Appends an entry read from a snapshot: as XADD with that ID, without the ID check. */
    void appendLoaded(StreamId id, byte[][] fieldsValues) {
        appendNode(id.ms(), id.seq(), fieldsValues);
        length++;
        lastId = id;
        if (length == 1) {
            firstId = id;
        }
    }

    /**
     * Redis's streamAppendItem once the ID is known to be above {@link
     * #lastId}: into the tail node, or a new one when the tail is full by the
     * node limits.
     */
    void append(StreamId id, byte[][] fieldsValues) {
        appendNode(id.ms(), id.seq(), fieldsValues);
        length++;
        entriesAdded++;
        lastId = id;
        if (length == 1) {
            firstId = id;
        }
    }

    /** The sum of the lengths of {@code fieldsValues}, as Redis's XADD checks it against {@link #LISTPACK_MAX_SIZE}. */
    static long totalLength(byte[][] fieldsValues) {
        long total = 0;
        for (byte[] b : fieldsValues) {
            total += b.length;
        }
        return total;
    }

    private void appendNode(long ms, long seq, byte[][] fv) {
        StreamNode node = tail;
        if (node != null) {
            long maxBytes = limits.streamNodeMaxBytes;
            if (maxBytes == 0 || maxBytes > LISTPACK_MAX_SIZE) {
                maxBytes = LISTPACK_MAX_SIZE;
            }
            if (node.bytes() + totalLength(fv) >= maxBytes) {
                node = null;
            } else if (limits.streamNodeMaxEntries != 0 && node.physicalSize() >= limits.streamNodeMaxEntries) {
                node = null;
            }
        }
        if (node == null) {
            long entries = limits.streamNodeMaxEntries;
            node = new StreamNode(ms, seq, fv, entries > 0 && entries <= 1024 ? (int) entries : 16);
            nodes.put(new StreamId(ms, seq), node);
            tail = node;
        }
        node.append(ms, seq, fv);
    }

    /** Whether a live entry has this ID (Redis's streamEntryExists). */
    boolean exists(StreamId id) {
        Map.Entry<StreamId, StreamNode> e = nodes.floorEntry(id);
        if (e == null) {
            return false;
        }
        StreamNode n = e.getValue();
        int i = n.lowerBound(id.ms(), id.seq());
        return i < n.size && n.ms[i] == id.ms() && n.seq[i] == id.seq() && !n.isDeleted(i);
    }

    /** The fields and values of a live entry, or null. */
    byte[][] get(StreamId id) {
        Map.Entry<StreamId, StreamNode> e = nodes.floorEntry(id);
        if (e == null) {
            return null;
        }
        StreamNode n = e.getValue();
        int i = n.lowerBound(id.ms(), id.seq());
        if (i < n.size && n.ms[i] == id.ms() && n.seq[i] == id.seq() && !n.isDeleted(i)) {
            return n.fieldsValues[i];
        }
        return null;
    }

    /** Deletes a live entry (Redis's streamDeleteItem); the node goes when its last live entry does. */
    boolean delete(StreamId id) {
        Map.Entry<StreamId, StreamNode> e = nodes.floorEntry(id);
        if (e == null) {
            return false;
        }
        StreamNode n = e.getValue();
        int i = n.lowerBound(id.ms(), id.seq());
        if (i >= n.size || n.ms[i] != id.ms() || n.seq[i] != id.seq() || n.isDeleted(i)) {
            return false;
        }
        if (n.live == 1) {
            removeNode(e.getKey(), n);
        } else {
            n.markDeleted(i);
        }
        length--;
        return true;
    }

    private void removeNode(StreamId key, StreamNode n) {
        nodes.remove(key);
        if (tail == n) {
            Map.Entry<StreamId, StreamNode> last = nodes.lastEntry();
            tail = last == null ? null : last.getValue();
        }
    }

    /** The first (or last) live entry's ID, or null when empty (streamGetEdgeID skipping tombstones). */
    StreamId edgeId(boolean first) {
        StreamId[] found = new StreamId[1];
        range(StreamId.MIN, StreamId.MAX, !first, (ms, seq, fv) -> {
            found[0] = new StreamId(ms, seq);
            return false;
        });
        return found[0];
    }

    /**
     * Visits the live entries with IDs in [start, end], ascending or (with
     * {@code rev}) descending, until the visitor returns false.
     */
    void range(StreamId start, StreamId end, boolean rev, Visitor v) {
        if (start.compareTo(end) > 0 || nodes.isEmpty()) {
            return;
        }
        if (!rev) {
            StreamId from = nodes.floorKey(start);
            Iterator<StreamNode> it = (from == null ? nodes : nodes.tailMap(from, true)).values().iterator();
            boolean firstNode = true;
            while (it.hasNext()) {
                StreamNode n = it.next();
                if (StreamId.compare(n.masterMs, n.masterSeq, end.ms(), end.seq()) > 0) {
                    return;
                }
                int i = firstNode ? n.lowerBound(start.ms(), start.seq()) : 0;
                firstNode = false;
                for (; i < n.size; i++) {
                    if (StreamId.compare(n.ms[i], n.seq[i], end.ms(), end.seq()) > 0) {
                        return;
                    }
                    if (!n.isDeleted(i) && !v.visit(n.ms[i], n.seq[i], n.fieldsValues[i])) {
                        return;
                    }
                }
            }
        } else {
            StreamId from = nodes.floorKey(end);
            if (from == null) {
                return;
            }
            Iterator<StreamNode> it = nodes.headMap(from, true).descendingMap().values().iterator();
            boolean firstNode = true;
            while (it.hasNext()) {
                StreamNode n = it.next();
                int i;
                if (firstNode) {
                    i = n.lowerBound(end.ms(), end.seq());
                    if (i < n.size && n.ms[i] == end.ms() && n.seq[i] == end.seq()) {
                        i++;
                    }
                    i--;
                    firstNode = false;
                } else {
                    i = n.size - 1;
                }
                for (; i >= 0; i--) {
                    if (StreamId.compare(n.ms[i], n.seq[i], start.ms(), start.seq()) < 0) {
                        return;
                    }
                    if (!n.isDeleted(i) && !v.visit(n.ms[i], n.seq[i], n.fieldsValues[i])) {
                        return;
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ trimming

    /**
     * Redis's streamTrim: by length ({@code minId} null) or by minimum ID;
     * approximate trims remove whole nodes only; {@code limit} (0: none)
     * bounds the entries removed. Returns how many were removed.
     */
    long trim(long maxLen, StreamId minId, boolean approx, long limit) {
        long deleted = 0;
        Iterator<Map.Entry<StreamId, StreamNode>> it = nodes.entrySet().iterator();
        while (it.hasNext()) {
            if (minId == null && length <= maxLen) {
                break;
            }
            Map.Entry<StreamId, StreamNode> e = it.next();
            StreamNode n = e.getValue();
            long entries = n.live;
            if (limit != 0 && deleted + entries > limit) {
                break;
            }
            boolean removeNode = minId == null ? length - entries >= maxLen
                    : n.lastPhysicalId().compareTo(minId) < 0;
            if (removeNode) {
                it.remove();
                if (tail == n) {
                    tail = null;
                }
                length -= entries;
                deleted += entries;
                continue;
            }
            if (approx) {
                break;
            }
            for (int i = 0; i < n.size; i++) {
                boolean stop = minId == null ? length <= maxLen
                        : StreamId.compare(n.ms[i], n.seq[i], minId.ms(), minId.seq()) >= 0;
                if (stop) {
                    break;
                }
                if (!n.isDeleted(i)) {
                    n.markDeleted(i);
                    length--;
                    deleted++;
                }
            }
            break;
        }
        if (tail == null && !nodes.isEmpty()) {
            tail = nodes.lastEntry().getValue();
        }
        if (length == 0) {
            firstId = StreamId.MIN;
        } else if (deleted > 0) {
            firstId = edgeId(true);
        }
        return deleted;
    }

    // ------------------------------------------------------------------ copies, sizes

    @Override
    public Value copy() {
        StreamValue s = new StreamValue(limits);
        for (Map.Entry<StreamId, StreamNode> e : nodes.entrySet()) {
            StreamNode n = e.getValue();
            StreamNode m = null;
            for (int i = 0; i < n.size; i++) {
                if (m == null) {
                    m = new StreamNode(n.masterMs, n.masterSeq, masterFieldsAsEntry(n));
                }
                m.append(n.ms[i], n.seq[i], n.fieldsValues[i]);
                if (n.isDeleted(i)) {
                    m.markDeleted(i);
                }
            }
            s.nodes.put(e.getKey(), m);
            s.tail = m;
        }
        s.length = length;
        s.lastId = lastId;
        s.firstId = firstId;
        s.maxDeletedId = maxDeletedId;
        s.entriesAdded = entriesAdded;
        if (groups != null) {
            s.groups = new TreeMap<>(Arrays::compareUnsigned);
            for (StreamGroup g : groups.values()) {
                s.groups.put(g.name, g.copy());
            }
        }
        return s;
    }

    private static byte[][] masterFieldsAsEntry(StreamNode n) {
        byte[][] fields = n.masterFields();
        byte[][] fv = new byte[fields.length * 2][];
        for (int i = 0; i < fields.length; i++) {
            fv[i * 2] = fields[i];
            fv[i * 2 + 1] = fields[i];
        }
        return fv;
    }

    /** Redis's {@code rax->numnodes} for this stream's node keys ({@link RaxNodeCount}). */
    long radixTreeNodes() {
        return RaxNodeCount.of(nodes.keySet());
    }
}
