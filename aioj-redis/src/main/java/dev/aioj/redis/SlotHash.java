package dev.aioj.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Redis Cluster's key → slot function: CRC16 (XMODEM: polynomial 0x1021,
 * initial value 0, no reflection) of the key, mod 16384. If the key holds a
 * hash tag, a {@code '{'} followed later by a {@code '}'} with at least one
 * byte between, only the bytes between the first {@code '{'} and the first
 * {@code '}'} after it are hashed, so {@code {user:1}:name} and {@code
 * {user:1}:mail} share a slot (Redis's {@code keyHashSlot} in cluster.c).
 *
 * <p>Called for every command a {@link RedisClusterClient} routes: String keys
 * are hashed over their UTF-8 bytes without building a byte array when the key
 * is ASCII.
 *
 * <p>Thread contract: any thread (pure functions).
 */
public final class SlotHash {

    /** Redis Cluster's fixed number of hash slots. */
    public static final int SLOTS = 16384;

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            TABLE[i] = crc & 0xFFFF;
        }
    }

    private SlotHash() {}

    /** The slot of a key given as {@code byte[]}, {@code String} (UTF-8), a number (its decimal text) or {@code ByteBuffer}. */
    public static int slot(Object key) {
        return switch (key) {
            case byte[] bytes -> slot(bytes, 0, bytes.length);
            case String s -> slot(s);
            case ByteBuffer buffer -> {
                ByteBuffer b = buffer.duplicate();
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                yield slot(bytes, 0, bytes.length);
            }
            case Integer i -> slot(i.toString());
            case Long l -> slot(l.toString());
            case null -> throw new IllegalArgumentException("key is null");
            default -> slot(String.valueOf(key)); // Double/Float: as RespEncoder writes them (checked there)
        };
    }

    /** The slot of a String key, hashed over its UTF-8 bytes. */
    public static int slot(String key) {
        // One pass for the usual key, ASCII without a '{': each char is its one byte, hashed as it is read.
        int length = key.length();
        int crc = 0;
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (c >= 0x80 || c == '{') {
                return slotOfTaggedOrUtf8(key);
            }
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ c) & 0xFF]) & 0xFFFF;
        }
        return crc & (SLOTS - 1);
    }

    /** {@link #slot(String)} of a key that is not ASCII or may hold a hash tag. */
    private static int slotOfTaggedOrUtf8(String key) {
        int length = key.length();
        for (int i = 0; i < length; i++) {
            if (key.charAt(i) >= 0x80) {
                byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
                return slot(bytes, 0, bytes.length);
            }
        }
        // ASCII: each char is one byte, so the tag search and CRC work on chars directly.
        int start = 0;
        int end = length;
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                start = open + 1;
                end = close;
            }
        }
        int crc = 0;
        for (int i = start; i < end; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ key.charAt(i)) & 0xFF]) & 0xFFFF;
        }
        return crc & (SLOTS - 1);
    }

    /** The slot of {@code length} bytes of {@code key} from {@code offset}. */
    public static int slot(byte[] key, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (key[i] == '{') {
                for (int j = i + 1; j < end; j++) {
                    if (key[j] == '}') {
                        if (j > i + 1) {
                            start = i + 1;
                            end = j;
                        }
                        break;
                    }
                }
                break;
            }
        }
        return crc16(key, start, end - start) & (SLOTS - 1);
    }

    /** CRC16-XMODEM of {@code length} bytes from {@code offset}; {@code crc16("123456789")} is 0x31C3. */
    public static int crc16(byte[] bytes, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ bytes[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }
}
