package dev.aioj.server.lua;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as C's {@code printf("%.Ng")} writes them: Lua 5.1 turns numbers
 * into strings with {@code %.14g} (tostring, table.concat), and Redis 7.0
 * passes numbers to commands with {@code %.17g}. luaj's own conversion
 * (Java's float formatting: {@code 1/3} as {@code 0.33333334}) differs, so
 * every place that the scripts see goes through here.
 *
 * <p>Thread contract: pure functions, any thread.
 */
public final class LuaNumbers {

    private LuaNumbers() {}

    /** Lua 5.1's {@code LUAI_NUMFFORMAT}: {@code %.14g}. */
    public static String format14(double d) {
        return formatG(d, 14);
    }

    /** {@code %.17g}: how Redis 7.0 passes a Lua number to a command. */
    public static String format17(double d) {
        return formatG(d, 17);
    }

    /** C's {@code %.<precision>g} on glibc. */
    static String formatG(double d, int precision) {
        if (Double.isNaN(d)) {
            return (Double.doubleToRawLongBits(d) < 0) ? "-nan" : "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e14) {
            return Long.toString((long) d);
        }
        BigDecimal exact = new BigDecimal(d);
        BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String m = mantissa.toPlainString();
            int e = Math.abs(exponent);
            return m + (exponent < 0 ? "e-" : "e+") + (e < 10 ? "0" : "") + e;
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
