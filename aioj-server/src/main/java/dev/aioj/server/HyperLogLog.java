package dev.aioj.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A HyperLogLog in Redis's own string format (hyperloglog.c), so that a value
 * made here reads the same in redis-server and back (GET/SET, DUMP, RDB):
 * a 16-byte header ("HYLL", encoding, 3 unused bytes, the cached cardinality
 * little-endian with its top bit meaning "stale"), then 16384 6-bit registers
 * either dense (12288 bytes, LSB-first packing) or sparse (ZERO, XZERO and
 * VAL run-length opcodes), with Redis's MurmurHash64A and the Ertl estimator,
 * so counts agree with Redis's exactly.
 *
 * <p>An instance edits one value: commands load the stored bytes (a copy,
 * or for a dense value the server owns the stored array itself, see {@link
 * OwnedStrings}), change them ({@link #add}, {@link #setRegister}, {@link
 * #toDense}) and store {@link #bytes()} back. A sparse value becomes dense when a register needs more
 * than 32 or the value would pass {@code hll-sparse-max-bytes}, as in Redis.
 *
 * <p>Thread contract: an instance belongs to one thread (the loop's).
 */
final class HyperLogLog {

    static final int HEADER = 16;
    static final int P = 14;
    static final int Q = 64 - P;
    static final int REGISTERS = 1 << P;
    static final int REGISTER_MAX = 63;
    static final int DENSE_SIZE = HEADER + (REGISTERS * 6 + 7) / 8;
    static final int DENSE = 0;
    static final int SPARSE = 1;
    private static final int ENCODING = 4;
    private static final int CARD = 8;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The value's bytes; {@code len} of them are used, the rest is zeroed slack for sparse edits ({@link HllSparse}). */
    byte[] buf;
    int len;

    private HyperLogLog(byte[] buf, int len) {
        this.buf = buf;
        this.len = len;
    }

    /**
     * An editor of a stored value, which {@link #isValid} accepted: of the
     * array itself when {@code inPlace} and dense (a dense edit never changes
     * the length), else of a copy.
     */
    static HyperLogLog of(byte[] stored, boolean inPlace) {
        if (inPlace && stored[ENCODING] == DENSE) {
            return new HyperLogLog(stored, stored.length);
        }
        return new HyperLogLog(Arrays.copyOf(stored, stored.length + 3), stored.length);
    }

    /** A new empty HLL: sparse, one XZERO opcode covering every register (Redis's createHLLObject). */
    static HyperLogLog empty() {
        byte[] b = new byte[HEADER + 2 + 3];
        b[0] = 'H';
        b[1] = 'Y';
        b[2] = 'L';
        b[3] = 'L';
        b[ENCODING] = SPARSE;
        HllSparse.setXzero(b, HEADER, REGISTERS);
        return new HyperLogLog(b, HEADER + 2);
    }

    /** Redis's isHLLObjectOrReply test: the header and, for dense, the exact length. */
    static boolean isValid(byte[] s) {
        if (s.length < HEADER || s[0] != 'H' || s[1] != 'Y' || s[2] != 'L' || s[3] != 'L') {
            return false;
        }
        int encoding = s[ENCODING] & 0xFF;
        return encoding <= SPARSE && (encoding != DENSE || s.length == DENSE_SIZE);
    }

    /** The value as stored: exactly its bytes. */
    byte[] bytes() {
        return buf.length == len ? buf : Arrays.copyOf(buf, len);
    }

    int encoding() {
        return buf[ENCODING];
    }

    /** Marks the cached cardinality stale (HLL_INVALIDATE_CACHE). */
    void invalidateCache() {
        buf[CARD + 7] |= (byte) 0x80;
    }

    /** The cached cardinality, or -1 when stale. */
    long cachedCount() {
        if ((buf[CARD + 7] & 0x80) != 0) {
            return -1;
        }
        return (long) LONGS.get(buf, CARD);
    }

    void cacheCount(long count) {
        LONGS.set(buf, CARD, count);
    }

    /**
     * Adds an element: 1 if a register grew, 0 if not, -1 if the sparse form
     * is corrupt. {@code sparseMaxBytes} is {@code hll-sparse-max-bytes}.
     */
    int add(byte[] element, int sparseMaxBytes) {
        int pattern = HyperLogLogMath.patternOf(element);
        return setRegister(pattern >>> 8, pattern & 0xFF, sparseMaxBytes);
    }

    /**
     * Raises register {@code index} to {@code count} if lower: 1 if changed,
     * 0 if not, -1 if corrupt. {@code sparseMaxBytes} is {@code
     * hll-sparse-max-bytes}.
     */
    int setRegister(int index, int count, int sparseMaxBytes) {
        return encoding() == DENSE ? denseSet(index, count) : HllSparse.set(this, index, count, sparseMaxBytes);
    }

    // ------------------------------------------------------------------ dense

    private int register(int regnum) {
        int b = HEADER + regnum * 6 / 8;
        int fb = regnum * 6 & 7;
        int b0 = buf[b] & 0xFF;
        int b1 = b + 1 < len ? buf[b + 1] & 0xFF : 0;
        return ((b0 >> fb) | (b1 << (8 - fb))) & REGISTER_MAX;
    }

    private void setDenseRegister(int regnum, int value) {
        int b = HEADER + regnum * 6 / 8;
        int fb = regnum * 6 & 7;
        int fb8 = 8 - fb;
        buf[b] = (byte) ((buf[b] & ~(REGISTER_MAX << fb)) | (value << fb));
        if (b + 1 < len) {
            buf[b + 1] = (byte) ((buf[b + 1] & ~(REGISTER_MAX >> fb8)) | (value >> fb8));
        }
    }

    private int denseSet(int index, int count) {
        if (count > register(index)) {
            setDenseRegister(index, count);
            return 1;
        }
        return 0;
    }

    /** Converts to dense and sets the register there: the sparse form could not hold it. */
    int promote(int index, int count) {
        if (!toDense()) {
            return -1;
        }
        int changed = denseSet(index, count);
        if (changed != 1) {
            throw new IllegalStateException("a promoted register did not change: " + index);
        }
        return 1;
    }

    /** Converts a sparse value to dense (hllSparseToDense); false if the sparse form is corrupt. */
    boolean toDense() {
        if (encoding() == DENSE) {
            return true;
        }
        byte[] dense = new byte[DENSE_SIZE];
        System.arraycopy(buf, 0, dense, 0, HEADER);
        dense[ENCODING] = DENSE;
        HyperLogLog target = new HyperLogLog(dense, DENSE_SIZE);
        int idx = HllSparse.walk(buf, len, (first, count, value) -> {
            if (value != 0) {
                for (int i = first; i < first + count; i++) {
                    target.setDenseRegister(i, value);
                }
            }
        });
        if (idx != REGISTERS) {
            return false;
        }
        buf = dense;
        len = DENSE_SIZE;
        return true;
    }

    // ------------------------------------------------------------------ merge and count

    /** Raises {@code max[i]} to this value's register i (hllMerge); false if the sparse form is corrupt. */
    boolean mergeInto(byte[] max) {
        if (encoding() == DENSE) {
            for (int i = 0; i < REGISTERS; i++) {
                int v = register(i);
                if (v > max[i]) {
                    max[i] = (byte) v;
                }
            }
            return true;
        }
        int covered = HllSparse.walk(buf, len, (first, count, value) -> {
            for (int i = first; value != 0 && i < first + count; i++) {
                if (value > max[i]) {
                    max[i] = (byte) value;
                }
            }
        });
        return covered == REGISTERS;
    }

    /** The estimated cardinality (hllCount), or -1 if the sparse form is corrupt. */
    long count() {
        int[] histogram = new int[64];
        if (encoding() == DENSE) {
            for (int i = 0; i < REGISTERS; i++) {
                histogram[register(i)]++;
            }
        } else {
            int idx = HllSparse.walk(buf, len, (first, count, value) -> histogram[value] += count);
            if (idx != REGISTERS) {
                return -1;
            }
        }
        return HyperLogLogMath.estimate(histogram);
    }

    // ------------------------------------------------------------------ PFDEBUG

    /** Every register value (PFDEBUG GETREG, after {@link #toDense}). */
    int[] registers() {
        int[] r = new int[REGISTERS];
        for (int i = 0; i < REGISTERS; i++) {
            r[i] = register(i);
        }
        return r;
    }

    /** The sparse opcodes as text, "z:len Z:len v:value,len" (PFDEBUG DECODE). */
    String decodeSparse() {
        StringBuilder b = new StringBuilder();
        int p = HEADER;
        while (p < len) {
            int op = HllSparse.at(buf, p);
            if (HllSparse.isZero(op)) {
                b.append("z:").append(HllSparse.zeroLen(buf, p)).append(' ');
                p++;
            } else if (HllSparse.isXzero(op)) {
                b.append("Z:").append(HllSparse.xzeroLen(buf, p)).append(' ');
                p += 2;
            } else {
                b.append("v:").append(HllSparse.valValue(buf, p)).append(',').append(HllSparse.valLen(buf, p)).append(' ');
                p++;
            }
        }
        return b.toString().strip();
    }
}
