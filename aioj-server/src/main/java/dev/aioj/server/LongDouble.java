package dev.aioj.server;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * INCRBYFLOAT's arithmetic. Redis adds two C {@code long double}s (on x86-64
 * the x87 80-bit format: a 64-bit mantissa) and prints the sum with {@code
 * "%.17Lf"}, trailing zeros removed. Doing the sum in {@code double} gives
 * different text (10.5 + 0.1 prints 10.59999999999999964 instead of 10.6), so
 * this class reproduces the extended format exactly with {@link BigDecimal}:
 * parse to the nearest 64-bit-mantissa value, add exactly, round to 64 bits,
 * print exactly.
 *
 * <p>Thread contract: pure functions, any thread.
 */
final class LongDouble {

    private LongDouble() {}

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
    private static final int MAX_EXPONENT = 16383;
    private static final int MIN_EXPONENT = -16382;

    /** A parsed value: finite ({@code value}) or infinite ({@code sign}). */
    record Parsed(BigDecimal value, int infinity) {
        boolean isInfinite() {
            return infinity != 0;
        }
    }

    /** {@code s} read as Redis's {@code string2ld} reads it, or null when it rejects it. */
    static Parsed parse(byte[] s) {
        String text = Numbers.strtodText(s);
        if (text == null) {
            return null;
        }
        if (text.endsWith("Infinity")) {
            return new Parsed(null, text.startsWith("-") ? -1 : 1);
        }
        BigDecimal exact;
        if (text.contains("0x")) {
            double d = Double.parseDouble(text); // hex input: exact enough for this rare form
            if (Double.isInfinite(d)) {
                return null;
            }
            exact = new BigDecimal(d);
        } else {
            try {
                exact = new BigDecimal(text);
            } catch (NumberFormatException | ArithmeticException e) {
                return null;
            }
        }
        BigDecimal rounded = roundToExtended(exact);
        if (rounded == null) {
            return null; // ERANGE: overflow or underflow
        }
        return new Parsed(rounded, 0);
    }

    /**
     * {@code a + b} in extended precision, printed as {@code "%.17Lf"} with
     * trailing zeros removed; null when the sum is infinite or NaN.
     */
    static byte[] addAndFormat(Parsed a, Parsed b) {
        if (a.isInfinite() || b.isInfinite()) {
            return null; // inf + x is inf, inf - inf is NaN: Redis refuses both
        }
        BigDecimal exact = a.value().add(b.value());
        BigDecimal sum = roundToExtended(exact);
        if (sum == null) {
            if (exact.abs().compareTo(BigDecimal.ONE) > 0) {
                return null; // overflow: the sum is infinite
            }
            sum = BigDecimal.ZERO; // underflow: the sum is zero
        }
        String text = Numbers.stripZeros(sum.setScale(17, RoundingMode.HALF_EVEN).toPlainString());
        if (text.equals("-0")) {
            text = "0";
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The x87 extended value nearest to {@code x} (ties to even), exactly, or
     * null when it is out of the format's normal range.
     */
    static BigDecimal roundToExtended(BigDecimal x) {
        if (x.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal abs = x.abs();
        // Estimate the binary exponent e with 2^e <= abs < 2^(e+1), then correct it.
        int e = (int) Math.floor((abs.unscaledValue().bitLength() - 1) - abs.scale() * (Math.log(10) / Math.log(2)));
        BigInteger mantissa;
        while (true) {
            BigDecimal scaled = scaleByPowerOfTwo(abs, 63 - e);
            if (scaled.compareTo(new BigDecimal(TWO_64)) >= 0) {
                e++;
                continue;
            }
            if (scaled.compareTo(new BigDecimal(TWO_63)) < 0) {
                e--;
                continue;
            }
            mantissa = scaled.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
            break;
        }
        if (mantissa.equals(TWO_64)) {
            mantissa = TWO_63;
            e++;
        }
        if (e > MAX_EXPONENT || e < MIN_EXPONENT) {
            return null;
        }
        BigDecimal result = scaleByPowerOfTwo(new BigDecimal(mantissa), e - 63);
        return x.signum() < 0 ? result.negate() : result;
    }

    /** {@code x * 2^k}, exact (dividing by a power of two always terminates in decimal). */
    private static BigDecimal scaleByPowerOfTwo(BigDecimal x, int k) {
        if (k >= 0) {
            return x.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(k)));
        }
        // x / 2^-k == x * 5^-k / 10^-k
        return x.multiply(new BigDecimal(BigInteger.valueOf(5).pow(-k))).scaleByPowerOfTen(k);
    }
}
