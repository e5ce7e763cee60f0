package dev.aioj.memcached;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns bytes from the socket into meta-protocol replies, one at a time, in
 * two steps: first a whole line ({@code VA 3 c12 O7}, {@code HD O8}, {@code
 * EN}, {@code MN}, {@code SERVER_ERROR ...}), then, for {@code VA}, exactly
 * the declared number of value bytes and their CRLF. A reply may arrive byte
 * by byte; the parser keeps only the bytes of the reply not yet complete.
 *
 * <p>Limits, so that hostile bytes cannot exhaust memory: a line longer than
 * {@link #MAX_LINE} bytes and a declared value length above the configured
 * maximum fail with {@link MemcachedProtocolException}. A declared length
 * within the limit still never decides an allocation by itself: the value
 * array grows with the bytes that actually arrive (at most twice what
 * arrived), and is allocated at its exact size at once only when all of it
 * is already here.
 *
 * <p>Fed by {@link MemcachedConnection} on its loop thread. Thread contract:
 * one thread at a time.
 */
final class MetaReplyParser {

    /** memcached's own reply lines are far shorter: the key (k flag) is at most 250 bytes, the flags a few dozen. */
    static final int MAX_LINE = 4096;

    /** Bytes of value allocated before any arrived, when the declared length is not all here yet. */
    private static final int FIRST_CHUNK = 16 * 1024;

    private static final byte[] EMPTY = new byte[0];

    private final String server;
    private final int maxValueLength;
    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private boolean sawCr;

    private boolean inValue;
    private byte[] value;
    private int valueLength;
    private int filled;
    private int trailer; // CRLF bytes seen after the value

    final MetaReply reply = new MetaReply();

    /**
     * @param server         the server's name for error messages
     * @param maxValueLength the largest value accepted ({@link MemcachedOptions#maxValueLength})
     */
    MetaReplyParser(String server, int maxValueLength) {
        if (maxValueLength < 0) throw new IllegalArgumentException("maxValueLength < 0: " + maxValueLength);
        this.server = server;
        this.maxValueLength = maxValueLength;
    }

    /**
     * Reads from {@code src} until one reply is complete ({@code true}: it is
     * in {@link #reply}, and {@code src} is positioned after it) or {@code src}
     * is used up ({@code false}: the partial reply is kept for the next call).
     *
     * @throws MemcachedProtocolException if the bytes are not a meta reply; the parser is then unusable
     */
    boolean parse(ByteBuffer src) {
        if (!inValue) {
            if (!readLine(src)) {
                return false;
            }
            reply.reset();
            parseLine();
            lineLength = 0;
            if (!inValue) {
                return true;
            }
        }
        return readValue(src);
    }

    /** True when no partial reply is buffered. */
    boolean isIdle() {
        return !inValue && lineLength == 0 && !sawCr;
    }

    // ---------------------------------------------------------------- the line

    private boolean readLine(ByteBuffer src) {
        while (src.hasRemaining()) {
            byte b = src.get();
            if (sawCr) {
                if (b != '\n') {
                    throw error("CR not followed by LF in a reply line", lineLength);
                }
                sawCr = false;
                return true;
            }
            if (b == '\r') {
                sawCr = true;
            } else if (b == '\n') {
                throw error("LF without CR in a reply line", lineLength);
            } else {
                if (lineLength == MAX_LINE) {
                    throw error("reply line longer than " + MAX_LINE + " bytes", lineLength);
                }
                line[lineLength++] = b;
            }
        }
        return false;
    }

    private void parseLine() {
        int n = lineLength;
        if (n >= 2 && (n == 2 || line[2] == ' ')) {
            MetaReply.Status status = code(line[0], line[1]);
            if (status != null) {
                reply.status = status;
                int at = 3;
                if (status == MetaReply.Status.VALUE) {
                    int end = tokenEnd(3);
                    long length = digits(3, end, "value length");
                    if (length > maxValueLength) {
                        throw error("declared value length " + length + " exceeds the limit of " + maxValueLength
                                + " bytes", 3);
                    }
                    startValue((int) length);
                    at = end + 1;
                }
                if (status != MetaReply.Status.DEBUG) {
                    flags(at);
                }
                return;
            }
        }
        if (startsWith("SERVER_ERROR")) {
            errorLine(MemcachedReplyException.Kind.SERVER_ERROR, 12);
        } else if (startsWith("CLIENT_ERROR")) {
            errorLine(MemcachedReplyException.Kind.CLIENT_ERROR, 12);
        } else if (startsWith("ERROR")) {
            errorLine(MemcachedReplyException.Kind.ERROR, 5);
        } else {
            throw error("not a meta reply: '" + printable(0, Math.min(n, 64)) + "'", 0);
        }
    }

    private static MetaReply.Status code(byte a, byte b) {
        return switch ((a << 8) | b) {
            case ('V' << 8) | 'A' -> MetaReply.Status.VALUE;
            case ('H' << 8) | 'D' -> MetaReply.Status.OK;
            case ('E' << 8) | 'N' -> MetaReply.Status.MISS;
            case ('N' << 8) | 'F' -> MetaReply.Status.NOT_FOUND;
            case ('N' << 8) | 'S' -> MetaReply.Status.NOT_STORED;
            case ('E' << 8) | 'X' -> MetaReply.Status.EXISTS;
            case ('M' << 8) | 'N' -> MetaReply.Status.NOOP;
            case ('M' << 8) | 'E' -> MetaReply.Status.DEBUG;
            default -> null;
        };
    }

    private boolean startsWith(String word) {
        int n = word.length();
        if (lineLength < n || (lineLength > n && line[n] != ' ')) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (line[i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void errorLine(MemcachedReplyException.Kind kind, int wordLength) {
        reply.status = MetaReply.Status.ERROR;
        reply.errorKind = kind;
        int from = Math.min(lineLength, wordLength + 1);
        reply.errorMessage = new String(line, from, lineLength - from, StandardCharsets.ISO_8859_1);
    }

    /** Reads the flag tokens from {@code at} to the end of the line. */
    private void flags(int at) {
        int n = lineLength;
        while (at < n) {
            if (line[at] == ' ') {
                at++;
                continue;
            }
            int end = tokenEnd(at);
            byte flag = line[at];
            switch (flag) {
                case 'O' -> reply.opaque = opaque(at + 1, end);
                case 'c' -> reply.cas = unsigned64(at + 1, end);
                case 'f' -> {
                    long f = digits(at + 1, end, "client flags");
                    if (f > 0xFFFF_FFFFL) throw error("client flags above 2^32-1: " + f, at);
                    reply.clientFlags = f;
                }
                case 't' -> reply.ttl = end - at == 3 && line[at + 1] == '-' && line[at + 2] == '1'
                        ? -1 : digits(at + 1, end, "ttl");
                case 'W' -> reply.win = true;
                case 'X' -> reply.stale = true;
                case 'Z' -> reply.alreadyWon = true;
                default -> { } // k, b, s, h, l, ...: flags this client does not read
            }
            at = end;
        }
    }

    private int tokenEnd(int from) {
        int i = from;
        while (i < lineLength && line[i] != ' ') {
            i++;
        }
        return i;
    }

    /** A non-negative decimal of at most 18 digits (no overflow possible). */
    private long digits(int from, int to, String what) {
        if (from >= to || to - from > 18) {
            throw error("bad " + what + ": '" + printable(from, to) + "'", from);
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9) {
                throw error("bad " + what + ": '" + printable(from, to) + "'", i);
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** A CAS value: unsigned 64 bits, up to 20 digits, kept in a long's bits. */
    private long unsigned64(int from, int to) {
        if (from >= to || to - from > 20) {
            throw error("bad cas: '" + printable(from, to) + "'", from);
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9) {
                throw error("bad cas: '" + printable(from, to) + "'", i);
            }
            long next = v * 10 + d;
            if (Long.compareUnsigned(v, 1844674407370955161L) > 0 || Long.compareUnsigned(next, v) < 0) {
                throw error("cas above 2^64-1: '" + printable(from, to) + "'", from);
            }
            v = next;
        }
        return v;
    }

    /** Opaque tokens this client sends are decimal numbers; anything else is someone else's. */
    private long opaque(int from, int to) {
        if (from >= to || to - from > 18) {
            return MetaReply.FOREIGN_OPAQUE;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9) {
                return MetaReply.FOREIGN_OPAQUE;
            }
            v = v * 10 + d;
        }
        return v;
    }

    // ---------------------------------------------------------------- the value

    private void startValue(int length) {
        inValue = true;
        valueLength = length;
        filled = 0;
        trailer = 0;
        value = length == 0 ? EMPTY : null;
    }

    private boolean readValue(ByteBuffer src) {
        if (filled < valueLength) {
            int available = src.remaining();
            if (value == null) {
                // Exact size when it is all here; else start small and grow with what arrives.
                value = new byte[available >= valueLength ? valueLength : Math.min(valueLength,
                        Math.max(available, FIRST_CHUNK))];
            }
            while (filled < valueLength && src.hasRemaining()) {
                if (filled == value.length) {
                    grow(src.remaining());
                }
                int n = Math.min(value.length - filled, src.remaining());
                src.get(value, filled, n);
                filled += n;
            }
            if (filled < valueLength) {
                return false;
            }
        }
        while (trailer < 2 && src.hasRemaining()) {
            byte b = src.get();
            if (b != (trailer == 0 ? '\r' : '\n')) {
                throw error("value of " + valueLength + " bytes not followed by CRLF", -1);
            }
            trailer++;
        }
        if (trailer < 2) {
            return false;
        }
        reply.value = value;
        value = null;
        inValue = false;
        return true;
    }

    private void grow(int arriving) {
        long wanted = Math.max((long) value.length * 2, (long) filled + arriving);
        byte[] bigger = new byte[(int) Math.min(valueLength, wanted)];
        System.arraycopy(value, 0, bigger, 0, filled);
        value = bigger;
    }

    // ---------------------------------------------------------------- errors

    private String printable(int from, int to) {
        StringBuilder s = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            int c = line[i] & 0xFF;
            if (c >= 0x20 && c < 0x7F) {
                s.append((char) c);
            } else {
                s.append(String.format("\\x%02x", c));
            }
        }
        return s.toString();
    }

    private MemcachedProtocolException error(String message, int offset) {
        return new MemcachedProtocolException(message, offset, server);
    }
}
