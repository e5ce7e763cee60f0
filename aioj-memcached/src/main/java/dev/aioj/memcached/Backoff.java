package dev.aioj.memcached;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The delay before each reconnect attempt to a lost or down server:
 * exponential from {@code min} to {@code max}, with "equal jitter" (a random
 * point in the upper half of the step) so that clients cut off by one server
 * restart do not all come back in the same millisecond.
 *
 * <p>Thread contract: stateless.
 */
record Backoff(Duration min, Duration max) {

    /** The delay before attempt {@code attempt} (0 for the first retry). */
    Duration delay(int attempt) {
        long minNanos = min.toNanos();
        long maxNanos = max.toNanos();
        int shift = Math.min(attempt, 40);
        long step = minNanos << shift;
        if (step <= 0 || (step >> shift) != minNanos || step > maxNanos) {
            step = maxNanos;
        }
        long half = step / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
