package dev.aioj.redis.resp;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The payloads of large bulk strings that bypass {@link RespParser}'s
 * accumulation buffer: once the parser sees a bulk string whose payload is
 * still arriving, it moves the bytes it has here ({@link #start}), and
 * {@link RespParser#feed} copies the following bytes straight in
 * ({@link #fill}). So a 100 MiB value is copied once, into the array the value
 * will own, instead of into the buffer and then out again.
 *
 * <p>The array starts at {@link #CHUNK} bytes and doubles with the data, up to
 * the declared length: a peer that declares 512 MiB and stalls has cost only
 * what it sent. Finished payloads wait in order until {@link FrameBuilder}
 * {@link #take}s them while building their frame.
 *
 * <p>Loop thread only, like the parser that owns it.
 */
final class Spill {

    /** First capacity of a spilled payload's array. */
    static final int CHUNK = 64 * 1024;

    private byte[] current;
    private int filled;
    private int length;
    private final ArrayDeque<byte[]> finished = new ArrayDeque<>();

    /** Whether a payload is being filled, so the frame cannot be complete yet. */
    boolean active() {
        return current != null;
    }

    /** Capacity of the payload being filled (0 if none), for tests. */
    int capacity() {
        return current == null ? 0 : current.length;
    }

    /** Begins a payload of {@code length} bytes with the {@code have < length} bytes at {@code source[from]}. */
    void start(byte[] source, int from, int have, int length) {
        current = new byte[Math.min(length, Math.max(have, CHUNK))];
        System.arraycopy(source, from, current, 0, have);
        filled = have;
        this.length = length;
    }

    /** Takes as many bytes of {@code data} as the payload still needs; returns how many. */
    int fill(ByteBuffer data) {
        int n = Math.min(data.remaining(), length - filled);
        if (filled + n > current.length) {
            long grown = Math.max(filled + (long) n, 2L * current.length);
            current = Arrays.copyOf(current, (int) Math.min(length, grown));
        }
        data.get(current, filled, n);
        filled += n;
        if (filled == length) {
            finished.add(current);
            current = null;
        }
        return n;
    }

    /** The oldest finished payload, handed over to its {@link RespValue.Bulk}. */
    byte[] take() {
        return finished.remove();
    }
}
