package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PreciseAsin} answers the double nearest to the true arcsine: checked
 * against a 50-digit reference (Newton's method on a BigDecimal Taylor series)
 * where fdlibm's {@link StrictMath#asin} is off by an ulp for a few percent of
 * inputs.
 */
class PreciseAsinTest {

    private static final MathContext MC = new MathContext(50);

    private static BigDecimal sin(BigDecimal x) {
        BigDecimal term = x;
        BigDecimal sum = x;
        BigDecimal x2 = x.multiply(x, MC);
        for (int k = 1; k < 28; k++) {
            term = term.multiply(x2, MC).divide(BigDecimal.valueOf((2L * k) * (2L * k + 1)), MC).negate();
            sum = sum.add(term, MC);
        }
        return sum;
    }

    private static BigDecimal cos(BigDecimal x) {
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal x2 = x.multiply(x, MC);
        for (int k = 1; k < 28; k++) {
            term = term.multiply(x2, MC).divide(BigDecimal.valueOf((2L * k - 1) * (2L * k)), MC).negate();
            sum = sum.add(term, MC);
        }
        return sum;
    }

    /** The double nearest to asin(q), from a 50-digit Newton iteration. */
    private static double reference(double q) {
        BigDecimal a = new BigDecimal(q);
        BigDecimal y = new BigDecimal(StrictMath.asin(q));
        for (int i = 0; i < 3; i++) {
            y = y.subtract(sin(y).subtract(a, MC).divide(cos(y), MC), MC);
        }
        double d = y.doubleValue();
        double best = d;
        BigDecimal bestError = y.subtract(new BigDecimal(d)).abs();
        for (double candidate : new double[] {Math.nextUp(d), Math.nextDown(d)}) {
            BigDecimal error = y.subtract(new BigDecimal(candidate)).abs();
            if (error.compareTo(bestError) < 0) {
                best = candidate;
                bestError = error;
            }
        }
        return best;
    }

    @Test
    void answersTheNearestDoubleWhereFdlibmIsSometimesAnUlpOff() {
        Random random = new Random(42);
        int fdlibmOff = 0;
        for (int i = 0; i < 150; i++) {
            double q = Math.pow(random.nextDouble(), 1 + 3 * random.nextDouble()) * 0.9999;
            double expected = reference(q);
            assertThat(PreciseAsin.asin(q)).as("asin(%s)", q).isEqualTo(expected);
            if (StrictMath.asin(q) != expected) {
                fdlibmOff++;
            }
        }
        assertThat(fdlibmOff).as("inputs where fdlibm is not correctly rounded (what this class is for)").isPositive();
    }

    @Test
    void keepsTheEdges() {
        assertThat(PreciseAsin.asin(0.0)).isEqualTo(0.0);
        assertThat(1 / PreciseAsin.asin(-0.0)).isNegative();
        assertThat(PreciseAsin.asin(1.0)).isEqualTo(StrictMath.asin(1.0));
        assertThat(PreciseAsin.asin(-0.5)).isEqualTo(-PreciseAsin.asin(0.5));
        assertThat(PreciseAsin.asin(Math.nextDown(1.0))).isEqualTo(reference(Math.nextDown(1.0)));
        assertThat(PreciseAsin.asin(2.0)).isNaN();
        assertThat(PreciseAsin.asin(1e-300)).isEqualTo(1e-300);
    }
}
