package dev.aioj.server;

import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.WRITE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * SORT and SORT_RO (Redis's sort.c): the elements of a list, set or sorted
 * set ordered as numbers or (ALPHA) as strings, by themselves or by the
 * values of other keys ({@code BY weight_*}, {@code BY h_*->field}; a pattern
 * without {@code *}, such as {@code nosort}, keeps the stored order), with
 * LIMIT, ASC/DESC, any number of {@code GET} patterns ({@code #} is the
 * element itself), and STORE into a list (SORT only).
 *
 * <p>Order of ties is Redis's: numbers that compare equal fall back to the
 * elements' bytes; a full sort is stable (glibc's qsort is a merge sort) and
 * BY with LIMIT uses Redis's partial quicksort ({@link PartialQuickSort}).
 * ALPHA compares bytes (Redis uses {@code strcoll}, the same in the C and
 * C.UTF-8 locales); with STORE it compares binary-safe, as Redis does.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class SortCommand {

    private SortCommand() {}

    static void register(CommandTable.Builder t) {
        String g = "generic";
        t.add("sort", -2, WRITE | DENYOOM, 1, 1, 1, g, "1.0.0", "Sort the elements in a list, set or sorted set",
                (c, a) -> sort(c, a, false));
        t.add("sort_ro", -2, READONLY, 1, 1, 1, g, "7.0.0",
                "Sort the elements in a list, set or sorted set. Read-only variant of SORT.",
                (c, a) -> sort(c, a, true));
    }

    /** One element to sort, with its weight (numeric sort) or the bytes it sorts by (ALPHA BY). */
    private static final class Item {
        final byte[] element;
        double score;
        byte[] by;

        Item(byte[] element) {
            this.element = element;
        }
    }

    static void sort(Client c, byte[][] argv, boolean readOnly) {
        boolean desc = false;
        boolean alpha = false;
        long limitStart = 0;
        long limitCount = -1;
        boolean dontSort = false;
        byte[] sortBy = null;
        byte[] storeKey = null;
        List<byte[]> gets = new ArrayList<>();
        for (int j = 2; j < argv.length; j++) {
            int left = argv.length - j - 1;
            byte[] arg = argv[j];
            if (Args.is(arg, "asc")) {
                desc = false;
            } else if (Args.is(arg, "desc")) {
                desc = true;
            } else if (Args.is(arg, "alpha")) {
                alpha = true;
            } else if (Args.is(arg, "limit") && left >= 2) {
                if (!Args.isLong(c, argv[j + 1]) || !Args.isLong(c, argv[j + 2])) {
                    return;
                }
                limitStart = Numbers.toLong(argv[j + 1]);
                limitCount = Numbers.toLong(argv[j + 2]);
                j += 2;
            } else if (!readOnly && Args.is(arg, "store") && left >= 1) {
                storeKey = argv[++j];
            } else if (Args.is(arg, "by") && left >= 1) {
                sortBy = argv[++j];
                dontSort = indexOf(sortBy, (byte) '*', 0, cLength(sortBy)) < 0;
            } else if (Args.is(arg, "get") && left >= 1) {
                gets.add(argv[++j]);
            } else {
                c.reply.error(Errors.SYNTAX);
                return;
            }
        }
        Object sorted = c.db.lookupRead(argv[1]);
        if (sorted != null && !(sorted instanceof ListValue || sorted instanceof SetValue
                || sorted instanceof SortedSet)) {
            c.reply.error(Errors.WRONGTYPE);
            return;
        }
        if (sorted == null) {
            sorted = new ListValue();
        }
        if (dontSort && sorted instanceof SetValue && storeKey != null) {
            dontSort = false; // a stored set must not depend on hash order: sort it ALPHA
            alpha = true;
            sortBy = null;
        }
        int vectorLen = size(sorted);
        long start = Math.min(Math.max(limitStart, 0), vectorLen);
        long count = Math.min(Math.max(limitCount, -1), vectorLen);
        long end = count < 0 ? vectorLen - 1 : start + count - 1;
        if (start >= vectorLen) {
            start = vectorLen - 1;
            end = vectorLen - 2;
        }
        if (end >= vectorLen) {
            end = vectorLen - 1;
        }
        boolean ordered = sorted instanceof ListValue || sorted instanceof SortedSet;
        if (ordered && dontSort && (start != 0 || end != vectorLen - 1)) {
            vectorLen = (int) (end - start + 1);
        }
        Item[] vector = load(sorted, dontSort, desc, (int) start, (int) end, vectorLen);
        if (ordered && dontSort) {
            end -= start; // loaded from start on
            start = 0;
        }
        boolean conversionError = false;
        if (!dontSort) {
            for (Item item : vector) {
                byte[] by = sortBy == null ? item.element : lookupByPattern(c, sortBy, item.element);
                if (by == null) {
                    continue;
                }
                if (alpha) {
                    if (sortBy != null) {
                        item.by = by;
                    }
                } else {
                    double score = strtod(by);
                    if (Double.isNaN(score)) {
                        conversionError = true;
                    } else {
                        item.score = score;
                    }
                }
            }
            Comparator<Item> cmp = comparator(alpha, sortBy != null, storeKey != null, desc);
            if (sortBy != null && (start != 0 || end != vector.length - 1)) {
                PartialQuickSort.sort(vector, cmp, (int) start, (int) end);
            } else {
                Arrays.sort(vector, cmp); // stable, like glibc's merge sort
            }
        }
        long outputLen = (gets.isEmpty() ? 1 : gets.size()) * (end - start + 1);
        if (conversionError) {
            c.reply.error("ERR One or more scores can't be converted into double");
            return;
        }
        if (storeKey == null) {
            c.reply.array((int) outputLen);
            for (long j = start; j <= end; j++) {
                byte[] element = vector[(int) j].element;
                if (gets.isEmpty()) {
                    c.reply.bulk(element);
                }
                for (byte[] pattern : gets) {
                    c.reply.bulkOrNull(lookupByPattern(c, pattern, element));
                }
            }
            return;
        }
        ListValue stored = new ListValue();
        for (long j = start; j <= end; j++) {
            byte[] element = vector[(int) j].element;
            if (gets.isEmpty()) {
                stored.pushLast(element);
            }
            for (byte[] pattern : gets) {
                byte[] value = lookupByPattern(c, pattern, element);
                stored.pushLast(value == null ? new byte[0] : c.server.ownedStrings.forSharing(value));
            }
        }
        if (outputLen > 0) {
            c.db.set(storeKey, stored, false);
            c.db.notify(NotifyType.LIST, "sortstore", storeKey);
        } else if (c.db.delete(storeKey)) {
            c.db.notify(NotifyType.GENERIC, "del", storeKey);
        }
        c.reply.integer(outputLen);
    }

    private static int size(Object v) {
        return switch (v) {
            case ListValue l -> l.size();
            case SetValue s -> s.size();
            case SortedSet z -> z.size();
            default -> throw new IllegalStateException("not sortable: " + v);
        };
    }

    /** The elements to sort: for a list or sorted set with nothing to sort, just the range, in stored order. */
    private static Item[] load(Object v, boolean dontSort, boolean desc, int start, int end, int vectorLen) {
        Item[] vector = new Item[vectorLen];
        int j = 0;
        if (v instanceof ListValue list) {
            if (dontSort) {
                if (end >= start) {
                    int i = desc ? list.size() - start - 1 : start;
                    for (; j < vectorLen && i >= 0 && i < list.size(); i += desc ? -1 : 1) {
                        vector[j++] = new Item(list.get(i));
                    }
                }
            } else {
                for (int i = 0; i < list.size(); i++) {
                    vector[j++] = new Item(list.get(i));
                }
            }
        } else if (v instanceof SetValue set) {
            int[] n = {0};
            set.forEach(m -> vector[n[0]++] = new Item(m));
            j = n[0];
        } else if (v instanceof SortedSet z) {
            if (dontSort) {
                SkipList.Node node = desc
                        ? (start > 0 ? z.list.byRank(z.size() - start) : z.list.last())
                        : (start > 0 ? z.list.byRank(start + 1) : z.list.first());
                for (; j < vectorLen; j++) {
                    vector[j] = new Item(node.member);
                    node = desc ? node.backward : node.next();
                }
            } else {
                int[] n = {0};
                z.members.forEach(e -> vector[n[0]++] = new Item(e.key));
                j = n[0];
            }
        }
        if (j != vectorLen) {
            throw new IllegalStateException("loaded " + j + " of " + vectorLen + " elements");
        }
        return vector;
    }

    /** Redis's sortCompare. */
    private static Comparator<Item> comparator(boolean alpha, boolean byPattern, boolean store, boolean desc) {
        Comparator<Item> cmp;
        if (!alpha) {
            cmp = (a, b) -> a.score > b.score ? 1 : a.score < b.score ? -1 : binary(a.element, b.element);
        } else if (byPattern) {
            cmp = (a, b) -> {
                if (a.by == null || b.by == null) {
                    return a.by == b.by ? 0 : a.by == null ? -1 : 1;
                }
                return store ? binary(a.by, b.by) : collate(a.by, b.by);
            };
        } else {
            cmp = (a, b) -> store ? binary(a.element, b.element) : collate(a.element, b.element);
        }
        return desc ? cmp.reversed() : cmp;
    }

    /** Redis's compareStringObjects, binary: memcmp of the common prefix, then the shorter first. */
    static int binary(byte[] a, byte[] b) {
        int cmp = Arrays.compareUnsigned(a, 0, Math.min(a.length, b.length), b, 0, Math.min(a.length, b.length));
        if (cmp != 0) {
            return cmp;
        }
        return Integer.compare(a.length, b.length);
    }

    /** {@code strcoll} in the C locale, i.e. {@code strcmp}: unsigned bytes up to the first NUL. */
    static int collate(byte[] a, byte[] b) {
        int la = cLength(a);
        int lb = cLength(b);
        return Integer.signum(Arrays.compareUnsigned(a, 0, la, b, 0, lb));
    }

    /** The length of {@code s} up to its first NUL byte (C's strlen). */
    static int cLength(byte[] s) {
        int i = indexOf(s, (byte) 0, 0, s.length);
        return i < 0 ? s.length : i;
    }

    private static int indexOf(byte[] s, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The weight or GET value for {@code element} (Redis's lookupKeyByPattern):
     * {@code #} is the element; else the first {@code *} is replaced by the
     * element and the key read as a string, or with {@code ->field} the
     * field of the hash there. Null when the key, the field or a {@code *} is
     * missing, or the key holds another type.
     */
    static byte[] lookupByPattern(Client c, byte[] pattern, byte[] element) {
        int patternLength = cLength(pattern);
        if (patternLength == 1 && pattern[0] == '#') {
            return element;
        }
        int star = indexOf(pattern, (byte) '*', 0, patternLength);
        if (star < 0) {
            return null;
        }
        int arrow = -1;
        for (int i = star + 1; i + 1 < patternLength; i++) {
            if (pattern[i] == '-' && pattern[i + 1] == '>') {
                arrow = i;
                break;
            }
        }
        byte[] field = null;
        if (arrow >= 0 && arrow + 2 < patternLength) {
            field = Arrays.copyOfRange(pattern, arrow + 2, pattern.length);
        }
        int postfixLength = pattern.length - (star + 1) - (field == null ? 0 : field.length + 2);
        byte[] key = new byte[star + element.length + postfixLength];
        System.arraycopy(pattern, 0, key, 0, star);
        System.arraycopy(element, 0, key, star, element.length);
        System.arraycopy(pattern, star + 1, key, star + element.length, postfixLength);
        Object v = c.db.lookupRead(key);
        if (field != null) {
            return v instanceof HashValue h ? h.get(field) : null;
        }
        return v instanceof byte[] s ? s : null;
    }

    /**
     * A weight as Redis reads it with {@code strtod}: leading whitespace
     * allowed, nothing after the number (up to a NUL byte), no NaN, no
     * overflow; an empty string is 0. NaN when refused.
     */
    static double strtod(byte[] s) {
        int n = cLength(s);
        int i = 0;
        while (i < n && isSpace(s[i])) {
            i++;
        }
        if (n == 0) {
            return 0;
        }
        if (i == n) {
            return Double.NaN; // only spaces: nothing converted, the end pointer is not at the NUL
        }
        double d = Numbers.parseDouble(Arrays.copyOfRange(s, i, n));
        return d;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\u000b' || b == '\f' || b == '\r';
    }
}
