package dev.aioj.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Redis's listpack ({@code listpack.c}) as bytes: the form in which Redis
 * 7.0 stores small hashes and sorted sets and the nodes of a list's
 * quicklist, and writes them into RDB files and DUMP payloads as one string.
 * aioj-server keeps its values in Java structures and builds or reads this
 * form only at the edge ({@link RdbValues}).
 *
 * <p>Layout: total bytes (u32 LE), element count (u16 LE, 65535 when it does
 * not fit), the entries, 0xFF. An entry is its encoding and data, then its
 * own length backwards (the "backlen", 1 to 5 bytes). A string that is a
 * canonical integer ({@code string2ll}) is stored as an integer, as
 * {@code lpAppend} does, and comes back as the same decimal text.
 *
 * <p>Thread contract: pure functions and a builder owned by one thread.
 */
final class Listpack {

    private static final int HEADER = 6;
    private static final int EOF = 0xFF;

    /** Builds one listpack, element by element. */
    static final class Builder {
        private byte[] b = new byte[256];
        private int pos = HEADER;
        private int count;

        int bytes() {
            return pos + 1;
        }

        int count() {
            return count;
        }

        Builder add(byte[] s) {
            if (s.length > 0 && s.length <= 20 && Numbers.isLong(s)) {
                return add(Numbers.toLong(s));
            }
            int start = pos;
            int len = s.length;
            if (len < 64) {
                ensure(1 + len + 5);
                b[pos++] = (byte) (0x80 | len);
            } else if (len < 4096) {
                ensure(2 + len + 5);
                b[pos++] = (byte) (0xE0 | (len >>> 8));
                b[pos++] = (byte) len;
            } else {
                ensure(5 + len + 5);
                b[pos++] = (byte) 0xF0;
                for (int i = 0; i < 4; i++) {
                    b[pos++] = (byte) (len >>> (8 * i));
                }
            }
            System.arraycopy(s, 0, b, pos, len);
            pos += len;
            backlen(pos - start);
            count++;
            return this;
        }

        Builder add(long v) {
            ensure(9 + 5);
            int start = pos;
            if (v >= 0 && v <= 127) {
                b[pos++] = (byte) v;
            } else if (v >= -4096 && v <= 4095) {
                long uv = v < 0 ? (1L << 13) + v : v;
                b[pos++] = (byte) ((uv >>> 8) | 0xC0);
                b[pos++] = (byte) uv;
            } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                b[pos++] = (byte) 0xF1;
                le(v, 2);
            } else if (v >= -(1 << 23) && v < (1 << 23)) {
                b[pos++] = (byte) 0xF2;
                le(v, 3);
            } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                b[pos++] = (byte) 0xF3;
                le(v, 4);
            } else {
                b[pos++] = (byte) 0xF4;
                le(v, 8);
            }
            backlen(pos - start);
            count++;
            return this;
        }

        /** The finished listpack; the builder must not be used afterwards. */
        byte[] build() {
            ensure(1);
            b[pos++] = (byte) EOF;
            int total = pos;
            for (int i = 0; i < 4; i++) {
                b[i] = (byte) (total >>> (8 * i));
            }
            int n = Math.min(count, 65535);
            b[4] = (byte) n;
            b[5] = (byte) (n >>> 8);
            return b.length == total ? b : Arrays.copyOf(b, total);
        }

        private void le(long v, int n) {
            for (int i = 0; i < n; i++) {
                b[pos++] = (byte) (v >>> (8 * i));
            }
        }

        /** lpEncodeBacklen. */
        private void backlen(int l) {
            if (l <= 127) {
                b[pos++] = (byte) l;
            } else if (l < 16383) {
                b[pos++] = (byte) (l >>> 7);
                b[pos++] = (byte) ((l & 127) | 128);
            } else if (l < 2097151) {
                b[pos++] = (byte) (l >>> 14);
                b[pos++] = (byte) (((l >>> 7) & 127) | 128);
                b[pos++] = (byte) ((l & 127) | 128);
            } else if (l < 268435455) {
                b[pos++] = (byte) (l >>> 21);
                b[pos++] = (byte) (((l >>> 14) & 127) | 128);
                b[pos++] = (byte) (((l >>> 7) & 127) | 128);
                b[pos++] = (byte) ((l & 127) | 128);
            } else {
                b[pos++] = (byte) (l >>> 28);
                b[pos++] = (byte) (((l >>> 21) & 127) | 128);
                b[pos++] = (byte) (((l >>> 14) & 127) | 128);
                b[pos++] = (byte) (((l >>> 7) & 127) | 128);
                b[pos++] = (byte) ((l & 127) | 128);
            }
        }

        private void ensure(int more) {
            if (pos + more > b.length) {
                b = Arrays.copyOf(b, Math.max(b.length * 2, pos + more));
            }
        }
    }

    /** A listpack that cannot be read, with the offset where it goes wrong. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    /** The entries of {@code lp}, integers as their decimal text; checks every length against the bytes. */
    static List<byte[]> decode(byte[] lp) throws Malformed {
        if (lp.length < HEADER + 1) {
            throw new Malformed("listpack shorter than its header: " + lp.length + " bytes");
        }
        long total = u32(lp, 0);
        if (total != lp.length) {
            throw new Malformed("listpack header says " + total + " bytes, the string has " + lp.length);
        }
        int declared = (lp[4] & 0xff) | ((lp[5] & 0xff) << 8);
        List<byte[]> out = new ArrayList<>(declared == 65535 ? 16 : declared);
        int p = HEADER;
        try {
            while ((lp[p] & 0xff) != EOF) {
                int start = p;
                int c = lp[p] & 0xff;
                byte[] value;
                if ((c & 0x80) == 0) {
                    value = Numbers.toBytes(c);
                    p += 1;
                } else if ((c & 0xC0) == 0x80) {
                    int len = c & 0x3F;
                    value = Arrays.copyOfRange(lp, p + 1, p + 1 + len);
                    p += 1 + len;
                } else if ((c & 0xE0) == 0xC0) {
                    int uv = ((c & 0x1F) << 8) | (lp[p + 1] & 0xff);
                    value = Numbers.toBytes(uv >= 1 << 12 ? uv - (1 << 13) : uv);
                    p += 2;
                } else if ((c & 0xF0) == 0xE0) {
                    int len = ((c & 0x0F) << 8) | (lp[p + 1] & 0xff);
                    value = Arrays.copyOfRange(lp, p + 2, p + 2 + len);
                    p += 2 + len;
                } else if (c == 0xF0) {
                    long len = u32(lp, p + 1);
                    if (len > lp.length - p) {
                        throw new Malformed("listpack string of " + len + " bytes at offset " + p + " overruns");
                    }
                    value = Arrays.copyOfRange(lp, p + 5, p + 5 + (int) len);
                    p += 5 + (int) len;
                } else if (c >= 0xF1 && c <= 0xF4) {
                    int n = c == 0xF1 ? 2 : c == 0xF2 ? 3 : c == 0xF3 ? 4 : 8;
                    long v = 0;
                    for (int i = n - 1; i >= 0; i--) {
                        v = (v << 8) | (lp[p + 1 + i] & 0xff);
                    }
                    v = (v << (64 - 8 * n)) >> (64 - 8 * n); // sign-extend
                    value = Numbers.toBytes(v);
                    p += 1 + n;
                } else {
                    throw new Malformed("unknown listpack encoding 0x" + Integer.toHexString(c) + " at offset " + p);
                }
                int encLen = p - start;
                int backlen = encLen <= 127 ? 1 : encLen < 16383 ? 2 : encLen < 2097151 ? 3 : encLen < 268435455 ? 4 : 5;
                if (p + backlen > lp.length - 1) {
                    throw new Malformed("listpack entry at offset " + start + " overruns the string");
                }
                p += backlen;
                out.add(value);
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new Malformed("listpack entry overruns the string");
        }
        if (p != lp.length - 1) {
            throw new Malformed("listpack ends at offset " + p + " of " + lp.length);
        }
        if (declared != 65535 && declared != out.size()) {
            throw new Malformed("listpack header counts " + declared + " entries, found " + out.size());
        }
        return out;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }
}
