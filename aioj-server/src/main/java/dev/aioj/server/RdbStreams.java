package dev.aioj.server;

import dev.aioj.server.RdbInput.RdbException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams in Redis 7.0's RDB form, {@code RDB_TYPE_STREAM_LISTPACKS_2}
 * (type 19; type 15, Redis 5 and 6, is read too): the nodes, each its master
 * ID (16 bytes, big-endian) and a listpack in t_stream.c's layout (a master
 * entry of count, deleted, the master fields and a 0; then per entry its
 * flags, ID deltas, the values alone when its fields are the master's or
 * the fields and values otherwise, and its element count); then the length,
 * the last ID, the first ID, the largest deleted ID, the entries ever added;
 * then each consumer group with its last delivered ID, entries read, its
 * pending entries (ID, delivery time, delivery count) and its consumers
 * (name, seen time, the IDs they own).
 *
 * <p>Writing lays the live entries out in new nodes by the {@code
 * stream-node-max-entries} and {@code -bytes} limits (Redis writes its nodes
 * as they are, deleted entries included: the entries, counters and groups
 * are the same either way).
 *
 * <p>Thread contract: the server's loop thread.
 */
final class RdbStreams {

    private RdbStreams() {}

    private static final int FLAG_DELETED = 1;
    private static final int FLAG_SAMEFIELDS = 2;

    private record Entry(long ms, long seq, byte[][] fv) {}

    static void write(RdbOutput out, StreamValue st, EncodingLimits limits) throws IOException {
        List<Entry> entries = new ArrayList<>();
        st.forEach((ms, seq, fv) -> {
            entries.add(new Entry(ms, seq, fv));
            return true;
        });
        long maxEntries = limits.streamNodeMaxEntries > 0 ? limits.streamNodeMaxEntries : Long.MAX_VALUE;
        long maxBytes = limits.streamNodeMaxBytes > 0 ? limits.streamNodeMaxBytes : StreamValue.LISTPACK_MAX_SIZE;
        List<List<Entry>> nodes = new ArrayList<>();
        List<Entry> node = null;
        long bytes = 0;
        for (Entry e : entries) {
            long size = StreamValue.totalLength(e.fv()) + 8L * e.fv().length + 16;
            if (node != null && (node.size() >= maxEntries || bytes + size >= maxBytes)) {
                node = null;
            }
            if (node == null) {
                node = new ArrayList<>();
                nodes.add(node);
                bytes = 0;
            }
            node.add(e);
            bytes += size;
        }
        out.length(nodes.size());
        for (List<Entry> n : nodes) {
            Entry master = n.get(0);
            out.blob(id(master.ms(), master.seq()), 16);
            byte[] lp = listpack(n);
            out.blob(lp, lp.length);
        }
        out.length(st.length());
        writeId(out, st.lastId());
        writeId(out, st.firstId());
        writeId(out, st.maxDeletedId());
        out.length(st.entriesAdded());
        out.length(st.groupCount());
        for (StreamGroup g : st.groups()) {
            out.blob(g.name(), g.name().length);
            writeId(out, g.lastId());
            out.length(g.entriesRead());
            out.length(g.pending().size());
            for (StreamGroup.Pending p : g.pending()) {
                out.bytes(id(p.id().ms(), p.id().seq()));
                out.littleEndian(p.deliveryTime(), 8);
                out.length(p.deliveryCount());
            }
            out.length(g.consumers().size());
            for (StreamGroup.Consumer c : g.consumers()) {
                out.blob(c.name(), c.name().length);
                out.littleEndian(c.seenTime(), 8);
                out.length(c.pending().size());
                for (StreamGroup.Pending p : c.pending()) {
                    out.bytes(id(p.id().ms(), p.id().seq()));
                }
            }
        }
    }

    private static void writeId(RdbOutput out, StreamId id) throws IOException {
        out.length(id.ms());
        out.length(id.seq());
    }

    /** Redis's streamEncodeID: ms then seq, each big-endian. */
    private static byte[] id(long ms, long seq) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (ms >>> (56 - 8 * i));
            b[8 + i] = (byte) (seq >>> (56 - 8 * i));
        }
        return b;
    }

    private static byte[] listpack(List<Entry> n) {
        Entry master = n.get(0);
        byte[][] masterFields = fields(master.fv());
        Listpack.Builder lp = new Listpack.Builder();
        lp.add(n.size());
        lp.add(0);
        lp.add(masterFields.length);
        for (byte[] f : masterFields) {
            lp.add(f);
        }
        lp.add(0);
        for (Entry e : n) {
            byte[][] f = fields(e.fv());
            boolean same = Arrays.deepEquals(f, masterFields);
            lp.add(same ? FLAG_SAMEFIELDS : 0);
            lp.add(e.ms() - master.ms());
            lp.add(e.seq() - master.seq());
            if (same) {
                for (int i = 1; i < e.fv().length; i += 2) {
                    lp.add(e.fv()[i]);
                }
            } else {
                lp.add(f.length);
                for (byte[] b : e.fv()) {
                    lp.add(b);
                }
            }
            lp.add(same ? f.length + 3 : 2L * f.length + 4);
        }
        return lp.build();
    }

    private static byte[][] fields(byte[][] fv) {
        byte[][] f = new byte[fv.length / 2][];
        for (int i = 0; i < f.length; i++) {
            f[i] = fv[2 * i];
        }
        return f;
    }

    // ------------------------------------------------------------------ reading

    static StreamValue read(RdbInput in, int type, ServerState s) throws RdbException {
        StreamValue st = new StreamValue(s.limits);
        long nodes = in.length();
        for (long i = 0; i < nodes; i++) {
            byte[] key = in.string();
            if (key.length != 16) {
                throw new RdbException("a stream node key of " + key.length + " bytes (16 expected)");
            }
            long masterMs = be(key, 0);
            long masterSeq = be(key, 8);
            List<byte[]> items;
            try {
                items = Listpack.decode(in.string());
            } catch (Listpack.Malformed e) {
                throw new RdbException(e.getMessage());
            }
            if (items.isEmpty()) {
                throw new RdbException("an empty stream listpack");
            }
            readNode(st, items, masterMs, masterSeq);
        }
        long length = in.length();
        StreamId last = readId(in);
        StreamId first;
        StreamId maxDeleted;
        long added;
        if (type == RdbValues.TYPE_STREAM_LISTPACKS_2) {
            first = readId(in);
            maxDeleted = readId(in);
            added = in.unsignedLength();
        } else {
            first = st.length() == 0 ? StreamId.MIN : st.firstId();
            maxDeleted = StreamId.MIN;
            added = length;
        }
        if (length != st.length()) {
            throw new RdbException("a stream of length " + length + " holding " + st.length() + " entries");
        }
        st.restoreCounters(last, first, maxDeleted, added);
        long groups = in.length();
        for (long g = 0; g < groups; g++) {
            byte[] name = in.string();
            StreamId delivered = readId(in);
            long entriesRead = type == RdbValues.TYPE_STREAM_LISTPACKS_2 ? in.unsignedLength()
                    : StreamGroup.INVALID_ENTRIES_READ;
            StreamGroup group = st.createGroup(name, delivered, entriesRead);
            if (group == null) {
                throw new RdbException("a stream with a duplicate consumer group");
            }
            long pel = in.length();
            Map<StreamId, long[]> nacks = new HashMap<>();
            for (long p = 0; p < pel; p++) {
                byte[] raw = in.bytes(16);
                long time = in.littleEndian(8);
                long count = in.length();
                nacks.put(new StreamId(be(raw, 0), be(raw, 8)), new long[] {time, count});
            }
            long consumers = in.length();
            for (long c = 0; c < consumers; c++) {
                byte[] cname = in.string();
                long seen = in.littleEndian(8);
                StreamGroup.Consumer consumer = group.createConsumer(cname, seen);
                if (consumer == null) {
                    throw new RdbException("a consumer group with a duplicate consumer");
                }
                long owned = in.length();
                for (long p = 0; p < owned; p++) {
                    byte[] raw = in.bytes(16);
                    StreamId id = new StreamId(be(raw, 0), be(raw, 8));
                    long[] nack = nacks.remove(id);
                    if (nack == null) {
                        throw new RdbException("a consumer's pending entry missing from its group's PEL");
                    }
                    group.addPending(id, consumer, nack[0], nack[1]);
                }
            }
            if (!nacks.isEmpty()) {
                throw new RdbException("a group's pending entry without a consumer");
            }
        }
        return st;
    }

    private static void readNode(StreamValue st, List<byte[]> items, long masterMs, long masterSeq)
            throws RdbException {
        try {
            int p = 0;
            long count = num(items.get(p++));
            long deleted = num(items.get(p++));
            int mf = (int) num(items.get(p++));
            byte[][] masterFields = items.subList(p, p + mf).toArray(new byte[0][]);
            p += mf;
            p++; // the master entry's terminating 0
            for (long e = 0; e < count + deleted; e++) {
                int flags = (int) num(items.get(p++));
                long ms = masterMs + num(items.get(p++));
                long seq = masterSeq + num(items.get(p++));
                byte[][] fv;
                if ((flags & FLAG_SAMEFIELDS) != 0) {
                    fv = new byte[2 * mf][];
                    for (int i = 0; i < mf; i++) {
                        fv[2 * i] = masterFields[i];
                        fv[2 * i + 1] = items.get(p++);
                    }
                } else {
                    int nf = (int) num(items.get(p++));
                    fv = items.subList(p, p + 2 * nf).toArray(new byte[0][]);
                    p += 2 * nf;
                }
                p++; // lp-count
                if ((flags & FLAG_DELETED) == 0) {
                    st.appendLoaded(new StreamId(ms, seq), fv);
                }
            }
            if (p != items.size()) {
                throw new RdbException("a stream listpack with " + (items.size() - p) + " elements past its entries");
            }
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new RdbException("a stream listpack shorter than its counts say");
        }
    }

    private static long num(byte[] b) {
        if (!Numbers.isLong(b)) {
            throw new NumberFormatException("not an integer");
        }
        return Numbers.toLong(b);
    }

    private static StreamId readId(RdbInput in) throws RdbException {
        long ms = in.unsignedLength();
        long seq = in.unsignedLength();
        return new StreamId(ms, seq);
    }

    private static long be(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
