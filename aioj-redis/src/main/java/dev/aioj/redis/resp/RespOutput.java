package dev.aioj.redis.resp;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable byte buffer that {@link RespEncoder} appends to: the outbound
 * batch of one connection. The client loop encodes every queued command into
 * the same {@code RespOutput}, writes {@code array()[0, size())} to the
 * transport once (the transport copies), and {@link #clear}s it for the next
 * iteration; so a steady pipeline allocates nothing here.
 *
 * <p>{@link #clear} gives memory back after an unusually large batch (a 100 MiB
 * SET) instead of pinning it for the connection's life.
 *
 * <p>Thread contract: not thread-safe; one per connection, loop thread only.
 */
public final class RespOutput {

    /** Enough for a few hundred typical commands before the first growth. */
    static final int DEFAULT_CAPACITY = 8 * 1024;

    /** Above this capacity, {@link #clear} shrinks back to the initial capacity. */
    static final int RETAIN_LIMIT = 1024 * 1024;

    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final int initialCapacity;
    private byte[] bytes;
    private int size;

    public RespOutput() {
        this(DEFAULT_CAPACITY);
    }

    public RespOutput(int initialCapacity) {
        if (initialCapacity < 1) throw new IllegalArgumentException("initialCapacity < 1: " + initialCapacity);
        this.initialCapacity = initialCapacity;
        this.bytes = new byte[initialCapacity];
    }

    /** Bytes written since the last {@link #clear}. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * The backing array; bytes {@code [0, size())} are the output. Valid until
     * the next write or {@link #clear}; hand it to a transport that copies.
     */
    public byte[] array() {
        return bytes;
    }

    /** A view of {@code [0, size())}, valid until the next write or {@link #clear}. */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(bytes, 0, size);
    }

    /** A copy of the output. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Forgets the output; shrinks the array if it grew past {@link #RETAIN_LIMIT}. */
    public void clear() {
        size = 0;
        if (bytes.length > RETAIN_LIMIT && initialCapacity <= RETAIN_LIMIT) bytes = new byte[initialCapacity];
    }

    /** Cuts the output back to {@code newSize} bytes: how a failed encode takes back what it wrote. */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) throw new IllegalArgumentException("newSize not in 0.." + size + ": " + newSize);
        size = newSize;
    }

    // ---- appenders for RespEncoder ------------------------------------------------------

    void ensure(long more) {
        long needed = size + more;
        if (needed <= bytes.length) return;
        if (needed > MAX_ARRAY) {
            throw new IllegalArgumentException("output would exceed " + MAX_ARRAY + " bytes: " + needed);
        }
        bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_ARRAY, Math.max(needed, 2L * bytes.length)));
    }

    void writeByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    void writeCrlf() {
        ensure(2);
        bytes[size++] = '\r';
        bytes[size++] = '\n';
    }

    void write(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    /** The remaining bytes of {@code source}, leaving its position where it was. */
    void write(ByteBuffer source) {
        int length = source.remaining();
        ensure(length);
        source.get(source.position(), bytes, size, length);
        size += length;
    }

    /** ASCII text such as a formatted number (every char is below 0x80). */
    void writeAscii(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
    }

    /** {@code value} in decimal, without the garbage of {@code Long.toString}. */
    void writeDecimal(long value) {
        if (value == Long.MIN_VALUE) {
            writeAscii("-9223372036854775808");
            return;
        }
        int length = decimalLength(value);
        ensure(length);
        int pos = size + length;
        long rest = Math.abs(value);
        do {
            bytes[--pos] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest != 0);
        if (value < 0) bytes[--pos] = '-';
        size += length;
    }

    static int decimalLength(long value) {
        if (value == Long.MIN_VALUE) return 20;
        int length = value < 0 ? 2 : 1;
        for (long rest = Math.abs(value); rest >= 10; rest /= 10) length++;
        return length;
    }

    /**
     * {@code text} in UTF-8, exactly as {@code text.getBytes(UTF_8)} would give
     * it (an unpaired surrogate becomes {@code '?'}), without that array;
     * {@code utf8Length} bytes, as computed by {@link #utf8Length}.
     */
    void writeUtf8(String text, int utf8Length) {
        ensure(utf8Length);
        byte[] b = bytes;
        int pos = size;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                b[pos++] = (byte) c;
            } else if (c < 0x800) {
                b[pos++] = (byte) (0xc0 | (c >> 6));
                b[pos++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                b[pos++] = (byte) (0xf0 | (cp >> 18));
                b[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                b[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                b[pos++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                b[pos++] = '?';
            } else {
                b[pos++] = (byte) (0xe0 | (c >> 12));
                b[pos++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[pos++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        size = pos;
    }

    /** The number of bytes {@link #writeUtf8} writes for {@code text}. */
    /**
     * Writes {@code text} as a bulk string in one pass if it is all ASCII
     * (then its UTF-8 length is its length); returns false, having written
     * nothing, at its first non-ASCII char.
     */
    boolean tryWriteAsciiBulk(String text) {
        int n = text.length();
        int mark = size;
        writeByte('$');
        writeDecimal(n);
        writeCrlf();
        ensure(n + 2L);
        byte[] b = bytes;
        int pos = size;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                size = mark;
                return false;
            }
            b[pos++] = (byte) c;
        }
        b[pos++] = '\r';
        b[pos++] = '\n';
        size = pos;
        return true;
    }

    static long utf8Length(String text) {
        int n = text.length();
        long length = n;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) continue;
            if (c < 0x800) {
                length += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 2;
                i++;
            } else if (!Character.isSurrogate(c)) {
                length += 2;
            }
        }
        return length;
    }
}
