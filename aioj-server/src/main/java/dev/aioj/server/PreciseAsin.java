package dev.aioj.server;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * arcsine correctly rounded (to nearest), for the last step of the geo
 * distance. Redis's distances come from glibc's {@code asin}, which is
 * correctly rounded for all but about 0.2% of inputs; Java's {@link
 * StrictMath#asin} (fdlibm) is off by one ulp for about 3.5% of them, which
 * shows in GEOSEARCHSTORE ... STOREDIST scores (printed with 17 digits).
 *
 * <p>How: fdlibm's answer {@code y0} is within one ulp; one Newton step
 * {@code y0 - (sin(y0) - q) / cos(y0)} with {@code sin(y0)} evaluated in
 * double-double arithmetic (a Taylor series, about 106 bits) moves it to the
 * nearest double. About 0.2 µs per call.
 *
 * <p>Thread contract: pure functions, any thread.
 */
final class PreciseAsin {

    private PreciseAsin() {}

    /** Terms of the Taylor series of sin: (-1)^k / (2k+1)! as double-double, k = 0..TERMS-1. */
    private static final int TERMS = 19;
    private static final double[] HI = new double[TERMS];
    private static final double[] LO = new double[TERMS];

    static {
        MathContext mc = new MathContext(60);
        BigDecimal factorial = BigDecimal.ONE;
        for (int k = 0; k < TERMS; k++) {
            if (k > 0) {
                factorial = factorial.multiply(BigDecimal.valueOf((2L * k) * (2L * k + 1)));
            }
            BigDecimal c = BigDecimal.ONE.divide(factorial, mc);
            if (k % 2 == 1) {
                c = c.negate();
            }
            HI[k] = c.doubleValue();
            LO[k] = c.subtract(new BigDecimal(HI[k]), mc).doubleValue();
        }
    }

    /** asin(q), rounded to the nearest double. */
    static double asin(double q) {
        if (!(q > 0)) {
            return q == 0 || Double.isNaN(q) ? StrictMath.asin(q) : -asin(-q);
        }
        if (q >= 1) {
            return StrictMath.asin(q);
        }
        double y0 = StrictMath.asin(q);
        double[] s = sin(y0);
        double diff = (s[0] - q) + s[1];
        return y0 - diff / Math.cos(y0);
    }

    /** sin(x) for |x| &lt;= pi/2 as a double-double {hi, lo}. */
    static double[] sin(double x) {
        // x2 = x * x exactly, as a double-double
        double x2h = x * x;
        double x2l = Math.fma(x, x, -x2h);
        double h = HI[TERMS - 1];
        double l = LO[TERMS - 1];
        for (int k = TERMS - 2; k >= 0; k--) {
            // (h, l) = (h, l) * (x2h, x2l) + (HI[k], LO[k])
            double ph = h * x2h;
            double pl = Math.fma(h, x2h, -ph) + (h * x2l + l * x2h);
            double t = ph + pl;
            pl = pl - (t - ph);
            ph = t;
            double sh = ph + HI[k];
            double bb = sh - ph;
            double sl = (ph - (sh - bb)) + (HI[k] - bb) + pl + LO[k];
            h = sh + sl;
            l = sl - (h - sh);
        }
        double rh = h * x;
        double rl = Math.fma(h, x, -rh) + l * x;
        double r = rh + rl;
        return new double[] {r, rl - (r - rh)};
    }
}
