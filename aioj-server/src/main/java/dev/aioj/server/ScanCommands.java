package dev.aioj.server;

import static dev.aioj.server.Command.READONLY;

import java.util.ArrayList;
import java.util.List;

/**
 * Cursor iteration: SCAN (with MATCH, COUNT, TYPE), HSCAN, SSCAN and ZSCAN,
 * Redis's scanGenericCommand over a {@link Dict}.
 *
 * <p>The guarantee, from Redis's reverse-binary cursor (see {@link
 * Dict#scan}): a full iteration (from cursor 0 until 0 comes back) returns
 * every element present for the whole iteration at least once, however the
 * table grows or shrinks meanwhile; an element may be returned more than
 * once; elements added or removed during the iteration may or may not be.
 * COUNT is a hint for the work per call (Redis visits at most ten times as
 * many buckets), MATCH and TYPE filter after that work, so a call may return
 * nothing with a non-zero cursor.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ScanCommands {

    private ScanCommands() {}

    static void register(CommandTable.Builder t) {
        t.add("scan", -2, READONLY, 0, 0, 0, "generic", "2.8.0",
                "Iterates over the key names in the database.", ScanCommands::scan);
        t.add("hscan", -3, READONLY, 1, 1, 1, "hash", "2.8.0", "Iterates over fields and values of a hash.",
                (c, a) -> scanValue(c, a, "hash"));
        t.add("sscan", -3, READONLY, 1, 1, 1, "set", "2.8.0", "Iterates over members of a set.",
                (c, a) -> scanValue(c, a, "set"));
        t.add("zscan", -3, READONLY, 1, 1, 1, "sorted_set", "2.8.0",
                "Iterates over members and scores of a sorted set.", (c, a) -> scanValue(c, a, "zset"));
    }

    private static final byte[] EMPTY_SCAN = ReplyWriter.ascii("*2\r\n$1\r\n0\r\n*0\r\n");

    static void scan(Client c, byte[][] argv) {
        long cursor = parseCursor(argv[1]);
        if (cursor == INVALID) {
            c.reply.error(Errors.INVALID_CURSOR);
            return;
        }
        scanGeneric(c, argv, 2, c.db.keys, null, null, cursor);
    }

    static void scanValue(Client c, byte[][] argv, String type) {
        long cursor = parseCursor(argv[2]);
        if (cursor == INVALID) {
            c.reply.error(Errors.INVALID_CURSOR);
            return;
        }
        Object v = c.db.lookupRead(argv[1]);
        if (v == null) {
            c.reply.raw(EMPTY_SCAN);
            return;
        }
        Dict dict;
        List<byte[]> whole = null; // small encodings: everything at once, cursor 0, as Redis's listpack/intset
        switch (v) {
            case HashValue h when type.equals("hash") -> {
                dict = h.table();
                if (h.isSmall()) {
                    List<byte[]> items = new ArrayList<>();
                    h.forEach((f, val) -> {
                        items.add(f);
                        items.add(val);
                    });
                    whole = items;
                }
            }
            case SetValue set when type.equals("set") -> {
                dict = set.table();
                if (set.isIntset()) {
                    List<byte[]> items = new ArrayList<>();
                    set.forEach(items::add);
                    whole = items;
                }
            }
            case SortedSet z when type.equals("zset") -> {
                dict = z.members;
                if (z.isListpack()) {
                    List<byte[]> items = new ArrayList<>();
                    for (SkipList.Node n = z.list.first(); n != null; n = n.next()) {
                        items.add(n.member);
                        items.add(Numbers.formatG17(n.score).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    }
                    whole = items;
                }
            }
            default -> {
                c.reply.error(Errors.WRONGTYPE);
                return;
            }
        }
        scanGeneric(c, argv, 3, whole == null ? dict : null, whole, type, cursor);
    }

    /**
     * Redis's scanGenericCommand.
     *
     * @param dict the table to walk, or null when {@code whole} holds every item
     * @param whole a small value's items in Redis's order, or null
     * @param valueType null for the keyspace, else "hash", "set" or "zset"
     */
    private static void scanGeneric(Client c, byte[][] argv, int firstOption, Dict dict, List<byte[]> whole,
            String valueType, long cursor) {
        long count = 10;
        byte[] pattern = null;
        byte[] typeName = null;
        for (int i = firstOption; i < argv.length; ) {
            int left = argv.length - i;
            if (Args.is(argv[i], "count") && left >= 2) {
                if (!Args.isLong(c, argv[i + 1])) {
                    return;
                }
                count = Numbers.toLong(argv[i + 1]);
                if (count < 1) {
                    c.reply.error(Errors.SYNTAX);
                    return;
                }
                i += 2;
            } else if (Args.is(argv[i], "match") && left >= 2) {
                pattern = Glob.isMatchAll(argv[i + 1]) ? null : argv[i + 1];
                i += 2;
            } else if (Args.is(argv[i], "type") && valueType == null && left >= 2) {
                typeName = argv[i + 1];
                i += 2;
            } else {
                c.reply.error(Errors.SYNTAX);
                return;
            }
        }
        boolean pairs = "hash".equals(valueType) || "zset".equals(valueType);
        long wanted = pairs ? saturatedDouble(count) : count;
        long maxIterations = saturatedTimesTen(wanted);
        List<byte[]> items = new ArrayList<>();
        if (whole != null) {
            items.addAll(whole);
            cursor = 0;
        } else {
            do {
                cursor = dict.scan(cursor, e -> {
                    items.add(e.key);
                    if ("hash".equals(valueType)) {
                        items.add((byte[]) e.value);
                    } else if ("zset".equals(valueType)) {
                        items.add(Numbers.formatG17(((SkipList.Node) e.value).score)
                                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    }
                });
            } while (cursor != 0 && maxIterations-- != 0 && items.size() < wanted);
        }

        List<byte[]> kept = new ArrayList<>(items.size());
        int step = pairs ? 2 : 1;
        for (int i = 0; i < items.size(); i += step) {
            byte[] key = items.get(i);
            if (pattern != null && !Glob.matches(pattern, key)) {
                continue;
            }
            if (valueType == null) {
                if (typeName != null) {
                    String actual = Value.typeOf(c.db.lookupRead(key, Database.NOTOUCH));
                    if (!actual.equalsIgnoreCase(Errors.latin1(typeName, typeName.length))) {
                        continue;
                    }
                }
                if (c.db.expireIfNeeded(key)) {
                    continue;
                }
            }
            kept.add(key);
            if (pairs) {
                kept.add(items.get(i + 1));
            }
        }
        c.reply.array(2);
        c.reply.bulk(Long.toString(cursor).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        c.reply.array(kept.size());
        for (byte[] item : kept) {
            c.reply.bulk(item);
        }
    }

    private static long saturatedDouble(long v) {
        return v > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : v * 2;
    }

    private static long saturatedTimesTen(long v) {
        return v > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : v * 10;
    }

    private static final long INVALID = Long.MIN_VALUE + 12345;

    /**
     * A cursor as C's {@code strtoul(s, &end, 10)} reads it, as Redis checks
     * it: no leading space, nothing after the digits, no overflow; an empty
     * string is cursor 0 and "-1" wraps around, as in Redis.
     */
    static long parseCursor(byte[] s) {
        if (s.length == 0) {
            return 0;
        }
        int i = 0;
        boolean negative = false;
        if (s[0] == '+' || s[0] == '-') {
            negative = s[0] == '-';
            i = 1;
        }
        if (i == s.length) {
            return INVALID; // a lone sign: strtoul reads nothing, and the sign is left over
        }
        long v = 0;
        for (; i < s.length; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                return INVALID;
            }
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0) {
                return INVALID;
            }
            long next = v * 10 + d;
            if (Long.compareUnsigned(next, v * 10) < 0) {
                return INVALID;
            }
            v = next;
        }
        return negative ? -v : v;
    }
}
