package dev.aioj.server;

import java.util.Arrays;

/**
 * A Redis list: a growable ring of byte strings with O(1) push and pop at both
 * ends and O(1) access by index (LINDEX, LRANGE, LSET). Redis uses a
 * quicklist of listpacks for memory; a ring of references is the simple Java
 * equivalent with the same complexity for the commands we serve.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ListValue implements Value {

    private byte[][] items = new byte[8][];
    private int head;
    private int size;

    @Override
    public String type() {
        return "list";
    }

    /** Redis 7.0 keeps every list in a quicklist (the listpack encoding for small lists came in 7.2). */
    @Override
    public String encoding() {
        return "quicklist";
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The element at {@code index}, 0 &lt;= index &lt; size. */
    byte[] get(int index) {
        return items[(head + index) & (items.length - 1)];
    }

    void set(int index, byte[] value) {
        items[(head + index) & (items.length - 1)] = value;
    }

    void pushFirst(byte[] value) {
        growIfFull();
        head = (head - 1) & (items.length - 1);
        items[head] = value;
        size++;
    }

    void pushLast(byte[] value) {
        growIfFull();
        items[(head + size) & (items.length - 1)] = value;
        size++;
    }

    byte[] popFirst() {
        byte[] v = items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
        shrinkIfSparse();
        return v;
    }

    byte[] popLast() {
        int i = (head + size - 1) & (items.length - 1);
        byte[] v = items[i];
        items[i] = null;
        size--;
        shrinkIfSparse();
        return v;
    }

    /** Inserts {@code value} so that it ends up at {@code index}, 0 &lt;= index &lt;= size. */
    void insert(int index, byte[] value) {
        if (index == 0) {
            pushFirst(value);
            return;
        }
        pushLast(value);
        for (int i = size - 1; i > index; i--) {
            set(i, get(i - 1));
        }
        set(index, value);
    }

    /** Removes the element at {@code index}, shifting the later ones down. */
    void removeAt(int index) {
        for (int i = index; i < size - 1; i++) {
            set(i, get(i + 1));
        }
        popLast();
    }

    /** Drops every element. */
    void clear() {
        items = new byte[8][];
        head = 0;
        size = 0;
    }

    /** Keeps elements [start, end], both inclusive and valid, dropping the rest. */
    void keepRange(int start, int end) {
        int keep = end - start + 1;
        byte[][] kept = new byte[capacityFor(keep)][];
        for (int i = 0; i < keep; i++) {
            kept[i] = get(start + i);
        }
        items = kept;
        head = 0;
        size = keep;
    }

    private void growIfFull() {
        if (size == items.length) {
            byte[][] bigger = new byte[items.length << 1][];
            for (int i = 0; i < size; i++) {
                bigger[i] = get(i);
            }
            items = bigger;
            head = 0;
        }
    }

    private void shrinkIfSparse() {
        if (items.length > 64 && size < items.length >> 2) {
            byte[][] smaller = new byte[capacityFor(size)][];
            for (int i = 0; i < size; i++) {
                smaller[i] = get(i);
            }
            items = smaller;
            head = 0;
        }
    }

    private static int capacityFor(int n) {
        int c = 8;
        while (c < n) {
            c <<= 1;
        }
        return c;
    }

    @Override
    public ListValue copy() {
        ListValue copy = new ListValue();
        copy.items = new byte[capacityFor(size)][];
        for (int i = 0; i < size; i++) {
            copy.items[i] = get(i);
        }
        copy.size = size;
        return copy;
    }

    @Override
    public String toString() {
        byte[][] copy = new byte[size][];
        for (int i = 0; i < size; i++) {
            copy[i] = get(i);
        }
        return "ListValue" + Arrays.deepToString(copy);
    }
}
