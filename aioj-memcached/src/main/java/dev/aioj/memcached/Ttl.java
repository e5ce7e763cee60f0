package dev.aioj.memcached;

import java.time.Duration;
import java.util.Objects;

/**
 * A {@link Duration} as memcached's TTL token: 0 never expires; up to 30 days
 * it is seconds from now; memcached reads anything longer as an absolute unix
 * time, so longer durations are sent as one. A fraction of a second rounds
 * up (a TTL of 0 would mean "forever").
 *
 * <p>Thread contract: stateless.
 */
final class Ttl {

    /** memcached's REALTIME_MAXDELTA: larger TTLs are absolute unix times. */
    static final long MAX_RELATIVE = 60L * 60 * 24 * 30;

    private Ttl() {}

    /** The TTL token for {@code ttl}; {@link Duration#ZERO} means never expire. */
    static long seconds(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl < 0: " + ttl);
        }
        long seconds = ttl.getSeconds() + (ttl.getNano() > 0 ? 1 : 0);
        return seconds <= MAX_RELATIVE ? seconds : System.currentTimeMillis() / 1000 + seconds;
    }
}
