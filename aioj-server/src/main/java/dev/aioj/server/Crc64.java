package dev.aioj.server;

/**
 * Redis's CRC-64 ("Jones": polynomial 0xad93d23594c935a9, reflected, initial
 * 0, no final xor; check value of "123456789" 0xe9c6d914c4b8d9ca), which
 * ends DUMP and FUNCTION DUMP payloads and RDB files. Table-driven, one byte
 * at a time.
 *
 * <p>Thread contract: pure functions, any thread.
 */
final class Crc64 {

    private Crc64() {}

    private static final long POLY_REFLECTED = 0x95ac9329ac4bc9b5L;
    private static final long[] TABLE = new long[256];

    static {
        for (int n = 0; n < 256; n++) {
            long crc = n;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY_REFLECTED : crc >>> 1;
            }
            TABLE[n] = crc;
        }
    }

    /** Continues {@code crc} over {@code b[off, off+len)}; start with 0. */
    static long update(long crc, byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            crc = TABLE[(int) ((crc ^ b[i]) & 0xff)] ^ (crc >>> 8);
        }
        return crc;
    }
}
