package dev.aioj.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock tests move by hand, so expiry is tested without sleeping; or one
 * that moves on by itself each time it is read ({@link #advanceOnEveryRead}),
 * so time passes between two steps of one command. Safe from any thread.
 */
final class MutableClock extends Clock {

    private final AtomicLong millis;
    private final AtomicLong step = new AtomicLong();

    MutableClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    void advance(Duration d) {
        millis.addAndGet(d.toMillis());
    }

    /** From now on each read returns the time {@code d} later than the read before it. */
    void advanceOnEveryRead(Duration d) {
        step.set(d.toMillis());
    }

    @Override
    public long millis() {
        return millis.getAndAdd(step.get());
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("withZone: " + zone);
    }
}
