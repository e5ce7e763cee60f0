package dev.aioj.server;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Function libraries in Redis's serialization, the one place that knows it:
 * FUNCTION DUMP and RESTORE use it, and so will RDB persistence (each
 * library is an {@code RDB_OPCODE_FUNCTION2} byte, 245, then its code as an
 * RDB string). A DUMP payload ends with the RDB version (10, Redis 7.0) and
 * the CRC-64 of everything before it, both little-endian, so payloads move
 * between aioj-server and redis-server 7.0 both ways. Strings are read in
 * every RDB encoding (plain, integer, LZF-compressed) and written plain.
 *
 * <p>Thread contract: pure functions, any thread.
 */
final class FunctionDump {

    private FunctionDump() {}

    static final int RDB_OPCODE_FUNCTION2 = 245;
    static final int RDB_OPCODE_FUNCTION_PRE_GA = 246;
    static final int RDB_VERSION = 10;

    /** A payload that cannot be read, with Redis's reason. */
    static final class BadPayload extends Exception {
        private static final long serialVersionUID = 1L;

        BadPayload(String message) {
            super(message);
        }
    }

    /** The DUMP payload of these libraries' code. */
    static byte[] dump(List<byte[]> libraryCodes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] code : libraryCodes) {
            writeLibrary(out, code);
        }
        out.write(RDB_VERSION & 0xff);
        out.write((RDB_VERSION >>> 8) & 0xff);
        byte[] body = out.toByteArray();
        long crc = Crc64.update(0, body, 0, body.length);
        for (int i = 0; i < 8; i++) {
            out.write((int) (crc >>> (8 * i)));
        }
        return out.toByteArray();
    }

    /** One library as RDB persistence writes it: the opcode, then the code as a string. */
    static void writeLibrary(ByteArrayOutputStream out, byte[] code) {
        out.write(RDB_OPCODE_FUNCTION2);
        writeLength(out, code.length);
        out.write(code, 0, code.length);
    }

    /** Redis's rdbSaveLen. */
    static void writeLength(ByteArrayOutputStream out, long len) {
        if (len < (1 << 6)) {
            out.write((int) len);
        } else if (len < (1 << 14)) {
            out.write((int) ((len >>> 8) | 0x40));
            out.write((int) len);
        } else if (len <= 0xffffffffL) {
            out.write(0x80);
            for (int i = 3; i >= 0; i--) {
                out.write((int) (len >>> (8 * i)));
            }
        } else {
            out.write(0x81);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (len >>> (8 * i)));
            }
        }
    }

    /** The library codes in a DUMP payload, after checking its version and checksum. */
    static List<byte[]> restore(byte[] payload) throws BadPayload {
        if (payload.length < 10) {
            throw new BadPayload("DUMP payload version or checksum are wrong");
        }
        int footer = payload.length - 10;
        int version = (payload[footer] & 0xff) | ((payload[footer + 1] & 0xff) << 8);
        long crc = 0;
        for (int i = 7; i >= 0; i--) {
            crc = (crc << 8) | (payload[payload.length - 8 + i] & 0xff);
        }
        if (version > RDB_VERSION || Crc64.update(0, payload, 0, payload.length - 8) != crc) {
            throw new BadPayload("DUMP payload version or checksum are wrong");
        }
        Reader r = new Reader(payload, footer);
        List<byte[]> codes = new ArrayList<>();
        while (r.pos < footer) {
            int opcode = r.u8();
            if (opcode == RDB_OPCODE_FUNCTION_PRE_GA) {
                throw new BadPayload("Pre-GA function format not supported");
            }
            if (opcode != RDB_OPCODE_FUNCTION2) {
                throw new BadPayload("given type is not a function");
            }
            codes.add(r.string());
        }
        return codes;
    }

    /** Reads RDB strings and lengths from a payload, failing cleanly on truncation. */
    private static final class Reader {
        private final byte[] b;
        private final int end;
        int pos;

        Reader(byte[] b, int end) {
            this.b = b;
            this.end = end;
        }

        int u8() throws BadPayload {
            if (pos >= end) {
                throw new BadPayload("payload is truncated");
            }
            return b[pos++] & 0xff;
        }

        /** rdbLoadLen: the length, or -(encoding+1) for a special encoding. */
        long length() throws BadPayload {
            int first = u8();
            int type = (first & 0xc0) >> 6;
            switch (type) {
                case 0:
                    return first & 0x3f;
                case 1:
                    return ((first & 0x3f) << 8) | u8();
                case 3:
                    return -((first & 0x3f) + 1);
                default:
                    long v = 0;
                    int n = first == 0x80 ? 4 : first == 0x81 ? 8 : -1;
                    if (n < 0) {
                        throw new BadPayload("unknown length encoding " + first);
                    }
                    for (int i = 0; i < n; i++) {
                        v = (v << 8) | u8();
                    }
                    return v;
            }
        }

        byte[] string() throws BadPayload {
            long len = length();
            if (len >= 0) {
                return bytes(len);
            }
            int enc = (int) (-len - 1);
            switch (enc) {
                case 0:
                    return Long.toString((byte) u8()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                case 1: {
                    int v = u8() | (u8() << 8);
                    return Long.toString((short) v).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                }
                case 2: {
                    int v = u8() | (u8() << 8) | (u8() << 16) | (u8() << 24);
                    return Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                }
                case 3: {
                    long clen = length();
                    long ulen = length();
                    byte[] compressed = bytes(clen);
                    byte[] plain = Lzf.decompress(compressed, (int) ulen);
                    if (plain == null) {
                        throw new BadPayload("invalid LZF data");
                    }
                    return plain;
                }
                default:
                    throw new BadPayload("unknown string encoding " + enc);
            }
        }

        private byte[] bytes(long len) throws BadPayload {
            if (len < 0 || len > end - pos) {
                throw new BadPayload("payload is truncated");
            }
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + (int) len);
            pos += (int) len;
            return out;
        }
    }
}
