package dev.aioj.server;

import java.util.Arrays;

/**
 * The sparse form of a {@link HyperLogLog} (Redis's hllSparseSet and the
 * opcode macros): registers as run lengths, ZERO {@code 00xxxxxx} (1 to 64
 * zero registers), XZERO {@code 01xxxxxx yyyyyyyy} (1 to 16384) and VAL
 * {@code 1vvvvvxx} (1 to 4 registers of value 1 to 32). Setting a register
 * splits the opcode that covers it into at most three and merges equal
 * neighbours, byte for byte as Redis does, so the values stay identical.
 *
 * <p>Thread contract: pure helpers on the caller's buffer, loop thread.
 */
final class HllSparse {

    private HllSparse() {}

    private static final int VAL_MAX_VALUE = 32;
    private static final int VAL_MAX_LEN = 4;
    private static final int ZERO_MAX_LEN = 64;

    /** One run of registers with the same value (0 for ZERO and XZERO). */
    @FunctionalInterface
    interface Run {
        void registers(int first, int count, int value);
    }

    /**
     * Visits the runs of a sparse value's opcodes {@code buf[HEADER, len)} in
     * order; answers how many registers they cover, or -1 when a VAL run
     * would pass the last register (Redis stops there: corrupt). A valid
     * value covers exactly {@link HyperLogLog#REGISTERS}.
     */
    static int walk(byte[] buf, int len, Run run) {
        int idx = 0;
        int p = HyperLogLog.HEADER;
        while (p < len) {
            int b = at(buf, p);
            if (isZero(b)) {
                int n = zeroLen(buf, p);
                run.registers(idx, n, 0);
                idx += n;
                p++;
            } else if (isXzero(b)) {
                int n = xzeroLen(buf, p);
                run.registers(idx, n, 0);
                idx += n;
                p += 2;
            } else {
                int n = valLen(buf, p);
                if (n + idx > HyperLogLog.REGISTERS) {
                    return -1;
                }
                run.registers(idx, n, valValue(buf, p));
                idx += n;
                p++;
            }
        }
        return idx;
    }

    static boolean isZero(int b) {
        return (b & 0xC0) == 0;
    }

    static boolean isXzero(int b) {
        return (b & 0xC0) == 0x40;
    }

    static boolean isVal(int b) {
        return (b & 0x80) != 0;
    }

    /** The byte at {@code i}, 0 past the buffer (a corrupt value's last opcode may point there). */
    static int at(byte[] buf, int i) {
        return i < buf.length ? buf[i] & 0xFF : 0;
    }

    static int zeroLen(byte[] buf, int p) {
        return (at(buf, p) & 0x3F) + 1;
    }

    static int xzeroLen(byte[] buf, int p) {
        return (((at(buf, p) & 0x3F) << 8) | at(buf, p + 1)) + 1;
    }

    static int valValue(byte[] buf, int p) {
        return ((at(buf, p) >> 2) & 0x1F) + 1;
    }

    static int valLen(byte[] buf, int p) {
        return (at(buf, p) & 0x3) + 1;
    }

    static byte val(int value, int length) {
        return (byte) (((value - 1) << 2 | (length - 1)) | 0x80);
    }

    static void setXzero(byte[] b, int p, int length) {
        int l = length - 1;
        b[p] = (byte) ((l >> 8) | 0x40);
        b[p + 1] = (byte) (l & 0xFF);
    }


    /**
     * Redis's hllSparseSet, step by step: raises register {@code index} of
     * the sparse {@code h} to {@code count}; 1 if changed, 0 if not, -1 if
     * corrupt. Promotes {@code h} to dense as Redis does.
     */
    static int set(HyperLogLog h, int index, int count, int sparseMaxBytes) {
        if (count > VAL_MAX_VALUE) {
            return h.promote(index, count);
        }
        if (h.buf.length < h.len + 3) {
            h.buf = Arrays.copyOf(h.buf, Math.max(h.len + 3, h.buf.length * 2));
        }
        // Step 1: find the opcode covering the register.
        int p = HyperLogLog.HEADER;
        int end = h.len;
        long first = 0;
        int prev = -1;
        long span = 0;
        while (p < end) {
            int oplen = 1;
            int b = at(h.buf, p);
            if (isZero(b)) {
                span = zeroLen(h.buf, p);
            } else if (isVal(b)) {
                span = valLen(h.buf, p);
            } else {
                span = xzeroLen(h.buf, p);
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
        int next = isXzero(at(h.buf, p)) ? p + 2 : p + 1;
        if (next >= end) {
            next = -1;
        }
        boolean isZero = false;
        boolean isXzero = false;
        boolean isVal = false;
        long runlen;
        if (isZero(at(h.buf, p))) {
            isZero = true;
            runlen = zeroLen(h.buf, p);
        } else if (isXzero(at(h.buf, p))) {
            isXzero = true;
            runlen = xzeroLen(h.buf, p);
        } else {
            isVal = true;
            runlen = valLen(h.buf, p);
        }
        // Step 2: the trivial cases.
        boolean updated = false;
        if (isVal) {
            int old = valValue(h.buf, p);
            if (old >= count) {
                return 0;
            }
            if (runlen == 1) {
                h.buf[p] = val(count, 1);
                updated = true;
            }
        }
        if (!updated && isZero && runlen == 1) {
            h.buf[p] = val(count, 1);
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
                int current = valValue(h.buf, p);
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
            if (delta > 0 && h.len + delta > sparseMaxBytes) {
                return h.promote(index, count);
            }
            if (delta != 0 && next >= 0) {
                System.arraycopy(h.buf, next, h.buf, next + delta, end - next);
            }
            h.len += delta;
            System.arraycopy(seq, 0, h.buf, p, n);
            end += delta;
            if (delta < 0) {
                Arrays.fill(h.buf, h.len, h.len - delta, (byte) 0);
            }
        }
        // Step 4: merge adjacent VAL opcodes of the same value.
        p = prev >= 0 ? prev : HyperLogLog.HEADER;
        int scan = 5;
        while (p < end && scan-- > 0) {
            int b = at(h.buf, p);
            if (isXzero(b)) {
                p += 2;
                continue;
            }
            if (isZero(b)) {
                p++;
                continue;
            }
            if (p + 1 < end && isVal(at(h.buf, p + 1))) {
                int v1 = valValue(h.buf, p);
                int v2 = valValue(h.buf, p + 1);
                if (v1 == v2) {
                    int merged = valLen(h.buf, p) + valLen(h.buf, p + 1);
                    if (merged <= VAL_MAX_LEN) {
                        h.buf[p + 1] = val(v1, merged);
                        System.arraycopy(h.buf, p + 1, h.buf, p, end - p - 1);
                        h.len--;
                        end--;
                        h.buf[end] = 0;
                        continue;
                    }
                }
            }
            p++;
        }
        h.invalidateCache();
        return 1;
    }

    private static int putZeros(byte[] seq, int n, int length) {
        if (length > ZERO_MAX_LEN) {
            int l = length - 1;
            seq[n++] = (byte) ((l >> 8) | 0x40);
            seq[n++] = (byte) (l & 0xFF);
        } else {
            seq[n++] = (byte) (length - 1);
        }
        return n;
    }
}
