package dev.aioj.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A stream entry ID, Redis's {@code streamID}: milliseconds and a sequence
 * number, both unsigned 64-bit, compared as one 128-bit number. Parsing
 * follows Redis's streamGenericParseIDOrReply to the byte (including
 * string2ull's fall back on {@code strtoull}, which takes "+5", " 5" and
 * "007"), so the IDs a client may write are exactly those Redis takes.
 *
 * <p>Thread contract: immutable, any thread.
 *
 * @param ms  the milliseconds part, unsigned
 * @param seq the sequence part, unsigned
 */
record StreamId(long ms, long seq) implements Comparable<StreamId> {

    static final StreamId MIN = new StreamId(0, 0);
    static final StreamId MAX = new StreamId(-1L, -1L);

    /** Redis's error text for an ID it cannot parse. */
    static final String INVALID = "ERR Invalid stream ID specified as stream command argument";

    @Override
    public int compareTo(StreamId o) {
        return compare(ms, seq, o.ms, o.seq);
    }

    static int compare(long ms1, long seq1, long ms2, long seq2) {
        int c = Long.compareUnsigned(ms1, ms2);
        return c != 0 ? c : Long.compareUnsigned(seq1, seq2);
    }

    boolean isZero() {
        return ms == 0 && seq == 0;
    }

    /** The next ID (Redis's streamIncrID), or null past the last possible one. */
    StreamId next() {
        if (seq != -1L) {
            return new StreamId(ms, seq + 1);
        }
        return ms == -1L ? null : new StreamId(ms + 1, 0);
    }

    /** The previous ID (Redis's streamDecrID), or null before 0-0. */
    StreamId prev() {
        if (seq != 0) {
            return new StreamId(ms, seq - 1);
        }
        return ms == 0 ? null : new StreamId(ms - 1, -1L);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }

    /** The ID as a reply writes it: {@code <ms>-<seq>}. */
    byte[] bytes() {
        return bytes(ms, seq);
    }

    static byte[] bytes(long ms, long seq) {
        byte[] buf = new byte[41]; // 20 digits, '-', 20 digits
        int p = writeBackward(buf, buf.length, seq);
        buf[--p] = '-';
        p = writeBackward(buf, p, ms);
        return Arrays.copyOfRange(buf, p, buf.length);
    }

    /** The unsigned decimal digits of {@code v}, written to end at {@code end}; returns where they start. */
    private static int writeBackward(byte[] buf, int end, long v) {
        int p = end;
        if (v < 0) { // above Long.MAX_VALUE unsigned: one unsigned step brings it in range
            buf[--p] = (byte) ('0' + Long.remainderUnsigned(v, 10));
            v = Long.divideUnsigned(v, 10);
        }
        do {
            buf[--p] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v != 0);
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamId other && other.ms == ms && other.seq == seq;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ms) * 31 + Long.hashCode(seq);
    }

    /** What a parse gives besides the ID: XADD's {@code <ms>-*} form leaves the sequence to be generated. */
    record Parsed(StreamId id, boolean seqGiven) {}

    /**
     * Parses {@code arg} as Redis's streamGenericParseIDOrReply: "-" and "+"
     * (unless {@code strict}), {@code <ms>}, {@code <ms>-<seq>}, and with
     * {@code allowSeqStar} {@code <ms>-*}. A missing sequence is {@code
     * missingSeq}. Null when Redis would reply {@link #INVALID}.
     */
    static Parsed parse(byte[] arg, long missingSeq, boolean strict, boolean allowSeqStar) {
        return parse(arg, 0, arg.length, missingSeq, strict, allowSeqStar);
    }

    static Parsed parse(byte[] arg, int from, int to, long missingSeq, boolean strict, boolean allowSeqStar) {
        int n = to - from;
        if (n > 127) {
            return null;
        }
        // Redis copies into a C buffer: a NUL byte ends the string there.
        for (int i = from; i < to; i++) {
            if (arg[i] == 0) {
                to = i;
                n = to - from;
                break;
            }
        }
        if (n == 1 && (arg[from] == '-' || arg[from] == '+')) {
            if (strict) {
                return null;
            }
            return new Parsed(arg[from] == '-' ? MIN : MAX, true);
        }
        int dash = -1;
        for (int i = from; i < to; i++) {
            if (arg[i] == '-') {
                dash = i;
                break;
            }
        }
        long[] out = new long[1];
        if (!string2ull(arg, from, dash < 0 ? to : dash, out)) {
            return null;
        }
        long ms = out[0];
        if (dash < 0) {
            return new Parsed(new StreamId(ms, missingSeq), true);
        }
        if (allowSeqStar && to - dash == 2 && arg[dash + 1] == '*') {
            return new Parsed(new StreamId(ms, 0), false);
        }
        if (!string2ull(arg, dash + 1, to, out)) {
            return null;
        }
        return new Parsed(new StreamId(ms, out[0]), true);
    }

    /** Redis's string2ull: string2ll (negative refused), else strtoull base 10 to the end of the string. */
    static boolean string2ull(byte[] s, int from, int to, long[] out) {
        long ll = Numbers.parseLongOr(s, from, to, Long.MIN_VALUE);
        if (ll != Long.MIN_VALUE || isMinLong(s, from, to)) {
            if (ll < 0) {
                return false;
            }
            out[0] = ll;
            return true;
        }
        int i = from;
        if (i >= to) {
            return false; // *s == '\0'
        }
        while (i < to && isSpace(s[i])) {
            i++;
        }
        boolean negative = false;
        if (i < to && (s[i] == '+' || s[i] == '-')) {
            negative = s[i] == '-';
            i++;
        }
        if (i >= to || s[i] < '0' || s[i] > '9') {
            return false; // no digits: strtoull leaves endptr at the start
        }
        long v = 0;
        for (; i < to; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0) {
                return false; // ERANGE
            }
            long next = v * 10 + d;
            if (Long.compareUnsigned(next, v * 10) < 0) {
                return false; // ERANGE
            }
            v = next;
        }
        out[0] = negative ? -v : v;
        return true;
    }

    private static boolean isMinLong(byte[] s, int from, int to) {
        return new String(s, from, to - from, StandardCharsets.ISO_8859_1).equals("-9223372036854775808");
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == 0x0b || b == '\f' || b == '\r';
    }
}
