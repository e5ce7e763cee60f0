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
    private static final int SPARSE_VAL_MAX_VALUE = 32;
    private static final int SPARSE_VAL_MAX_LEN = 4;
    private static final int SPARSE_ZERO_MAX_LEN = 64;
    private static final int SPARSE_XZERO_MAX_LEN = 16384;
    /** 0.5 / ln(2), Redis's HLL_ALPHA_INF. */
    private static final double ALPHA_INF = 0.721347520444481703680;
    private static final long MURMUR_SEED = 0xadc83b19L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The value's bytes; {@code len} of them are used, the rest is zeroed slack for sparse edits. */
    private byte[] buf;
    private int len;

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
        setXzero(b, HEADER, REGISTERS);
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

    // ------------------------------------------------------------------ hashing

    /** Redis's MurmurHash64A (the endian-neutral variant). */
    static long murmurHash64A(byte[] key, long seed) {
        final long m = 0xc6a4a7935bd1e995L;
        final int r = 47;
        int length = key.length;
        long h = seed ^ (length * m);
        int blocks = length - (length & 7);
        for (int i = 0; i < blocks; i += 8) {
            long k = (long) LONGS.get(key, i);
            k *= m;
            k ^= k >>> r;
            k *= m;
            h ^= k;
            h *= m;
        }
        switch (length & 7) {
            case 7: h ^= (long) (key[blocks + 6] & 0xFF) << 48; // fall through
            case 6: h ^= (long) (key[blocks + 5] & 0xFF) << 40; // fall through
            case 5: h ^= (long) (key[blocks + 4] & 0xFF) << 32; // fall through
            case 4: h ^= (long) (key[blocks + 3] & 0xFF) << 24; // fall through
            case 3: h ^= (long) (key[blocks + 2] & 0xFF) << 16; // fall through
            case 2: h ^= (long) (key[blocks + 1] & 0xFF) << 8; // fall through
            case 1:
                h ^= key[blocks] & 0xFF;
                h *= m;
                break;
            default:
                break;
        }
        h ^= h >>> r;
        h *= m;
        h ^= h >>> r;
        return h;
    }

    /** The register an element hashes to (low 14 bits) and its run length "000..1" count, packed index << 8 | count. */
    static int patternOf(byte[] element) {
        long hash = murmurHash64A(element, MURMUR_SEED);
        int index = (int) (hash & (REGISTERS - 1));
        hash >>>= P;
        hash |= 1L << Q;
        int count = Long.numberOfTrailingZeros(hash) + 1;
        return index << 8 | count;
    }

    /**
     * Adds an element: 1 if a register grew, 0 if not, -1 if the sparse form
     * is corrupt. {@code sparseMaxBytes} is {@code hll-sparse-max-bytes}.
     */
    int add(byte[] element, int sparseMaxBytes) {
        int pattern = patternOf(element);
        return setRegister(pattern >>> 8, pattern & 0xFF, sparseMaxBytes);
    }

    /**
     * Raises register {@code index} to {@code count} if lower: 1 if changed,
     * 0 if not, -1 if corrupt. {@code sparseMaxBytes} is {@code
     * hll-sparse-max-bytes}.
     */
    int setRegister(int index, int count, int sparseMaxBytes) {
        return encoding() == DENSE ? denseSet(index, count) : sparseSet(index, count, sparseMaxBytes);
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

    // ------------------------------------------------------------------ sparse

    private static boolean isZero(int b) {
        return (b & 0xC0) == 0;
    }

    private static boolean isXzero(int b) {
        return (b & 0xC0) == 0x40;
    }

    private static boolean isVal(int b) {
        return (b & 0x80) != 0;
    }

    private int at(int i) {
        return i < buf.length ? buf[i] & 0xFF : 0;
    }

    private int zeroLen(int p) {
        return (at(p) & 0x3F) + 1;
    }

    private int xzeroLen(int p) {
        return (((at(p) & 0x3F) << 8) | at(p + 1)) + 1;
    }

    private int valValue(int p) {
        return ((at(p) >> 2) & 0x1F) + 1;
    }

    private int valLen(int p) {
        return (at(p) & 0x3) + 1;
    }

    private static byte val(int value, int length) {
        return (byte) (((value - 1) << 2 | (length - 1)) | 0x80);
    }

    private static void setXzero(byte[] b, int p, int length) {
        int l = length - 1;
        b[p] = (byte) ((l >> 8) | 0x40);
        b[p + 1] = (byte) (l & 0xFF);
    }

    /** Redis's hllSparseSet, step by step. */
    private int sparseSet(int index, int count, int sparseMaxBytes) {
        if (count > SPARSE_VAL_MAX_VALUE) {
            return promote(index, count);
        }
        if (buf.length < len + 3) {
            buf = Arrays.copyOf(buf, Math.max(len + 3, buf.length * 2));
        }
        // Step 1: find the opcode covering the register.
        int p = HEADER;
        int end = len;
        long first = 0;
        int prev = -1;
        long span = 0;
        while (p < end) {
            int oplen = 1;
            int b = at(p);
            if (isZero(b)) {
                span = zeroLen(p);
            } else if (isVal(b)) {
                span = valLen(p);
            } else {
                span = xzeroLen(p);
                oplen = 2;
            }
            if (index <= first + span - 1) {
                break;
            }
            prev = p;
            p += oplen;
            first += span;
        }
        if (span == 0 || p >= end) {
            return -1;
        }
        int next = isXzero(at(p)) ? p + 2 : p + 1;
        if (next >= end) {
            next = -1;
        }
        boolean isZero = false;
        boolean isXzero = false;
        boolean isVal = false;
        long runlen;
        if (isZero(at(p))) {
            isZero = true;
            runlen = zeroLen(p);
        } else if (isXzero(at(p))) {
            isXzero = true;
            runlen = xzeroLen(p);
        } else {
            isVal = true;
            runlen = valLen(p);
        }
        // Step 2: the trivial cases.
        boolean updated = false;
        if (isVal) {
            int old = valValue(p);
            if (old >= count) {
                return 0;
            }
            if (runlen == 1) {
                buf[p] = val(count, 1);
                updated = true;
            }
        }
        if (!updated && isZero && runlen == 1) {
            buf[p] = val(count, 1);
            updated = true;
        }
        if (!updated) {
            // Step 3: split the opcode into up to three.
            byte[] seq = new byte[5];
            int n = 0;
            long last = first + span - 1;
            if (isZero || isXzero) {
                if (index != first) {
                    n = putZeros(seq, n, (int) (index - first));
                }
                seq[n++] = val(count, 1);
                if (index != last) {
                    n = putZeros(seq, n, (int) (last - index));
                }
            } else {
                int current = valValue(p);
                if (index != first) {
                    seq[n++] = val(current, (int) (index - first));
                }
                seq[n++] = val(count, 1);
                if (index != last) {
                    seq[n++] = val(current, (int) (last - index));
                }
            }
            int oldlen = isXzero ? 2 : 1;
            int delta = n - oldlen;
            if (delta > 0 && len + delta > sparseMaxBytes) {
                return promote(index, count);
            }
            if (delta != 0 && next >= 0) {
                System.arraycopy(buf, next, buf, next + delta, end - next);
            }
            len += delta;
            System.arraycopy(seq, 0, buf, p, n);
            end += delta;
            if (delta < 0) {
                Arrays.fill(buf, len, len - delta, (byte) 0);
            }
        }
        // Step 4: merge adjacent VAL opcodes of the same value.
        p = prev >= 0 ? prev : HEADER;
        int scan = 5;
        while (p < end && scan-- > 0) {
            int b = at(p);
            if (isXzero(b)) {
                p += 2;
                continue;
            }
            if (isZero(b)) {
                p++;
                continue;
            }
            if (p + 1 < end && isVal(at(p + 1))) {
                int v1 = valValue(p);
                int v2 = valValue(p + 1);
                if (v1 == v2) {
                    int merged = valLen(p) + valLen(p + 1);
                    if (merged <= SPARSE_VAL_MAX_LEN) {
                        buf[p + 1] = val(v1, merged);
                        System.arraycopy(buf, p + 1, buf, p, end - p - 1);
                        len--;
                        end--;
                        buf[end] = 0;
                        continue;
                    }
                }
            }
            p++;
        }
        invalidateCache();
        return 1;
    }

    private static int putZeros(byte[] seq, int n, int length) {
        if (length > SPARSE_ZERO_MAX_LEN) {
            int l = length - 1;
            seq[n++] = (byte) ((l >> 8) | 0x40);
            seq[n++] = (byte) (l & 0xFF);
        } else {
            seq[n++] = (byte) (length - 1);
        }
        return n;
    }

    private int promote(int index, int count) {
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
        int idx = 0;
        int p = HEADER;
        while (p < len) {
            int b = at(p);
            if (isZero(b)) {
                idx += zeroLen(p);
                p++;
            } else if (isXzero(b)) {
                idx += xzeroLen(p);
                p += 2;
            } else {
                int runlen = valLen(p);
                int value = valValue(p);
                if (runlen + idx > REGISTERS) {
                    break;
                }
                while (runlen-- > 0) {
                    target.setDenseRegister(idx++, value);
                }
                p++;
            }
        }
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
        int i = 0;
        int p = HEADER;
        while (p < len) {
            int b = at(p);
            if (isZero(b)) {
                i += zeroLen(p);
                p++;
            } else if (isXzero(b)) {
                i += xzeroLen(p);
                p += 2;
            } else {
                int runlen = valLen(p);
                int value = valValue(p);
                if (runlen + i > REGISTERS) {
                    break;
                }
                while (runlen-- > 0) {
                    if (value > max[i]) {
                        max[i] = (byte) value;
                    }
                    i++;
                }
                p++;
            }
        }
        return i == REGISTERS;
    }

    /** The estimated cardinality (hllCount), or -1 if the sparse form is corrupt. */
    long count() {
        int[] histogram = new int[64];
        if (encoding() == DENSE) {
            for (int i = 0; i < REGISTERS; i++) {
                histogram[register(i)]++;
            }
        } else {
            int idx = 0;
            int p = HEADER;
            while (p < len) {
                int b = at(p);
                if (isZero(b)) {
                    int runlen = zeroLen(p);
                    idx += runlen;
                    histogram[0] += runlen;
                    p++;
                } else if (isXzero(b)) {
                    int runlen = xzeroLen(p);
                    idx += runlen;
                    histogram[0] += runlen;
                    p += 2;
                } else {
                    int runlen = valLen(p);
                    idx += runlen;
                    histogram[valValue(p)] += runlen;
                    p++;
                }
            }
            if (idx != REGISTERS) {
                return -1;
            }
        }
        return estimate(histogram);
    }

    /** The cardinality of registers held one per byte (PFCOUNT of several keys, Redis's HLL_RAW). */
    static long countRaw(byte[] registers) {
        int[] histogram = new int[64];
        for (byte r : registers) {
            histogram[r]++;
        }
        return estimate(histogram);
    }

    /** Ertl's estimator from the register histogram, in Redis's order of operations. */
    private static long estimate(int[] histogram) {
        double m = REGISTERS;
        double z = m * tau((m - histogram[Q + 1]) / m);
        for (int j = Q; j >= 1; --j) {
            z += histogram[j];
            z *= 0.5;
        }
        z += m * sigma(histogram[0] / m);
        return Math.round(ALPHA_INF * m * m / z);
    }

    private static double sigma(double x) {
        if (x == 1.) {
            return Double.POSITIVE_INFINITY;
        }
        double zPrime;
        double y = 1;
        double z = x;
        do {
            x *= x;
            zPrime = z;
            z += x * y;
            y += y;
        } while (zPrime != z);
        return z;
    }

    private static double tau(double x) {
        if (x == 0. || x == 1.) {
            return 0.;
        }
        double zPrime;
        double y = 1.0;
        double z = 1 - x;
        do {
            x = Math.sqrt(x);
            zPrime = z;
            y *= 0.5;
            double d = 1 - x;
            z -= d * d * y;
        } while (zPrime != z);
        return z / 3;
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
            int op = at(p);
            if (isZero(op)) {
                b.append("z:").append(zeroLen(p)).append(' ');
                p++;
            } else if (isXzero(op)) {
                b.append("Z:").append(xzeroLen(p)).append(' ');
                p += 2;
            } else {
                b.append("v:").append(valValue(p)).append(',').append(valLen(p)).append(' ');
                p++;
            }
        }
        return b.toString().strip();
    }
}
