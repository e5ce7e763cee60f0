package dev.aioj.redis.resp;

/**
 * The grammar of RESP's one-line values: integers and lengths, RESP3 doubles
 * and big numbers. {@link RespParser}'s scan checks every line with these
 * before anything is built, so {@link FrameBuilder} can convert the same bytes
 * without checking again. A violation names the index of the offending byte;
 * the parser turns it into a {@link RespProtocolException} with the stream
 * position.
 */
final class RespSyntax {

    /** A grammar violation at {@code index} of the buffer. Cheap: no stack trace, caught by the parser. */
    static final class Violation extends RuntimeException {
        final int index;

        Violation(String message, int index) {
            super(message, null, false, false);
            this.index = index;
        }
    }

    private RespSyntax() {}

    /** Parses {@code [-]digits} in {@code b[from, to)} exactly, as a long. */
    static long parseInteger(byte[] b, int from, int to, String what) {
        boolean negative = from < to && b[from] == '-';
        int i = negative ? from + 1 : from;
        if (i == to) throw new Violation(what + " has no digits: " + ByteText.quote(b, from, to, 32), from);
        long value = 0;
        for (; i < to; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new Violation(what + " is not a number: " + ByteText.quote(b, from, to, 32)
                        + ", unexpected " + ByteText.describe(b[i] & 0xff), i);
            }
            // Accumulate negatively: -9223372036854775808 has no positive twin.
            if (value < (Long.MIN_VALUE + digit) / 10) throw outOfRange(b, from, to, what);
            value = value * 10 - digit;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) throw outOfRange(b, from, to, what);
            value = -value;
        }
        return value;
    }

    private static Violation outOfRange(byte[] b, int from, int to, String what) {
        return new Violation(what + " out of 64-bit range: " + ByteText.quote(b, from, to, 32), from);
    }

    /** RESP3 doubles: {@code [+-]inf}, {@code [+-]nan}, or a decimal with optional fraction and exponent. */
    static void checkDouble(byte[] b, int from, int to) {
        int i = signEnd(b, from, to);
        if (matches(b, i, to, "inf") || matches(b, i, to, "nan")) return;
        int digits = 0;
        while (i < to && isDigit(b[i])) {
            i++;
            digits++;
        }
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && isDigit(b[i])) {
                i++;
                digits++;
            }
        }
        if (digits > 0 && i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < to && (b[i] == '-' || b[i] == '+')) i++;
            int exponentDigits = 0;
            while (i < to && isDigit(b[i])) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) digits = 0;
        }
        if (digits == 0 || i != to) {
            throw new Violation("double is not a number: " + ByteText.quote(b, from, to, 32), Math.min(i, to - 1));
        }
    }

    /** The value of a double that passed {@link #checkDouble}. */
    static double parseDouble(byte[] b, int from, int to) {
        int i = signEnd(b, from, to);
        boolean negative = i > from && b[from] == '-';
        if (matches(b, i, to, "inf")) return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (matches(b, i, to, "nan")) return Double.NaN;
        return Double.parseDouble(new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** RESP3 big numbers: {@code [+-]digits}. */
    static void checkBigNumber(byte[] b, int from, int to) {
        int i = signEnd(b, from, to);
        if (i == to) throw new Violation("big number has no digits: " + ByteText.quote(b, from, to, 32), from);
        for (; i < to; i++) {
            if (!isDigit(b[i])) {
                throw new Violation("big number is not a number: " + ByteText.quote(b, from, to, 32)
                        + ", unexpected " + ByteText.describe(b[i] & 0xff), i);
            }
        }
    }

    private static int signEnd(byte[] b, int from, int to) {
        return from < to && (b[from] == '-' || b[from] == '+') ? from + 1 : from;
    }

    private static boolean matches(byte[] b, int from, int to, String word) {
        if (to - from != word.length()) return false;
        for (int i = 0; i < word.length(); i++) {
            if (b[from + i] != word.charAt(i)) return false;
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
