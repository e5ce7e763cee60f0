package dev.aioj.stream;

import java.nio.ByteBuffer;

/**
 * The bytes a {@link StreamReader} has received and not yet handed out: one
 * array with a head and a tail. Appends compact or grow it; takes copy out of
 * it. When it empties, an array grown past {@code keepCapacity} (by a large
 * {@code readExactly}, say) is dropped, so one big read does not pin memory
 * for the life of the connection.
 *
 * <p>Thread contract: loop thread only.
 */
final class ReadBuffer {

    private static final int INITIAL_CAPACITY = 4096;
    static final byte[] EMPTY = new byte[0];

    private final int keepCapacity;
    private byte[] data = new byte[INITIAL_CAPACITY];
    private int head;
    private int tail;

    ReadBuffer(int keepCapacity) {
        this.keepCapacity = keepCapacity;
    }

    int size() {
        return tail - head;
    }

    /** Appends the remaining bytes of {@code src}, moving its position to its limit. */
    void append(ByteBuffer src) {
        int n = src.remaining();
        if (tail + n > data.length) {
            makeRoom(n);
        }
        src.get(data, tail, n);
        tail += n;
    }

    private void makeRoom(int n) {
        int size = size();
        long needed = (long) size + n;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("stream buffer would exceed 2 GiB: " + needed);
        }
        if (needed <= data.length / 2) { // plenty of room once compacted: no new array
            System.arraycopy(data, head, data, 0, size);
        } else {
            byte[] bigger = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * data.length))];
            System.arraycopy(data, head, bigger, 0, size);
            data = bigger;
        }
        head = 0;
        tail = size;
    }

    /** Removes and returns the first {@code n} bytes; {@code n <= size()}. */
    byte[] take(int n) {
        if (n == 0) {
            return EMPTY;
        }
        byte[] out = new byte[n];
        System.arraycopy(data, head, out, 0, n);
        head += n;
        if (head == tail) {
            head = 0;
            tail = 0;
            if (data.length > keepCapacity) {
                data = new byte[INITIAL_CAPACITY];
            }
        }
        return out;
    }

    /** Removes and returns everything. */
    byte[] takeAll() {
        return take(size());
    }

    /** Where {@code separator} starts, counted from the head and searching from {@code from}; -1 if absent. */
    int indexOf(byte[] separator, int from) {
        int last = tail - separator.length;
        byte first = separator[0];
        outer:
        for (int i = head + Math.max(0, from); i <= last; i++) {
            if (data[i] != first) {
                continue;
            }
            for (int j = 1; j < separator.length; j++) {
                if (data[i + j] != separator[j]) {
                    continue outer;
                }
            }
            return i - head;
        }
        return -1;
    }
}
