package dev.aioj.redis;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before each reconnect attempt: exponential from {@code min}
 * to {@code max}, with "equal jitter" (a random point in the upper half of
 * the step) so that many clients cut off by one server restart do not all
 * come back in the same millisecond.
 */
record BackoffPolicy(Duration min, Duration max) {

    BackoffPolicy {
        if (min.isNegative() || min.isZero()) {
            throw new IllegalArgumentException("min <= 0: " + min);
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("max < min: " + max + " < " + min);
        }
    }

    /** The delay before attempt {@code attempt} (0 for the first retry). */
    Duration delay(int attempt) {
        long minNanos = min.toNanos();
        long maxNanos = max.toNanos();
        int shift = Math.min(attempt, 40);
        long step = minNanos << shift;
        if (step <= 0 || (step >> shift) != minNanos || step > maxNanos) {
            step = maxNanos; // capped, or the shift overflowed
        }
        long half = step / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
