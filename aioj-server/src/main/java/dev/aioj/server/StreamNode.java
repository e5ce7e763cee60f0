package dev.aioj.server;

import java.util.Arrays;

/**
 * One node of a stream: the entries Redis keeps in one listpack under one
 * radix-tree key (the first entry's ID, the "master ID"). Deleted entries
 * stay in their node, flagged, as Redis leaves them in the listpack until the
 * whole node is empty; a node therefore knows its live and deleted counts and
 * the size in bytes its listpack would have, because that size and count
 * decide when XADD starts a new node (stream-node-max-bytes,
 * stream-node-max-entries) and an approximate trim (MAXLEN ~) removes only
 * whole nodes.
 *
 * <p>Entries are kept in ID order in parallel arrays (IDs absolute, not as
 * deltas); {@code fieldsValues[i]} holds field, value, field, value...
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class StreamNode {

    /** Redis's STREAM_ITEM_FLAG_DELETED and STREAM_ITEM_FLAG_SAMEFIELDS. */
    private static final int FLAG_DELETED = 1, FLAG_SAMEFIELDS = 2;

    final long masterMs, masterSeq;
    private final byte[][] masterFields;
    long[] ms, seq;
    byte[][][] fieldsValues;
    private byte[] flags;
    /** Entries in the arrays, deleted ones included. */
    int size;
    /** Entries not deleted: Redis's master-entry "count". */
    int live;
    /** The listpack's bytes except the two master counters (count, deleted), which change size as they change. */
    private long bytesWithoutCounters;

    StreamNode(long masterMs, long masterSeq, byte[][] firstFieldsValues) {
        this(masterMs, masterSeq, firstFieldsValues, 16);
    }

    /** A node for about {@code capacity} entries (stream-node-max-entries), so that most never grow their arrays. */
    StreamNode(long masterMs, long masterSeq, byte[][] firstFieldsValues, int capacity) {
        this.masterMs = masterMs;
        this.masterSeq = masterSeq;
        int numFields = firstFieldsValues.length / 2;
        masterFields = new byte[numFields][];
        long bytes = 6 + 1 + intElement(numFields) + intElement(0); // header, end byte, num-fields, terminator
        for (int i = 0; i < numFields; i++) {
            masterFields[i] = firstFieldsValues[i * 2];
            bytes += element(masterFields[i]);
        }
        bytesWithoutCounters = bytes;
        ms = new long[capacity];
        seq = new long[capacity];
        fieldsValues = new byte[capacity][][];
        flags = new byte[capacity];
    }

    /** The master fields (the first entry's field names), which later entries with the same fields share. */
    byte[][] masterFields() {
        return masterFields.clone();
    }

    /** Entries in this node, deleted ones included (Redis's count + deleted). */
    int physicalSize() {
        return size;
    }

    /** The bytes of this node's listpack in Redis (lpBytes). */
    long bytes() {
        return bytesWithoutCounters + intElement(live) + intElement(size - live);
    }

    boolean isDeleted(int i) {
        return (flags[i] & FLAG_DELETED) != 0;
    }

    /** Appends an entry whose ID is above every ID in the node. */
    void append(long idMs, long idSeq, byte[][] fv) {
        if (size == ms.length) {
            int capacity = size * 2;
            ms = Arrays.copyOf(ms, capacity);
            seq = Arrays.copyOf(seq, capacity);
            fieldsValues = Arrays.copyOf(fieldsValues, capacity);
            flags = Arrays.copyOf(flags, capacity);
        }
        int numFields = fv.length / 2;
        boolean same = numFields == masterFields.length;
        for (int i = 0; same && i < numFields; i++) {
            same = Arrays.equals(masterFields[i], fv[i * 2]);
        }
        long bytes = intElement(same ? FLAG_SAMEFIELDS : 0) + intElement(idMs - masterMs)
                + intElement(idSeq - masterSeq);
        int lpCount = numFields + 3;
        if (!same) {
            bytes += intElement(numFields);
            lpCount += numFields + 1;
        }
        for (int i = 0; i < numFields; i++) {
            if (!same) {
                bytes += element(fv[i * 2]);
            }
            bytes += element(fv[i * 2 + 1]);
        }
        bytes += intElement(lpCount);
        bytesWithoutCounters += bytes;
        ms[size] = idMs;
        seq[size] = idSeq;
        fieldsValues[size] = fv;
        flags[size] = (byte) (same ? FLAG_SAMEFIELDS : 0);
        size++;
        live++;
    }

    /** Flags entry {@code i} deleted (its bytes stay, as in Redis's listpack). */
    void markDeleted(int i) {
        flags[i] |= FLAG_DELETED;
        live--;
    }

    /** The index of the first entry (deleted or not) with an ID >= the given one; {@link #size} if none. */
    int lowerBound(long idMs, long idSeq) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (StreamId.compare(ms[mid], seq[mid], idMs, idSeq) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    StreamId lastPhysicalId() {
        return new StreamId(ms[size - 1], seq[size - 1]);
    }

    // ------------------------------------------------------------------ listpack sizes

    /** Bytes of a listpack element holding {@code s}: an integer when it reads as one (lpStringToInt64). */
    static long element(byte[] s) {
        long v = Numbers.parseLongOr(s, Long.MIN_VALUE);
        if (v != Long.MIN_VALUE || Numbers.isLong(s)) {
            return intElement(v);
        }
        int len = s.length;
        int encoded = len < 64 ? 1 + len : len < 4096 ? 2 + len : 5 + len;
        return encoded + backlen(encoded);
    }

    /** Bytes of a listpack integer element (lpEncodeIntegerGetType plus its back length). */
    static long intElement(long v) {
        int encoded;
        if (v >= 0 && v <= 127) {
            encoded = 1;
        } else if (v >= -4096 && v <= 4095) {
            encoded = 2;
        } else if (v >= -32768 && v <= 32767) {
            encoded = 3;
        } else if (v >= -8388608 && v <= 8388607) {
            encoded = 4;
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            encoded = 5;
        } else {
            encoded = 9;
        }
        return encoded + 1; // backlen of an entry under 128 bytes
    }

    private static int backlen(long l) {
        if (l <= 127) {
            return 1;
        } else if (l < 16383) {
            return 2;
        } else if (l < 2097151) {
            return 3;
        } else if (l < 268435455) {
            return 4;
        }
        return 5;
    }
}
