package dev.aioj.memcached;

import java.util.Arrays;

/**
 * The bytes of the requests of one batch, encoded as the meta protocol's text
 * lines: a growable array written to the transport once per loop iteration,
 * then reused. Numbers and keys are written without building strings.
 *
 * <p>Thread contract: loop thread only.
 */
final class RequestBuffer {

    private static final int INITIAL = 16 * 1024;
    /** After a batch with a large value, drop the big array instead of keeping it for every later batch. */
    private static final int KEEP_AT_MOST = 1024 * 1024;

    private byte[] bytes = new byte[INITIAL];
    private int size;

    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
        if (bytes.length > KEEP_AT_MOST) {
            bytes = new byte[INITIAL];
        }
    }

    /** Drops what was written after {@code mark} (an encoding that failed half way). */
    void truncate(int mark) {
        size = mark;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            long wanted = Math.max((long) bytes.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("request batch larger than 2 GiB: " + wanted);
            }
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
    }

    RequestBuffer ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
        return this;
    }

    RequestBuffer raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return this;
    }

    RequestBuffer space() {
        ensure(1);
        bytes[size++] = ' ';
        return this;
    }

    /** A space, then the flag letter. */
    RequestBuffer flag(char letter) {
        ensure(2);
        bytes[size++] = ' ';
        bytes[size++] = (byte) letter;
        return this;
    }

    /** A space, the flag letter, then its decimal value. */
    RequestBuffer flag(char letter, long value) {
        flag(letter);
        return decimal(value);
    }

    RequestBuffer decimal(long value) {
        ensure(20);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                return ascii(Long.toString(value));
            }
            bytes[size++] = '-';
            value = -value;
        }
        int start = size;
        do {
            bytes[size++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        for (int i = start, j = size - 1; i < j; i++, j--) {
            byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
        return this;
    }

    /** An unsigned 64-bit value (CAS). */
    RequestBuffer unsigned(long value) {
        return value >= 0 ? decimal(value) : ascii(Long.toUnsignedString(value));
    }

    RequestBuffer crlf() {
        ensure(2);
        bytes[size++] = '\r';
        bytes[size++] = '\n';
        return this;
    }

    /**
     * The command word, a space and the key, then (for {@code ms}) the value's
     * length, then the {@code b} flag if the key is not text and so went as
     * base64. memcached wants the length right after the key.
     */
    RequestBuffer command(String word, String key, int valueLength) {
        ascii(word).space();
        boolean text = Keys.isText(key);
        if (text) {
            ascii(key);
        } else {
            raw(Keys.base64(key));
        }
        if (valueLength >= 0) {
            space().decimal(valueLength);
        }
        if (!text) {
            flag('b');
        }
        return this;
    }

    /** {@link #command(String, String, int)} for a command without a value. */
    RequestBuffer command(String word, String key) {
        return command(word, key, -1);
    }
}
