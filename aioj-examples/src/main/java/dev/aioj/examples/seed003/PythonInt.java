package dev.aioj.examples.seed003;

import java.math.BigInteger;

/**
 * Python's {@code int(msg)} for a {@code bytes} message, which is how the
 * seed's Fibonacci server reads a request: surrounding ASCII whitespace,
 * an optional sign, decimal digits with single underscores between them.
 * What Python refuses is refused with Python's own message, so the reply
 * reads like the seed's traceback: {@code invalid literal for int() with
 * base 10: b'ten'}.
 *
 * <p>Thread contract: pure function, any thread.
 */
final class PythonInt {

    private PythonInt() {}

    /** The integer in {@code bytes}, or a {@link NumberFormatException} carrying Python's message. */
    static BigInteger parse(byte[] bytes) {
        int start = 0;
        int end = bytes.length;
        while (start < end && isSpace(bytes[start])) {
            start++;
        }
        while (end > start && isSpace(bytes[end - 1])) {
            end--;
        }
        int i = start;
        if (i < end && (bytes[i] == '+' || bytes[i] == '-')) {
            i++;
        }
        StringBuilder digits = new StringBuilder(end - i + 1);
        if (start < end && bytes[start] == '-') {
            digits.append('-');
        }
        boolean lastWasDigit = false;
        for (; i < end; i++) {
            byte c = bytes[i];
            if (c >= '0' && c <= '9') {
                digits.append((char) c);
                lastWasDigit = true;
            } else if (c == '_' && lastWasDigit && i + 1 < end && bytes[i + 1] >= '0' && bytes[i + 1] <= '9') {
                lastWasDigit = false;
            } else {
                throw invalid(bytes);
            }
        }
        if (!lastWasDigit) {
            throw invalid(bytes);
        }
        return new BigInteger(digits.toString());
    }

    /** Python's {@code bytes.isspace()} characters, which {@code int()} strips. */
    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c;
    }

    private static NumberFormatException invalid(byte[] bytes) {
        return new NumberFormatException("invalid literal for int() with base 10: "
                + dev.aioj.examples.support.Log.repr(bytes));
    }
}
