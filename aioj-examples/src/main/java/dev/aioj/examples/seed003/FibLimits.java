package dev.aioj.examples.seed003;

/**
 * What bounds the Fibonacci servers' work, instead of a limit on n: at most
 * {@code maxPending} requests in progress (more are answered {@code error:
 * busy} at once), and each one answered within {@code maxSeconds} of its
 * arrival (a request still computing then is answered with an error).
 *
 * @param maxPending requests being computed or waiting for a worker, at most
 * @param maxSeconds seconds from a request's arrival to its answer, at most
 */
public record FibLimits(int maxPending, int maxSeconds) {

    /** Room for every client of a busy demo; a minute is longer than fib(45) takes. */
    public static final FibLimits DEFAULT = new FibLimits(1024, 60);

    public FibLimits {
        if (maxPending < 1) {
            throw new IllegalArgumentException("--max-pending < 1: " + maxPending);
        }
        if (maxSeconds < 1) {
            throw new IllegalArgumentException("--max-seconds < 1: " + maxSeconds);
        }
    }

    /** The deadline of a request arriving now. */
    Deadline startNow() {
        return new Deadline(System.nanoTime() + maxSeconds * 1_000_000_000L, maxSeconds);
    }

    /** The busy reply, sent at once when {@code maxPending} requests are in progress. */
    String busy() {
        return "error: busy: " + maxPending + " requests in progress";
    }

    /** When one request's work must stop: a {@link System#nanoTime()} value, and the limit it came from. */
    record Deadline(long nanos, int seconds) {}
}
