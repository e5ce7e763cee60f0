package dev.aioj.server;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Numbers as Redis reads and writes them, byte for byte: {@code string2ll}
 * (strict integers: no sign but '-', no leading zeros, no spaces), {@code
 * strtod} as Redis uses it (no leading space, nothing after the number, no
 * NaN, no overflow), and {@code printf("%.17g")} for scores. Replies must
 * match Redis exactly, so Java's own parsing and formatting (which accept
 * {@code "1d"} and print {@code 1.0E20}) are not used.
 *
 * <p>Thread contract: pure functions, any thread.
 */
final class Numbers {

    private Numbers() {}

    /** Redis's LONG_STR_SIZE: longer strings are never integers. */
    private static final int LONG_STR_SIZE = 21;

    /** True when {@code s} is an integer that {@code string2ll} accepts. */
    static boolean isLong(byte[] s) {
        return parseLongOr(s, Long.MIN_VALUE) != Long.MIN_VALUE || s.length == 20 && isMinLong(s);
    }

    /**
     * {@code s} as a long; call only after {@link #isLong} returned true, or
     * use {@link #parseLongOr}.
     */
    static long toLong(byte[] s) {
        return parseLongOr(s, Long.MIN_VALUE);
    }

    /** {@code s} as a long, or {@code otherwise} when {@code string2ll} rejects it. */
    static long parseLongOr(byte[] s, long otherwise) {
        return parseLongOr(s, 0, s.length, otherwise);
    }

    /** {@code s[from, to)} as a long, or {@code otherwise} when {@code string2ll} rejects it. */
    static long parseLongOr(byte[] s, int from, int to, long otherwise) {
        int n = to - from;
        if (n <= 0 || n >= LONG_STR_SIZE) {
            return otherwise;
        }
        if (n == 1 && s[from] == '0') {
            return 0;
        }
        int i = from;
        boolean negative = false;
        if (s[i] == '-') {
            negative = true;
            i++;
            if (n == 1) {
                return otherwise;
            }
        }
        if (s[i] < '1' || s[i] > '9') {
            return otherwise;
        }
        if (to - i <= 18) {
            // At most 18 digits cannot overflow: the common case (lengths, counts), without a division per digit.
            long v = 0;
            for (; i < to; i++) {
                int d = s[i] - '0';
                if (d < 0 || d > 9) {
                    return otherwise;
                }
                v = v * 10 + d;
            }
            return negative ? -v : v;
        }
        long v = 0; // accumulated negatively so that Long.MIN_VALUE fits
        for (; i < to; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                return otherwise;
            }
            if (v < (Long.MIN_VALUE + d) / 10) {
                return otherwise; // overflow
            }
            v = v * 10 - d;
        }
        if (negative) {
            return v;
        }
        return v == Long.MIN_VALUE ? otherwise : -v;
    }

    private static boolean isMinLong(byte[] s) {
        return new String(s, StandardCharsets.ISO_8859_1).equals(Long.toString(Long.MIN_VALUE));
    }

    /** The decimal text of {@code v}, as bytes. */
    static byte[] toBytes(long v) {
        return Long.toString(v).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Digits of {@code v} written into {@code dst} at {@code pos}; returns the new position. */
    static int writeLong(byte[] dst, int pos, long v) {
        if (v == Long.MIN_VALUE) {
            byte[] min = toBytes(v);
            System.arraycopy(min, 0, dst, pos, min.length);
            return pos + min.length;
        }
        if (v < 0) {
            dst[pos++] = '-';
            v = -v;
        }
        int digits = digits(v);
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            dst[i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        return end;
    }

    /** Number of decimal digits of {@code v >= 0}. */
    static int digits(long v) {
        int d = 1;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }

    /** Bytes {@link #writeLong} needs at most. */
    static final int MAX_LONG_CHARS = 20;

    // ------------------------------------------------------------------ doubles

    /**
     * {@code s} as Redis's {@code string2d} reads it, or NaN when it rejects
     * it (Redis never accepts NaN, so NaN is free to mean "invalid").
     */
    static double parseDouble(byte[] s) {
        String text = strtodText(s);
        if (text == null) {
            return Double.NaN;
        }
        double d;
        try {
            d = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
        if (Double.isInfinite(d) && !isInfinityWord(s)) {
            return Double.NaN; // ERANGE overflow
        }
        if (d == 0 && hasNonZeroDigit(text)) {
            return Double.NaN; // ERANGE underflow
        }
        return d;
    }

    /**
     * The text of {@code s} in a form {@link Double#parseDouble} and {@link
     * BigDecimal} read the way C's {@code strtod} reads {@code s}, or null when
     * strtod would not consume all of it. Infinity comes back as
     * "Infinity"/"-Infinity".
     */
    static String strtodText(byte[] s) {
        int n = s.length;
        if (n == 0 || n >= 5 * 1024) {
            return null;
        }
        String str = new String(s, StandardCharsets.ISO_8859_1);
        int i = 0;
        String sign = "";
        if (str.charAt(0) == '+' || str.charAt(0) == '-') {
            sign = str.charAt(0) == '-' ? "-" : "";
            i = 1;
        }
        String rest = str.substring(i);
        if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
            return sign + "Infinity";
        }
        if (rest.length() > 2 && rest.charAt(0) == '0' && (rest.charAt(1) == 'x' || rest.charAt(1) == 'X')) {
            return hexText(sign, rest.substring(2));
        }
        int j = 0;
        int m = rest.length();
        int mantissaDigits = 0;
        while (j < m && isDigit(rest.charAt(j))) {
            j++;
            mantissaDigits++;
        }
        if (j < m && rest.charAt(j) == '.') {
            j++;
            while (j < m && isDigit(rest.charAt(j))) {
                j++;
                mantissaDigits++;
            }
        }
        if (mantissaDigits == 0) {
            return null;
        }
        if (j < m && (rest.charAt(j) == 'e' || rest.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < m && (rest.charAt(k) == '+' || rest.charAt(k) == '-')) {
                k++;
            }
            int expStart = k;
            while (k < m && isDigit(rest.charAt(k))) {
                k++;
            }
            if (k > expStart) {
                j = k;
            }
        }
        if (j != m) {
            return null;
        }
        return sign + rest;
    }

    private static String hexText(String sign, String hex) {
        int j = 0;
        int m = hex.length();
        int digits = 0;
        while (j < m && Character.digit(hex.charAt(j), 16) >= 0) {
            j++;
            digits++;
        }
        if (j < m && hex.charAt(j) == '.') {
            j++;
            while (j < m && Character.digit(hex.charAt(j), 16) >= 0) {
                j++;
                digits++;
            }
        }
        if (digits == 0) {
            return null;
        }
        String exponent = "p0";
        if (j < m && (hex.charAt(j) == 'p' || hex.charAt(j) == 'P')) {
            int k = j + 1;
            if (k < m && (hex.charAt(k) == '+' || hex.charAt(k) == '-')) {
                k++;
            }
            int expStart = k;
            while (k < m && isDigit(hex.charAt(k))) {
                k++;
            }
            if (k > expStart) {
                exponent = hex.substring(j, k);
                j = k;
            }
        }
        if (j != m) {
            return null;
        }
        String mantissa = hex.substring(0, hex.length() - (exponent.equals("p0") ? 0 : exponent.length()));
        return sign + "0x" + mantissa + exponent;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isInfinityWord(byte[] s) {
        String str = new String(s, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        return str.endsWith("inf") || str.endsWith("infinity");
    }

    private static boolean hasNonZeroDigit(String text) {
        int end = text.length();
        int e = Math.max(text.indexOf('e'), text.indexOf('E'));
        int p = Math.max(text.indexOf('p'), text.indexOf('P'));
        if (e >= 0 && !text.contains("0x")) {
            end = e;
        } else if (p >= 0) {
            end = p;
        }
        int start = text.contains("0x") ? text.indexOf("0x") + 2 : 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c != '0' && c != '.' && c != '-' && c != '+') {
                return true;
            }
        }
        return false;
    }

    private static final MathContext SEVENTEEN = new MathContext(17, RoundingMode.HALF_EVEN);

    /** C's {@code printf("%.17g", d)} as glibc prints it (exact, ties to even). */
    static String formatG17(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        BigDecimal r = new BigDecimal(d).round(SEVENTEEN);
        int exponent = r.precision() - r.scale() - 1;
        if (exponent >= -4 && exponent < 17) {
            return stripZeros(r.setScale(16 - exponent, RoundingMode.UNNECESSARY).toPlainString());
        }
        BigDecimal unscaled = new BigDecimal(r.unscaledValue().abs());
        String digits = unscaled.toPlainString();
        // digits has at most 17 significant digits; pad to 17 for the d.dddd form
        StringBuilder mantissa = new StringBuilder();
        mantissa.append(digits.charAt(0));
        if (digits.length() > 1) {
            mantissa.append('.').append(digits, 1, digits.length());
        }
        String m = stripZeros(mantissa.toString());
        String exp = Integer.toString(Math.abs(exponent));
        if (exp.length() < 2) {
            exp = "0" + exp;
        }
        return (r.signum() < 0 ? "-" : "") + m + "e" + (exponent < 0 ? "-" : "+") + exp;
    }

    /** Removes trailing zeros after a decimal point, then the point itself if bare. */
    static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
