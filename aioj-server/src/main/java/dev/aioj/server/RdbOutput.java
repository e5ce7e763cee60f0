package dev.aioj.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The primitives of Redis's RDB serialization as written (Redis's {@code
 * rdbSaveLen}, {@code rdbSaveRawString}, {@code rdbSaveBinaryDoubleValue},
 * ...), buffered, with the CRC-64 of every byte written kept as it goes, so
 * an RDB file and a DUMP payload end with the same checksum redis-server
 * computes. Strings that are small integers get Redis's integer encodings;
 * longer strings are LZF-compressed when {@code compress} says so and it
 * saves space, as {@code rdbcompression yes} does in Redis.
 *
 * <p>Thread contract: one thread at a time (a save runs on the loop thread,
 * or on the thread that writes a snapshot's bytes).
 */
final class RdbOutput {

    private final OutputStream out;
    private final boolean compress;
    /** False when another thread checksums the bytes (BGSAVE's writer): the loop then skips the CRC work. */
    private final boolean checksumming;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private long crc;
    private long written;

    RdbOutput(OutputStream out, boolean compress) {
        this(out, compress, true);
    }

    RdbOutput(OutputStream out, boolean compress, boolean checksumming) {
        this.out = out;
        this.compress = compress;
        this.checksumming = checksumming;
    }

    long crc() {
        return crc;
    }

    /** Bytes written so far, buffered ones included. */
    long written() {
        return written + pos;
    }

    void flush() throws IOException {
        if (pos > 0) {
            if (checksumming) {
                crc = Crc64.update(crc, buf, 0, pos);
            }
            out.write(buf, 0, pos);
            written += pos;
            pos = 0;
        }
        out.flush();
    }

    private void drain() throws IOException {
        if (checksumming) {
            crc = Crc64.update(crc, buf, 0, pos);
        }
        out.write(buf, 0, pos);
        written += pos;
        pos = 0;
    }

    void u8(int b) throws IOException {
        if (pos == buf.length) {
            drain();
        }
        buf[pos++] = (byte) b;
    }

    void bytes(byte[] b, int off, int len) throws IOException {
        if (len > buf.length - pos) {
            drain();
            if (len > buf.length) {
                if (checksumming) {
                    crc = Crc64.update(crc, b, off, len);
                }
                out.write(b, off, len);
                written += len;
                return;
            }
        }
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    void bytes(byte[] b) throws IOException {
        bytes(b, 0, b.length);
    }

    /** A little-endian integer of {@code n} bytes. */
    void littleEndian(long v, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            u8((int) (v >>> (8 * i)));
        }
    }

    /** Redis's rdbSaveLen: 6, 14, 32 or 64 bits; {@code len} is unsigned (-1 is 2^64-1, as C's uint64_t). */
    void length(long len) throws IOException {
        if (len < 0) {
            u8(0x81);
            for (int i = 7; i >= 0; i--) {
                u8((int) (len >>> (8 * i)));
            }
        } else if (len < (1 << 6)) {
            u8((int) len);
        } else if (len < (1 << 14)) {
            u8((int) ((len >>> 8) | 0x40));
            u8((int) len);
        } else if (len <= 0xffffffffL) {
            u8(0x80);
            for (int i = 3; i >= 0; i--) {
                u8((int) (len >>> (8 * i)));
            }
        } else {
            u8(0x81);
            for (int i = 7; i >= 0; i--) {
                u8((int) (len >>> (8 * i)));
            }
        }
    }

    /** Redis's rdbSaveRawString: integer encoding when it fits, then LZF when it pays, else plain. */
    void string(byte[] s) throws IOException {
        if (s.length <= 11 && s.length > 0 && Numbers.isLong(s)) {
            long v = Numbers.toLong(s);
            if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
                u8(0xC0);
                u8((int) v);
                return;
            } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                u8(0xC1);
                littleEndian(v, 2);
                return;
            } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                u8(0xC2);
                littleEndian(v, 4);
                return;
            }
        }
        if (compress && s.length > 20) {
            byte[] packed = Lzf.compress(s);
            if (packed != null) {
                u8(0xC3);
                length(packed.length);
                length(s.length);
                bytes(packed);
                return;
            }
        }
        length(s.length);
        bytes(s);
    }

    void string(String s) throws IOException {
        string(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A string written as is, never integer-encoded (listpack and intset blobs). */
    void blob(byte[] b, int len) throws IOException {
        if (compress && len > 20) {
            byte[] exact = len == b.length ? b : java.util.Arrays.copyOf(b, len);
            byte[] packed = Lzf.compress(exact);
            if (packed != null) {
                u8(0xC3);
                length(packed.length);
                length(len);
                bytes(packed);
                return;
            }
        }
        length(len);
        bytes(b, 0, len);
    }

    /** Redis's rdbSaveBinaryDoubleValue: the IEEE 754 bits, little-endian. */
    void binaryDouble(double d) throws IOException {
        littleEndian(Double.doubleToRawLongBits(d), 8);
    }

    /** The checksum, little-endian, as the file's or payload's last 8 bytes (not itself checksummed). */
    void checksum() throws IOException {
        flush();
        long c = crc;
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (c >>> (8 * i));
        }
        out.write(b);
        written += 8;
        out.flush();
    }
}
