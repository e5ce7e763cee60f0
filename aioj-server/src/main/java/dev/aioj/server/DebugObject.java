package dev.aioj.server;

import java.util.Locale;

/**
 * The line DEBUG OBJECT answers (debug.c): {@code Value at:<address>
 * refcount:<n> encoding:<e> serializedlength:<n> lru:<bits>
 * lru_seconds_idle:<s>}, plus the quicklist figures Redis adds for lists.
 *
 * <p>Encoding, refcount and the access bits are the ones OBJECT reports. Two
 * figures are estimates, since this server stores neither RDB nor quicklists:
 * {@code serializedlength} is the RDB length without LZF compression, and the
 * {@code ql_*} figures are those of listpack nodes filled to {@code
 * list-max-listpack-size}. The address is the value's identity hash.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class DebugObject {

    private DebugObject() {}

    /** Redis's quicklist optimization_level: node bytes for list-max-listpack-size -1..-5. */
    private static final int[] NODE_BYTES = {4096, 8192, 16384, 32768, 65536};

    static String describe(ServerState s, Dict.KeyEntry e) {
        StringBuilder b = new StringBuilder();
        b.append("Value at:0x").append(Integer.toHexString(System.identityHashCode(e.value)))
                .append(" refcount:").append(ObjectEncoding.refcount(e.value, e.meta))
                .append(" encoding:").append(ObjectEncoding.of(e.value, e.meta))
                .append(" serializedlength:").append(serializedLength(e.value, e.meta))
                .append(" lru:").append(e.meta & KeyAccess.BITS)
                .append(" lru_seconds_idle:").append(s.access.idleSeconds(e.meta));
        if (e.value instanceof ListValue list) {
            quicklist(b, list, s.limits);
        }
        return b.toString();
    }

    private static void quicklist(StringBuilder b, ListValue list, EncodingLimits limits) {
        int fill = limits.listMaxListpackSize;
        long maxBytes = fill < 0 ? NODE_BYTES[Math.min(-fill, NODE_BYTES.length) - 1] : Long.MAX_VALUE;
        long nodes = 1;
        long nodeBytes = 7; // listpack header and end byte
        long nodeCount = 0;
        long total = 0;
        for (int i = 0; i < list.size(); i++) {
            long entry = listpackEntryBytes(list.get(i).length);
            boolean full = fill >= 0 ? nodeCount >= Math.max(fill, 1) : nodeBytes + entry > maxBytes;
            if (full && nodeCount > 0) {
                total += nodeBytes;
                nodes++;
                nodeBytes = 7;
                nodeCount = 0;
            }
            nodeBytes += entry;
            nodeCount++;
        }
        total += nodeBytes;
        b.append(" ql_nodes:").append(nodes)
                .append(" ql_avg_node:").append(String.format(Locale.ROOT, "%.2f", (double) list.size() / nodes))
                .append(" ql_listpack_max:").append(fill)
                .append(" ql_compressed:").append(limits.listCompressDepth != 0 ? 1 : 0)
                .append(" ql_uncompressed_size:").append(total);
    }

    /** A listpack string entry: encoding byte(s), the bytes, the back-length. */
    private static long listpackEntryBytes(int len) {
        int header = len < 64 ? 1 : len < 4096 ? 2 : 5;
        long content = header + (long) len;
        int backlen = content < 128 ? 1 : content < 16384 ? 2 : content < 2097152 ? 3 : content < 268435456 ? 4 : 5;
        return content + backlen;
    }

    /** The RDB length of a value as Redis saves it, without LZF compression. */
    static long serializedLength(Object value, int meta) {
        return switch (value) {
            case byte[] s -> ObjectEncoding.isInt(s, meta)
                    ? intLength(Numbers.toLong(s), s.length) : stringLength(s);
            case ListValue list -> {
                long n = rdbLen(1);
                for (int i = 0; i < list.size(); i++) {
                    n += stringLength(list.get(i));
                }
                yield n;
            }
            case SetValue set -> {
                long[] n = {rdbLen(set.size())};
                set.forEach(m -> n[0] += stringLength(m));
                yield n[0];
            }
            case HashValue hash -> {
                long[] n = {rdbLen(hash.size())};
                hash.forEach((f, v) -> n[0] += stringLength(f) + stringLength(v));
                yield n[0];
            }
            case SortedSet zset -> {
                long[] n = {rdbLen(zset.size())};
                zset.members.forEach(e -> n[0] += stringLength(e.key) + 8);
                yield n[0];
            }
            default -> 0;
        };
    }

    /** rdbSaveRawString without compression: small integers as integers, else length and bytes. */
    private static long stringLength(byte[] s) {
        if (s.length <= 11 && Numbers.isLong(s)) {
            long v = Numbers.toLong(s);
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                return intLength(v, s.length);
            }
        }
        return rdbLen(s.length) + s.length;
    }

    /** rdbSaveLongLongAsStringObject: 8, 16 or 32 bits, else the digits as a string. */
    private static long intLength(long v, int digits) {
        if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            return 2;
        }
        if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            return 3;
        }
        if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            return 5;
        }
        return rdbLen(digits) + digits;
    }

    /** rdbSaveLen: 1, 2, 5 or 9 bytes. */
    private static long rdbLen(long len) {
        return len < 64 ? 1 : len < 16384 ? 2 : len <= 0xFFFFFFFFL ? 5 : 9;
    }
}
