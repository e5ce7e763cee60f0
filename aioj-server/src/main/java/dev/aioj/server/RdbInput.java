package dev.aioj.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The primitives of Redis's RDB serialization as read (Redis's {@code
 * rdbLoadLen}, {@code rdbGenericLoadStringObject}, ...), from a file or a
 * DUMP payload, keeping the CRC-64 of every byte consumed so the checksum at
 * the end can be checked. Strings come back in every encoding Redis writes:
 * plain, 8/16/32-bit integers, LZF. A length that runs past the end of the
 * input is a {@link RdbException}, never an attempt to allocate it.
 *
 * <p>Thread contract: one thread (loading runs on the loop thread before the
 * server serves, or in DEBUG RELOAD and RESTORE).
 */
final class RdbInput {

    /** Input that is not a valid RDB stream, with what was wrong. */
    static final class RdbException extends Exception {
        private static final long serialVersionUID = 1L;

        RdbException(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;
    private long crc;
    private long consumedBefore;
    /** Bytes left in the input when known (a payload), else Long.MAX_VALUE: bounds every length read. */
    private final long size;

    RdbInput(InputStream in, long size) {
        this.in = in;
        this.buf = new byte[64 * 1024];
        this.size = size;
    }

    static RdbInput of(byte[] payload, int length) {
        return new RdbInput(new java.io.ByteArrayInputStream(payload, 0, length), length);
    }

    /** Bytes consumed so far. */
    long offset() {
        return consumedBefore + pos;
    }

    /** The CRC-64 of every byte consumed so far. */
    long crc() {
        return Crc64.update(crc, buf, 0, pos);
    }

    private boolean fill() throws RdbException {
        crc = Crc64.update(crc, buf, 0, pos);
        consumedBefore += pos;
        pos = 0;
        limit = 0;
        try {
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            limit = n;
            return true;
        } catch (IOException e) {
            throw new RdbException("cannot read: " + e.getMessage());
        }
    }

    int u8() throws RdbException {
        if (pos == limit && !fill()) {
            throw new RdbException("unexpected end of input at offset " + offset());
        }
        return buf[pos++] & 0xff;
    }

    /** True when nothing is left. */
    boolean atEnd() throws RdbException {
        return pos == limit && !fill();
    }

    byte[] bytes(long len) throws RdbException {
        if (len < 0 || len > Integer.MAX_VALUE - 16 || len > size - offset()) {
            throw new RdbException("a length of " + len + " at offset " + offset() + " runs past the input");
        }
        int n = (int) len;
        // Grow as bytes arrive: a lying length in a file fails at the end of the file, not in an allocation.
        byte[] out = new byte[Math.min(n, 1 << 20)];
        int got = 0;
        while (got < n) {
            if (pos == limit && !fill()) {
                throw new RdbException("unexpected end of input at offset " + offset() + " in a string of " + n);
            }
            int k = Math.min(n - got, limit - pos);
            if (got + k > out.length) {
                out = Arrays.copyOf(out, (int) Math.min(n, Math.max((long) out.length * 2, got + k)));
            }
            System.arraycopy(buf, pos, out, got, k);
            pos += k;
            got += k;
        }
        return out;
    }

    long littleEndian(int n) throws RdbException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) u8() << (8 * i);
        }
        return v;
    }

    /** rdbLoadLen for a plain length; a special (encoded-string) marker here is an error. */
    long length() throws RdbException {
        long len = lengthOrEncoding();
        if (len < 0) {
            throw new RdbException("an encoded value where a length was expected at offset " + offset());
        }
        return len;
    }

    /** rdbLoadLen for a number that uses all 64 bits (stream IDs, -1 counters): the bits as they are. */
    long unsignedLength() throws RdbException {
        int first = u8();
        if (first == 0x81) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | u8();
            }
            return v;
        }
        pos--; // not the 64-bit form: read it the usual way
        return length();
    }

    /** rdbLoadLen: the length, or -(encoding+1) for a special encoding (0xC0..0xC3). */
    private long lengthOrEncoding() throws RdbException {
        int first = u8();
        switch ((first & 0xC0) >> 6) {
            case 0:
                return first & 0x3F;
            case 1:
                return ((first & 0x3F) << 8) | u8();
            case 3:
                return -((first & 0x3F) + 1);
            default:
                if (first == 0x80) {
                    long v = 0;
                    for (int i = 0; i < 4; i++) {
                        v = (v << 8) | u8();
                    }
                    return v;
                }
                if (first == 0x81) {
                    long v = 0;
                    for (int i = 0; i < 8; i++) {
                        v = (v << 8) | u8();
                    }
                    if (v < 0) {
                        throw new RdbException("a 64-bit length out of range at offset " + offset());
                    }
                    return v;
                }
                throw new RdbException("unknown length encoding 0x" + Integer.toHexString(first) + " at offset "
                        + offset());
        }
    }

    /** rdbGenericLoadStringObject: a string in any encoding. */
    byte[] string() throws RdbException {
        long len = lengthOrEncoding();
        if (len >= 0) {
            return bytes(len);
        }
        int enc = (int) (-len - 1);
        switch (enc) {
            case 0:
                return Numbers.toBytes((byte) u8());
            case 1:
                return Numbers.toBytes((short) littleEndian(2));
            case 2:
                return Numbers.toBytes((int) littleEndian(4));
            case 3: {
                long clen = length();
                long ulen = length();
                if (ulen > 512L * 1024 * 1024 * 4) {
                    throw new RdbException("an LZF string of " + ulen + " bytes at offset " + offset());
                }
                byte[] packed = bytes(clen);
                byte[] plain = Lzf.decompress(packed, (int) ulen);
                if (plain == null) {
                    throw new RdbException("invalid LZF data at offset " + offset());
                }
                return plain;
            }
            default:
                throw new RdbException("unknown string encoding " + enc + " at offset " + offset());
        }
    }

    /** rdbLoadBinaryDoubleValue. */
    double binaryDouble() throws RdbException {
        return Double.longBitsToDouble(littleEndian(8));
    }

    /** rdbLoadDoubleValue: the old text form (RDB_TYPE_ZSET), 253/254/255 for nan/+inf/-inf. */
    double textDouble() throws RdbException {
        int len = u8();
        switch (len) {
            case 253:
                return Double.NaN;
            case 254:
                return Double.POSITIVE_INFINITY;
            case 255:
                return Double.NEGATIVE_INFINITY;
            default:
                byte[] text = bytes(len);
                try {
                    return Double.parseDouble(new String(text, java.nio.charset.StandardCharsets.US_ASCII));
                } catch (NumberFormatException e) {
                    throw new RdbException("not a double at offset " + offset());
                }
        }
    }
}
