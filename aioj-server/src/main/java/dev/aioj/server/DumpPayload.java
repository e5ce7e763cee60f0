package dev.aioj.server;

import dev.aioj.server.RdbInput.RdbException;
import java.io.IOException;

/**
 * DUMP's serialization of one value, Redis's {@code createDumpPayload} and
 * {@code verifyDumpPayload}: the value's RDB type and body ({@link
 * RdbValues}), the RDB version (10, little-endian u16), and the CRC-64 of
 * all of that (little-endian u64). Payloads are interchangeable with
 * redis-server 7.0 both ways.
 *
 * <p>Thread contract: the server's loop thread (values are engine state).
 */
final class DumpPayload {

    private DumpPayload() {}

    /** Redis's errors, word for word. */
    static final String BAD_VERSION_OR_CHECKSUM = "ERR DUMP payload version or checksum are wrong";
    static final String BAD_FORMAT = "ERR Bad data format";

    /** The payload of {@code value}. */
    static byte[] dump(ServerState s, Object value) {
        RdbFile.ByteCollector bytes = new RdbFile.ByteCollector();
        RdbOutput out = new RdbOutput(bytes, s.live.bool(PersistenceDirectives.RDBCOMPRESSION));
        try {
            RdbValues.write(out, value, s.limits);
            out.littleEndian(RdbFile.RDB_VERSION, 2);
            out.checksum();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** Whether the footer's version is one this server reads and the checksum matches. */
    static boolean verify(byte[] payload) {
        if (payload.length < 10) {
            return false;
        }
        int footer = payload.length - 10;
        int version = (payload[footer] & 0xff) | ((payload[footer + 1] & 0xff) << 8);
        if (version > RdbFile.RDB_VERSION) {
            return false;
        }
        long stored = 0;
        for (int i = 7; i >= 0; i--) {
            stored = (stored << 8) | (payload[payload.length - 8 + i] & 0xff);
        }
        return Crc64.update(0, payload, 0, payload.length - 8) == stored;
    }

    /** The value in a verified payload. */
    static Object restore(ServerState s, byte[] payload) throws RdbException {
        RdbInput in = RdbInput.of(payload, payload.length - 10);
        int type = in.u8();
        if (!RdbValues.isValueType(type)) {
            throw new RdbException("not a value type: " + type);
        }
        return RdbValues.read(in, type, s);
    }
}
