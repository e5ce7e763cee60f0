package dev.aioj.examples.seed003;

import java.math.BigInteger;

/**
 * Seed 003's "really bad Fibonacci implementation" ({@code fib(n) = 1} for
 * {@code n < 2}, else {@code fib(n - 1) + fib(n - 2)}), answering every number
 * the seed's {@code int(msg)} accepts, with the seed's numbers.
 *
 * <p>Up to {@link #SLOW_UP_TO} the answer comes from the seed's own
 * exponential recursion: that is the slow work the thread pool exists for
 * (fib(42) takes about a second here). Above it the same recursion would take
 * hours (fib(60)) or longer than the universe has existed (fib(100)), so the
 * same numbers come from fast doubling, exact in {@link BigInteger}
 * (fib(n) is the (n+1)-th Fibonacci number). Work per request is bounded by
 * time (a deadline the recursion checks), not by n; the only n refused is
 * one whose answer cannot fit in one datagram.
 *
 * <p>Thread contract: pure functions, any thread.
 */
final class Fib {

    /** The largest n computed by the seed's exponential recursion (a few seconds here). */
    static final int SLOW_UP_TO = 45;

    /** Digits of the largest answer that fits in one UDP datagram over IPv4. */
    static final int MAX_DIGITS = 65_507;

    /** Binet: F(m) has {@code floor(m * log10(phi) - log10(sqrt(5))) + 1} digits. */
    private static final double LOG10_PHI = Math.log10((1 + Math.sqrt(5)) / 2);
    private static final double LOG10_SQRT5 = Math.log10(Math.sqrt(5));

    /** Below this the recursion runs without looking at the clock (fib(25) is about 0.3 ms). */
    private static final int UNCHECKED_BELOW = 25;

    /** The recursion passed its deadline: the request is answered with an error instead. */
    static final class GaveUp extends RuntimeException {
        GaveUp() {
            super(null, null, false, false);
        }
    }

    private Fib() {}

    /**
     * The reply to one request datagram: the seed's fib of the number in it,
     * or an {@code error:} line saying why not. Gives up (an error line) when
     * the deadline passes.
     */
    static String answer(byte[] request, FibLimits.Deadline deadline) {
        BigInteger n;
        try {
            n = PythonInt.parse(request);
        } catch (NumberFormatException e) {
            return "error: " + e.getMessage();
        }
        if (n.compareTo(BigInteger.TWO) < 0) {
            return "1"; // the seed's fib(n) for every n < 2, negative ones included
        }
        long digits = n.bitLength() > 31 ? Long.MAX_VALUE : digits(n.intValueExact());
        if (digits > MAX_DIGITS) {
            return "error: fib(" + n + ") has more than " + MAX_DIGITS + " digits, more than one datagram carries";
        }
        int k = n.intValueExact();
        try {
            return k <= SLOW_UP_TO ? Long.toString(slow(k, deadline.nanos())) : fast(k).toString();
        } catch (GaveUp e) {
            return "error: fib(" + k + ") gave up after " + deadline.seconds() + " s";
        }
    }

    /** How many decimal digits the seed's fib(n), which is F(n + 1), has. */
    static long digits(int n) {
        return Math.max(1, (long) Math.floor((n + 1L) * LOG10_PHI - LOG10_SQRT5) + 1); // F(1) = 1 is below the formula
    }

    /** The seed's recursion, line for line, looking at the clock once per call above {@link #UNCHECKED_BELOW}. */
    static long slow(int n, long deadlineNanos) {
        if (n < UNCHECKED_BELOW) {
            return plain(n);
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new GaveUp();
        }
        return slow(n - 1, deadlineNanos) + slow(n - 2, deadlineNanos);
    }

    private static long plain(int n) {
        return n < 2 ? 1 : plain(n - 1) + plain(n - 2);
    }

    /** The seed's fib(n), which is F(n + 1), by fast doubling: F(2k) = F(k)(2F(k+1) - F(k)), F(2k+1) = F(k)^2 + F(k+1)^2. */
    static BigInteger fast(int n) {
        int m = n + 1;
        BigInteger a = BigInteger.ZERO; // F(k)
        BigInteger b = BigInteger.ONE; // F(k + 1)
        for (int bit = Integer.SIZE - 1 - Integer.numberOfLeadingZeros(m); bit >= 0; bit--) {
            BigInteger c = a.multiply(b.shiftLeft(1).subtract(a));
            BigInteger d = a.multiply(a).add(b.multiply(b));
            if ((m >>> bit & 1) == 0) {
                a = c;
                b = d;
            } else {
                a = d;
                b = c.add(d);
            }
        }
        return a;
    }
}
