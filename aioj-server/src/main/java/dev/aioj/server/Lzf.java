package dev.aioj.server;

/**
 * liblzf's format, which Redis uses for long strings in RDB files and DUMP
 * payloads ({@code rdbcompression yes}): a run of literals is a control byte
 * {@code len-1} (under 32) and the bytes; a back reference is {@code len-2}
 * in the top 3 bits (7 means one more length byte follows) and a 13-bit
 * distance. Any valid stream decompresses with Redis's lzf_decompress, so
 * the compressor here is a plain greedy one with a hash of 3-byte prefixes.
 *
 * <p>Thread contract: pure functions, any thread.
 */
final class Lzf {

    private Lzf() {}

    private static final int MAX_LITERAL = 32;
    private static final int MAX_OFF = 1 << 13;
    private static final int MAX_REF = (1 << 8) + (1 << 3);
    private static final int HASH_BITS = 14;

    /**
     * {@code in} compressed, or null when that would not save at least 4
     * bytes (Redis's rdbSaveLzfStringObject then writes the string plain).
     */
    static byte[] compress(byte[] in) {
        int n = in.length;
        if (n <= 4) {
            return null;
        }
        int limit = n - 4;
        byte[] out = new byte[limit + MAX_LITERAL + 8];
        int[] table = new int[1 << HASH_BITS];
        java.util.Arrays.fill(table, -1);
        int ip = 0;
        int op = 1; // room for the first literal run's control byte
        int lit = 0;
        while (ip < n - 2) {
            int h = hash(in, ip);
            int ref = table[h];
            table[h] = ip;
            int off = ip - ref - 1;
            if (ref >= 0 && off < MAX_OFF && in[ref] == in[ip] && in[ref + 1] == in[ip + 1]
                    && in[ref + 2] == in[ip + 2]) {
                int maxLen = Math.min(MAX_REF, n - ip);
                int len = 3;
                while (len < maxLen && in[ref + len] == in[ip + len]) {
                    len++;
                }
                if (op + 3 + 1 >= limit) {
                    return null;
                }
                // close the literal run
                if (lit > 0) {
                    out[op - lit - 1] = (byte) (lit - 1);
                } else {
                    op--; // no literal: drop the control byte we reserved
                }
                int l = len - 2;
                if (l < 7) {
                    out[op++] = (byte) ((l << 5) | (off >>> 8));
                } else {
                    out[op++] = (byte) ((7 << 5) | (off >>> 8));
                    out[op++] = (byte) (l - 7);
                }
                out[op++] = (byte) off;
                op++; // reserve the next literal run's control byte
                lit = 0;
                for (int k = 1; k < len && ip + k < n - 2; k++) {
                    table[hash(in, ip + k)] = ip + k;
                }
                ip += len;
                continue;
            }
            if (op + 1 >= limit) {
                return null;
            }
            out[op++] = in[ip++];
            lit++;
            if (lit == MAX_LITERAL) {
                out[op - lit - 1] = (byte) (lit - 1);
                lit = 0;
                op++;
            }
        }
        while (ip < n) {
            if (op + 1 >= limit) {
                return null;
            }
            out[op++] = in[ip++];
            lit++;
            if (lit == MAX_LITERAL) {
                out[op - lit - 1] = (byte) (lit - 1);
                lit = 0;
                op++;
            }
        }
        if (lit > 0) {
            out[op - lit - 1] = (byte) (lit - 1);
        } else {
            op--;
        }
        if (op > limit) {
            return null;
        }
        return java.util.Arrays.copyOf(out, op);
    }

    private static int hash(byte[] b, int i) {
        int v = ((b[i] & 0xff) << 16) | ((b[i + 1] & 0xff) << 8) | (b[i + 2] & 0xff);
        return (v * 0x9E3779B1) >>> (32 - HASH_BITS);
    }

    /** liblzf's lzf_decompress into exactly {@code outLength} bytes, or null when {@code in} is not valid. */
    static byte[] decompress(byte[] in, int outLength) {
        byte[] out = new byte[outLength];
        int ip = 0;
        int op = 0;
        try {
            while (ip < in.length) {
                int ctrl = in[ip++] & 0xff;
                if (ctrl < (1 << 5)) {
                    int n = ctrl + 1;
                    System.arraycopy(in, ip, out, op, n);
                    ip += n;
                    op += n;
                } else {
                    int len = ctrl >> 5;
                    int ref = op - ((ctrl & 0x1f) << 8) - 1;
                    if (len == 7) {
                        len += in[ip++] & 0xff;
                    }
                    ref -= in[ip++] & 0xff;
                    len += 2;
                    if (ref < 0) {
                        return null;
                    }
                    for (int i = 0; i < len; i++) {
                        out[op++] = out[ref++];
                    }
                }
            }
        } catch (IndexOutOfBoundsException e) {
            return null;
        }
        return op == outLength ? out : null;
    }
}
