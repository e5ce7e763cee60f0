package dev.aioj.server;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * A Redis hash: field to value, both byte strings.
 *
 * <p>Two encodings, as in Redis: a small hash (at most {@code
 * hash-max-listpack-entries} fields, none longer than {@code
 * hash-max-listpack-value} bytes, see {@link EncodingLimits}) is a flat array
 * in insertion order, which is what Redis's listpack gives, so HGETALL and
 * HSCAN return small hashes in the same order as Redis (and HSCAN returns
 * them whole, with cursor 0), and OBJECT ENCODING says {@code listpack}; a
 * larger hash becomes a {@link Dict} ({@code hashtable}) for O(1) access and
 * SCAN's cursor guarantee. It converts on Redis's triggers (a field or value
 * too long, one field too many) and never back.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class HashValue implements Value {

    private final EncodingLimits limits;
    private final long seed;
    /** Small encoding: field, value, field, value, ...; null once converted. */
    private byte[][] small = new byte[8][];
    private int smallSize;
    /** Table encoding, once the hash outgrew the small one. */
    private Dict table;

    HashValue(EncodingLimits limits, long seed) {
        this.limits = limits;
        this.seed = seed;
    }

    @Override
    public String type() {
        return "hash";
    }

    @Override
    public String encoding() {
        return table == null ? "listpack" : "hashtable";
    }

    int size() {
        return table != null ? table.size() : smallSize;
    }

    boolean isSmall() {
        return table == null;
    }

    /** The table, when not small (HSCAN with a cursor). */
    Dict table() {
        return table;
    }

    byte[] get(byte[] field) {
        if (table != null) {
            return (byte[]) table.get(field);
        }
        int i = indexOf(field);
        return i < 0 ? null : small[2 * i + 1];
    }

    boolean contains(byte[] field) {
        return table != null ? table.contains(field) : indexOf(field) >= 0;
    }

    /** Sets a field (Redis's hashTypeSet); returns true when the field is new. */
    boolean put(byte[] field, byte[] value) {
        if (table == null) {
            long maxValue = limits.hashMaxListpackValue;
            if (field.length > maxValue || value.length > maxValue) {
                convert();
                return table.put(field, value) == null;
            }
            int i = indexOf(field);
            if (i >= 0) {
                small[2 * i + 1] = value;
                if (smallSize > limits.hashMaxListpackEntries) {
                    convert(); // the limit was lowered since: Redis checks the length after an update too
                }
                return false;
            }
            if (smallSize < limits.hashMaxListpackEntries) {
                if (2 * smallSize + 2 > small.length) {
                    small = Arrays.copyOf(small, small.length * 2);
                }
                small[2 * smallSize] = field;
                small[2 * smallSize + 1] = value;
                smallSize++;
                return true;
            }
            convert();
        }
        Dict.Entry e = table.find(field);
        if (e != null) {
            e.value = value;
            return false;
        }
        table.insertNew(field, value);
        return true;
    }

    boolean remove(byte[] field) {
        if (table != null) {
            return table.remove(field) != null;
        }
        int i = indexOf(field);
        if (i < 0) {
            return false;
        }
        System.arraycopy(small, 2 * i + 2, small, 2 * i, 2 * (smallSize - i - 1));
        smallSize--;
        small[2 * smallSize] = null;
        small[2 * smallSize + 1] = null;
        return true;
    }

    /** Visits every field and value: in insertion order while small. */
    void forEach(BiConsumer<byte[], byte[]> visitor) {
        if (table != null) {
            table.forEach(e -> visitor.accept(e.key, (byte[]) e.value));
            return;
        }
        for (int i = 0; i < smallSize; i++) {
            visitor.accept(small[2 * i], small[2 * i + 1]);
        }
    }

    @Override
    public HashValue copy() {
        HashValue copy = new HashValue(limits, seed);
        if (table != null) {
            copy.table = table.copy();
            copy.small = null;
        } else {
            copy.small = small.clone();
            copy.smallSize = smallSize;
        }
        return copy;
    }

    private int indexOf(byte[] field) {
        for (int i = 0; i < smallSize; i++) {
            if (Arrays.equals(small[2 * i], field)) {
                return i;
            }
        }
        return -1;
    }

    private void convert() {
        Dict t = new Dict(seed);
        for (int i = 0; i < smallSize; i++) {
            t.insertNew(small[2 * i], small[2 * i + 1]);
        }
        table = t;
        small = null;
        smallSize = 0;
    }
}
