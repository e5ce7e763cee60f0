package dev.aioj.amqp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Builds outgoing frames into one growable byte array: AMQP's field types
 * (octet, short, long, longlong, shortstr, longstr, bits, tables) and the
 * frame envelope (type, channel, size patched in at the end, end byte
 * 0xCE). A whole message (method, header, bodies) is encoded into one
 * encoder and handed to the transport as one write, so its frames are
 * contiguous on the wire whatever other thread publishes. Used on the loop
 * thread, or by one thread that owns it.
 */
final class FrameEncoder {

    static final int FRAME_METHOD = 1, FRAME_HEADER = 2, FRAME_BODY = 3, FRAME_HEARTBEAT = 8;
    static final int FRAME_END = 0xCE;
    /** Type (1), channel (2), size (4) before the payload; the end byte after it. */
    static final int FRAME_OVERHEAD = 8;

    private byte[] bytes;
    private int length;
    private int frameStart = -1;

    FrameEncoder(int capacity) {
        bytes = new byte[Math.max(capacity, 64)];
    }

    int length() {
        return length;
    }

    void clear() {
        length = 0;
        frameStart = -1;
    }

    /** A buffer over the bytes written so far (not a copy: valid until the next write). */
    ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes, 0, length);
    }

    /** The encoder's own array (bytes [0, length) are the frames): valid until the next write. */
    byte[] array() {
        return bytes;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    // ---------------------------------------------------------------- frames

    FrameEncoder startFrame(int type, int channel) {
        if (frameStart >= 0) throw new IllegalStateException("frame already started at " + frameStart);
        frameStart = length;
        octet(type);
        shortInt(channel);
        longInt(0); // size, patched by endFrame
        return this;
    }

    FrameEncoder startMethod(int channel, int classId, int methodId) {
        startFrame(FRAME_METHOD, channel);
        shortInt(classId);
        shortInt(methodId);
        return this;
    }

    void endFrame() {
        int size = length - frameStart - 7;
        int p = frameStart + 3;
        bytes[p] = (byte) (size >>> 24);
        bytes[p + 1] = (byte) (size >>> 16);
        bytes[p + 2] = (byte) (size >>> 8);
        bytes[p + 3] = (byte) size;
        octet(FRAME_END);
        frameStart = -1;
    }

    void heartbeat() {
        startFrame(FRAME_HEARTBEAT, 0);
        endFrame();
    }

    /**
     * The content header and the body frames of a message: the body split
     * into frames of at most {@code frameMax - 8} bytes (frameMax 0: no limit).
     */
    void content(int channel, BasicProperties properties, byte[] body, int offset, int count, int frameMax) {
        startFrame(FRAME_HEADER, channel);
        shortInt(60);
        shortInt(0);
        longLong(count);
        properties.encode(this);
        endFrame();
        int chunk = frameMax == 0 ? Integer.MAX_VALUE : frameMax - FRAME_OVERHEAD;
        for (int sent = 0; sent < count; ) {
            int n = Math.min(chunk, count - sent);
            startFrame(FRAME_BODY, channel);
            raw(body, offset + sent, n);
            endFrame();
            sent += n;
        }
    }

    // ---------------------------------------------------------------- field types

    FrameEncoder octet(int v) {
        ensure(1);
        bytes[length++] = (byte) v;
        return this;
    }

    FrameEncoder shortInt(int v) {
        ensure(2);
        bytes[length++] = (byte) (v >>> 8);
        bytes[length++] = (byte) v;
        return this;
    }

    FrameEncoder longInt(int v) {
        ensure(4);
        bytes[length++] = (byte) (v >>> 24);
        bytes[length++] = (byte) (v >>> 16);
        bytes[length++] = (byte) (v >>> 8);
        bytes[length++] = (byte) v;
        return this;
    }

    FrameEncoder longLong(long v) {
        longInt((int) (v >>> 32));
        longInt((int) v);
        return this;
    }

    /** Bits packed into one octet, first argument in the lowest bit, as AMQP packs consecutive bits. */
    FrameEncoder bits(boolean... flags) {
        int v = 0;
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) v |= 1 << i;
        }
        return octet(v);
    }

    FrameEncoder raw(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, bytes, length, n);
        length += n;
        return this;
    }

    /** A short string: at most 255 bytes of UTF-8, else {@link IllegalArgumentException} naming it. */
    FrameEncoder shortString(String s) {
        if (s == null) s = "";
        int start = length;
        ensure(1 + s.length());
        length++;
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        int n;
        if (ascii) {
            n = s.length();
            if (n > 255) throw new IllegalArgumentException("short string longer than 255 bytes: " + n + " bytes");
            for (int i = 0; i < n; i++) {
                bytes[length++] = (byte) s.charAt(i);
            }
        } else {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            n = utf8.length;
            if (n > 255) throw new IllegalArgumentException("short string longer than 255 bytes: " + n + " bytes");
            raw(utf8, 0, n);
        }
        bytes[start] = (byte) n;
        return this;
    }

    FrameEncoder longString(byte[] b) {
        longInt(b.length);
        return raw(b, 0, b.length);
    }

    FrameEncoder longString(String s) {
        return longString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A field table; values: see {@link #fieldValue}. */
    FrameEncoder table(Map<String, ?> table) {
        int sizeAt = length;
        longInt(0);
        if (table != null) {
            for (Map.Entry<String, ?> e : table.entrySet()) {
                shortString(e.getKey());
                fieldValue(e.getKey(), e.getValue());
            }
        }
        int size = length - sizeAt - 4;
        bytes[sizeAt] = (byte) (size >>> 24);
        bytes[sizeAt + 1] = (byte) (size >>> 16);
        bytes[sizeAt + 2] = (byte) (size >>> 8);
        bytes[sizeAt + 3] = (byte) size;
        return this;
    }

    /**
     * One typed value, in RabbitMQ's flavour of the field types: String and
     * byte[] as long strings, Boolean, Byte, Short, Integer, Long, Float,
     * Double, Date (timestamp), Map (table), List (array), null (void).
     */
    private void fieldValue(String name, Object v) {
        switch (v) {
            case null -> octet('V');
            case String s -> octet('S').longString(s);
            case byte[] b -> octet('x').longString(b);
            case Boolean b -> octet('t').octet(b ? 1 : 0);
            case Byte b -> octet('b').octet(b);
            case Short s -> octet('s').shortInt(s);
            case Integer i -> octet('I').longInt(i);
            case Long l -> octet('l').longLong(l);
            case Float f -> octet('f').longInt(Float.floatToIntBits(f));
            case Double d -> octet('d').longLong(Double.doubleToLongBits(d));
            case Date d -> octet('T').longLong(d.getTime() / 1000);
            case Map<?, ?> m -> {
                octet('F');
                @SuppressWarnings("unchecked")
                Map<String, ?> t = (Map<String, ?>) m;
                table(t);
            }
            case List<?> list -> {
                octet('A');
                int sizeAt = length;
                longInt(0);
                for (Object item : list) {
                    fieldValue(name, item);
                }
                int size = length - sizeAt - 4;
                bytes[sizeAt] = (byte) (size >>> 24);
                bytes[sizeAt + 1] = (byte) (size >>> 16);
                bytes[sizeAt + 2] = (byte) (size >>> 8);
                bytes[sizeAt + 3] = (byte) size;
            }
            default -> throw new IllegalArgumentException(
                    "field " + name + ": unsupported type " + v.getClass().getName());
        }
    }
}
