package dev.aioj.examples.seed003;

/** Seed 003's "really bad Fibonacci implementation": exponential on purpose, to make the work slow. */
final class Fib {

    /** Above this the seed's fib takes minutes: the servers refuse it. */
    static final int MAX_N = 40;

    private Fib() {}

    static long fib(int n) {
        return n < 2 ? 1 : fib(n - 1) + fib(n - 2);
    }

    /** The reply to a request's text: the number, or an error line for what is not 0..MAX_N. */
    static String answer(String request) {
        int n;
        try {
            n = Integer.parseInt(request.trim());
        } catch (NumberFormatException e) {
            return "error: not a number: " + request.trim();
        }
        if (n < 0 || n > MAX_N) {
            return "error: n must be 0.." + MAX_N + ": " + n;
        }
        return Long.toString(fib(n));
    }
}
