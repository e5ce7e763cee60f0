package dev.aioj.server;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A Redis set of byte strings.
 *
 * <p>Two encodings, as in Redis 7.0: while every member is an integer (in
 * Redis's strict {@code string2ll} form) and there are at most {@code
 * set-max-intset-entries} ({@link EncodingLimits}), the set is a sorted {@code
 * long[]} (the intset), so SMEMBERS and SSCAN list small integer sets in
 * ascending order as Redis does; otherwise the members are the keys of a
 * {@link Dict} (null values, {@code hashtable}), with SCAN's cursor guarantee.
 * A set converts on Redis's triggers and never back (SPOP with a count may
 * build a new set, which starts small again, as in Redis).
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class SetValue implements Value {

    private final EncodingLimits limits;
    private final long seed;
    private long[] ints = new long[4];
    private int intCount;
    private Dict table;

    SetValue(EncodingLimits limits, long seed) {
        this.limits = limits;
        this.seed = seed;
    }

    @Override
    public String type() {
        return "set";
    }

    @Override
    public String encoding() {
        return table == null ? "intset" : "hashtable";
    }

    int size() {
        return table != null ? table.size() : intCount;
    }

    boolean isIntset() {
        return table == null;
    }

    /** The table, once the set is not an intset (SSCAN with a cursor). */
    Dict table() {
        return table;
    }

    boolean contains(byte[] member) {
        if (table != null) {
            return table.contains(member);
        }
        return Numbers.isLong(member) && Arrays.binarySearch(ints, 0, intCount, Numbers.toLong(member)) >= 0;
    }

    /** Adds a member; returns true when it was not there. */
    boolean add(byte[] member) {
        if (table == null) {
            if (Numbers.isLong(member)) {
                long v = Numbers.toLong(member);
                int i = Arrays.binarySearch(ints, 0, intCount, v);
                if (i >= 0) {
                    return false;
                }
                if (intCount < limits.setMaxIntsetEntries) {
                    int at = -i - 1;
                    if (intCount == ints.length) {
                        ints = Arrays.copyOf(ints, ints.length * 2);
                    }
                    System.arraycopy(ints, at, ints, at + 1, intCount - at);
                    ints[at] = v;
                    intCount++;
                    return true;
                }
            }
            convert();
        }
        if (table.contains(member)) {
            return false;
        }
        table.insertNew(member, null);
        return true;
    }

    boolean remove(byte[] member) {
        if (table != null) {
            return table.remove(member) != null;
        }
        if (!Numbers.isLong(member)) {
            return false;
        }
        int i = Arrays.binarySearch(ints, 0, intCount, Numbers.toLong(member));
        if (i < 0) {
            return false;
        }
        System.arraycopy(ints, i + 1, ints, i, intCount - i - 1);
        intCount--;
        return true;
    }

    /** Visits every member: ascending while an intset. */
    void forEach(Consumer<byte[]> visitor) {
        if (table != null) {
            table.forEach(e -> visitor.accept(e.key));
            return;
        }
        for (int i = 0; i < intCount; i++) {
            visitor.accept(Numbers.toBytes(ints[i]));
        }
    }

    /** A random member, or null when empty. */
    /** Visits an intset's members as numbers, ascending (the RDB intset form); call only when {@link #isIntset}. */
    void forEachLong(java.util.function.LongConsumer visitor) {
        for (int i = 0; i < intCount; i++) {
            visitor.accept(ints[i]);
        }
    }

    byte[] random(RandomGenerator random) {
        if (table != null) {
            Dict.Entry e = table.randomEntry(random);
            return e == null ? null : e.key;
        }
        return intCount == 0 ? null : Numbers.toBytes(ints[random.nextInt(intCount)]);
    }

    @Override
    public SetValue copy() {
        SetValue copy = new SetValue(limits, seed);
        if (table != null) {
            copy.table = table.copy();
            copy.ints = null;
        } else {
            copy.ints = ints.clone();
            copy.intCount = intCount;
        }
        return copy;
    }

    private void convert() {
        Dict t = new Dict(seed);
        for (int i = 0; i < intCount; i++) {
            t.insertNew(Numbers.toBytes(ints[i]), null);
        }
        table = t;
        ints = null;
        intCount = 0;
    }
}
