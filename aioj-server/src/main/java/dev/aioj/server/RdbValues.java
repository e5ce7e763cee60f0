package dev.aioj.server;

import dev.aioj.server.RdbInput.RdbException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * One value in Redis 7.0's RDB serialization (Redis's {@code rdbSaveObject}
 * and {@code rdbLoadObject}): the type byte, then the body in the form Redis
 * 7.0 itself writes for the encoding the value is in, so a value moves
 * between aioj-server and redis-server with its encoding too. RDB files
 * ({@link RdbFile}) and DUMP payloads ({@link DumpPayload}) both go through
 * here.
 *
 * <table>
 *   <caption>What each value is written as</caption>
 *   <tr><th>value</th><th>RDB type</th></tr>
 *   <tr><td>string</td><td>0 (integer encodings when it is a small integer, LZF when long)</td></tr>
 *   <tr><td>list</td><td>18 quicklist 2: listpack nodes cut at {@code list-max-listpack-size}</td></tr>
 *   <tr><td>set</td><td>11 intset, or 2 (a member a string)</td></tr>
 *   <tr><td>hash</td><td>16 listpack, or 4 (field, value pairs)</td></tr>
 *   <tr><td>sorted set</td><td>17 listpack, or 5 (member, binary double score)</td></tr>
 *   <tr><td>stream</td><td>19 listpacks 2, consumer groups included ({@link RdbStreams})</td></tr>
 * </table>
 *
 * <p>The dispatch over value types is an exhaustive switch over the sealed
 * {@link Value}: a new value type does not compile until it is written here.
 * Reading accepts every type Redis 7.0 writes; the older ziplist and zipmap
 * forms (types 9, 10, 12, 13, 14, from Redis before 7.0), module values and
 * Redis 7.2's stream form (21) are refused with an error naming the type.
 *
 * <p>Thread contract: the server's loop thread (values are engine state).
 */
final class RdbValues {

    private RdbValues() {}

    static final int TYPE_STRING = 0;
    static final int TYPE_LIST = 1;
    static final int TYPE_SET = 2;
    static final int TYPE_ZSET = 3;
    static final int TYPE_HASH = 4;
    static final int TYPE_ZSET_2 = 5;
    static final int TYPE_MODULE_2 = 7;
    static final int TYPE_SET_INTSET = 11;
    static final int TYPE_LIST_QUICKLIST = 14;
    static final int TYPE_STREAM_LISTPACKS = 15;
    static final int TYPE_HASH_LISTPACK = 16;
    static final int TYPE_ZSET_LISTPACK = 17;
    static final int TYPE_LIST_QUICKLIST_2 = 18;
    static final int TYPE_STREAM_LISTPACKS_2 = 19;

    /** Quicklist node containers (Redis's QUICKLIST_NODE_CONTAINER_*). */
    private static final int CONTAINER_PLAIN = 1;
    private static final int CONTAINER_PACKED = 2;

    /** Whether {@code type} is a value type this reader knows (the rest are opcodes or unsupported). */
    static boolean isValueType(int type) {
        return type >= 0 && type <= 21 && type != 6 && type != 8 && type != 20;
    }

    // ------------------------------------------------------------------ writing

    /** Writes the type byte and the body of {@code value} (a {@code byte[]} or a {@link Value}). */
    static void write(RdbOutput out, Object value, EncodingLimits limits) throws IOException {
        out.u8(type(value));
        writeBody(out, value, limits);
    }

    /** The RDB type {@code value} is written as, by its type and encoding. */
    static int type(Object value) {
        if (value instanceof byte[]) {
            return TYPE_STRING;
        }
        return switch ((Value) value) {
            case ListValue l -> TYPE_LIST_QUICKLIST_2;
            case HashValue h -> h.isSmall() ? TYPE_HASH_LISTPACK : TYPE_HASH;
            case SetValue st -> st.isIntset() ? TYPE_SET_INTSET : TYPE_SET;
            case SortedSet z -> z.isListpack() ? TYPE_ZSET_LISTPACK : TYPE_ZSET_2;
            case StreamValue st -> TYPE_STREAM_LISTPACKS_2;
        };
    }

    /** The body of {@code value}, in the form {@link #type} named. */
    static void writeBody(RdbOutput out, Object value, EncodingLimits limits) throws IOException {
        if (value instanceof byte[] s) {
            out.string(s);
            return;
        }
        switch ((Value) value) {
            case ListValue l -> writeList(out, l, limits);
            case HashValue h -> writeHash(out, h);
            case SetValue st -> writeSet(out, st);
            case SortedSet z -> writeSortedSet(out, z);
            case StreamValue st -> RdbStreams.write(out, st, limits);
        }
    }

    /** Redis's quicklist node limit for {@code list-max-listpack-size}: bytes when negative, else entries. */
    private static void writeList(RdbOutput out, ListValue l, EncodingLimits limits) throws IOException {
        int fill = limits.listMaxListpackSize;
        long maxBytes = fill < 0 ? 4096L << Math.min(-fill - 1, 4) : 8192;
        long maxCount = fill > 0 ? fill : Long.MAX_VALUE;
        // Count nodes first: the length precedes them.
        java.util.ArrayList<byte[]> nodes = new java.util.ArrayList<>();
        Listpack.Builder node = null;
        for (int i = 0; i < l.size(); i++) {
            byte[] item = l.get(i);
            if (node != null && (node.count() >= maxCount || node.bytes() + item.length + 11 > maxBytes)) {
                nodes.add(node.build());
                node = null;
            }
            if (node == null) {
                node = new Listpack.Builder();
            }
            node.add(item);
        }
        if (node != null) {
            nodes.add(node.build());
        }
        out.length(nodes.size());
        for (byte[] lp : nodes) {
            out.length(CONTAINER_PACKED);
            out.blob(lp, lp.length);
        }
    }

    private static void writeHash(RdbOutput out, HashValue h) throws IOException {
        if (h.isSmall()) {
            Listpack.Builder lp = new Listpack.Builder();
            h.forEach((f, v) -> {
                lp.add(f);
                lp.add(v);
            });
            byte[] b = lp.build();
            out.blob(b, b.length);
            return;
        }
        out.length(h.size());
        IOException[] failed = new IOException[1];
        h.forEach((f, v) -> {
            if (failed[0] == null) {
                try {
                    out.string(f);
                    out.string(v);
                } catch (IOException e) {
                    failed[0] = e;
                }
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    private static void writeSet(RdbOutput out, SetValue s) throws IOException {
        if (s.isIntset()) {
            long min = 0;
            long max = 0;
            long[] ints = new long[s.size()];
            int[] n = {0};
            s.forEachLong(v -> ints[n[0]++] = v);
            for (long v : ints) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            int width = min >= Short.MIN_VALUE && max <= Short.MAX_VALUE ? 2
                    : min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE ? 4 : 8;
            ByteBuffer b = ByteBuffer.allocate(8 + width * ints.length).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(width).putInt(ints.length);
            for (long v : ints) {
                switch (width) {
                    case 2 -> b.putShort((short) v);
                    case 4 -> b.putInt((int) v);
                    default -> b.putLong(v);
                }
            }
            out.blob(b.array(), b.capacity());
            return;
        }
        out.length(s.size());
        IOException[] failed = new IOException[1];
        s.forEach(m -> {
            if (failed[0] == null) {
                try {
                    out.string(m);
                } catch (IOException e) {
                    failed[0] = e;
                }
            }
        });
        if (failed[0] != null) {
            throw failed[0];
        }
    }

    private static void writeSortedSet(RdbOutput out, SortedSet z) throws IOException {
        if (z.isListpack()) {
            Listpack.Builder lp = new Listpack.Builder();
            for (SkipList.Node n = z.list.first(); n != null; n = n.next()) {
                lp.add(n.member);
                lp.add(scoreText(n.score));
            }
            byte[] b = lp.build();
            out.blob(b, b.length);
            return;
        }
        out.length(z.size());
        // Tail to head, as Redis writes it, so that loading inserts at the head of the skiplist.
        for (SkipList.Node n = z.list.last(); n != null; n = n.backward) {
            out.string(n.member);
            out.binaryDouble(n.score);
        }
    }

    /** Redis 7.0's d2string, the text a listpack sorted set stores a score as. */
    static byte[] scoreText(double score) {
        String s;
        if (Double.isNaN(score)) {
            s = "nan";
        } else if (Double.isInfinite(score)) {
            s = score < 0 ? "-inf" : "inf";
        } else if (score == 0) {
            s = 1.0 / score < 0 ? "-0" : "0";
        } else if (score > -4503599627370495.0 && score < 4503599627370496.0 && score == (double) (long) score) {
            s = Long.toString((long) score);
        } else {
            s = Numbers.formatG17(score);
        }
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    // ------------------------------------------------------------------ reading

    /** Reads the body of a value of {@code type} (its type byte already read) into a new engine value. */
    static Object read(RdbInput in, int type, ServerState s) throws RdbException {
        switch (type) {
            case TYPE_STRING:
                return in.string();
            case TYPE_LIST: {
                long n = in.length();
                ListValue l = new ListValue();
                for (long i = 0; i < n; i++) {
                    l.pushLast(in.string());
                }
                return nonEmpty(l.size(), l);
            }
            case TYPE_LIST_QUICKLIST:
                throw new RdbException("RDB type 14 (a quicklist of ziplists, Redis before 7.0) is not supported");
            case TYPE_LIST_QUICKLIST_2: {
                long nodes = in.length();
                ListValue l = new ListValue();
                for (long i = 0; i < nodes; i++) {
                    long container = in.length();
                    byte[] data = in.string();
                    if (container == CONTAINER_PLAIN) {
                        l.pushLast(data);
                    } else if (container == CONTAINER_PACKED) {
                        List<byte[]> items = listpack(data);
                        if (items.isEmpty()) {
                            throw new RdbException("an empty quicklist node");
                        }
                        for (byte[] item : items) {
                            l.pushLast(item);
                        }
                    } else {
                        throw new RdbException("unknown quicklist node container " + container);
                    }
                }
                return nonEmpty(l.size(), l);
            }
            case TYPE_SET: {
                long n = in.length();
                SetValue set = s.newSet();
                for (long i = 0; i < n; i++) {
                    if (!set.add(in.string())) {
                        throw new RdbException("a set with a duplicate member");
                    }
                }
                return nonEmpty(set.size(), set);
            }
            case TYPE_SET_INTSET: {
                byte[] b = in.string();
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                if (b.length < 8) {
                    throw new RdbException("an intset shorter than its header");
                }
                int width = bb.getInt();
                long count = bb.getInt() & 0xffffffffL;
                if ((width != 2 && width != 4 && width != 8) || 8 + count * width != b.length) {
                    throw new RdbException("an intset of width " + width + " and " + count + " entries in "
                            + b.length + " bytes");
                }
                SetValue set = s.newSet();
                long prev = Long.MIN_VALUE;
                for (long i = 0; i < count; i++) {
                    long v = width == 2 ? bb.getShort() : width == 4 ? bb.getInt() : bb.getLong();
                    if (i > 0 && v <= prev) {
                        throw new RdbException("an intset out of order");
                    }
                    prev = v;
                    set.add(Numbers.toBytes(v));
                }
                return nonEmpty(set.size(), set);
            }
            case TYPE_HASH: {
                long n = in.length();
                HashValue h = s.newHash();
                for (long i = 0; i < n; i++) {
                    byte[] f = in.string();
                    byte[] v = in.string();
                    if (!h.put(f, v)) {
                        throw new RdbException("a hash with a duplicate field");
                    }
                }
                return nonEmpty(h.size(), h);
            }
            case TYPE_HASH_LISTPACK: {
                List<byte[]> items = listpack(in.string());
                if (items.size() % 2 != 0) {
                    throw new RdbException("a hash listpack with an odd number of entries");
                }
                HashValue h = s.newHash();
                for (int i = 0; i < items.size(); i += 2) {
                    if (!h.put(items.get(i), items.get(i + 1))) {
                        throw new RdbException("a hash listpack with a duplicate field");
                    }
                }
                return nonEmpty(h.size(), h);
            }
            case TYPE_ZSET:
            case TYPE_ZSET_2: {
                long n = in.length();
                SortedSet z = s.newSortedSet();
                for (long i = 0; i < n; i++) {
                    byte[] m = in.string();
                    double score = type == TYPE_ZSET_2 ? in.binaryDouble() : in.textDouble();
                    if (Double.isNaN(score)) {
                        throw new RdbException("a sorted set score that is not a number");
                    }
                    if (!z.put(m, score)) {
                        throw new RdbException("a sorted set with a duplicate member");
                    }
                }
                return nonEmpty(z.size(), z);
            }
            case TYPE_ZSET_LISTPACK: {
                List<byte[]> items = listpack(in.string());
                if (items.size() % 2 != 0) {
                    throw new RdbException("a sorted set listpack with an odd number of entries");
                }
                SortedSet z = s.newSortedSet();
                for (int i = 0; i < items.size(); i += 2) {
                    double score = Numbers.parseDouble(items.get(i + 1));
                    if (Double.isNaN(score)) {
                        throw new RdbException("a sorted set listpack score that is not a number");
                    }
                    if (!z.put(items.get(i), score)) {
                        throw new RdbException("a sorted set listpack with a duplicate member");
                    }
                }
                return nonEmpty(z.size(), z);
            }
            case TYPE_STREAM_LISTPACKS:
            case TYPE_STREAM_LISTPACKS_2:
                return RdbStreams.read(in, type, s);
            case 21:
                throw new RdbException("RDB type 21 (a stream as Redis 7.2 writes it) is not supported");
            case TYPE_MODULE_2:
                throw new RdbException("RDB type 7 (a module value) is not supported: aioj-server has no modules");
            default:
                throw new RdbException("RDB type " + type + " (a ziplist or zipmap form from Redis before 7.0, "
                        + "or unknown) is not supported");
        }
    }

    private static Object nonEmpty(int size, Object value) throws RdbException {
        if (size == 0) {
            throw new RdbException("an empty " + Value.typeOf(value) + " (Redis never writes one)");
        }
        return value;
    }

    private static List<byte[]> listpack(byte[] b) throws RdbException {
        try {
            return Listpack.decode(b);
        } catch (Listpack.Malformed e) {
            throw new RdbException(e.getMessage());
        }
    }
}
