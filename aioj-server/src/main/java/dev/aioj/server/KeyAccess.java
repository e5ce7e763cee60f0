package dev.aioj.server;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * When a key was last used, or how often: the 24 bits Redis keeps in every
 * value's header ({@code robj->lru}), behind OBJECT IDLETIME and OBJECT FREQ
 * (evict.c). Under an LFU {@code maxmemory-policy} the bits are a frequency
 * (16 bits of minutes, 8 bits of logarithmic counter, Redis's LFULogIncr and
 * LFUDecrAndReturn with {@code lfu-log-factor} and {@code lfu-decay-time});
 * under any other policy they are the LRU clock in seconds. Switching
 * policies reinterprets the bits, as in Redis.
 *
 * <p>The bits live in each keyspace entry ({@link Dict.KeyEntry#meta}, low 24
 * bits). The clock is cached ({@link #tick}): the server calls it when a read
 * batch arrives and on every cron, so a lookup costs a field read and a write,
 * never a clock call.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class KeyAccess {

    /** Redis's LRU_BITS: the access bits of {@link Dict.KeyEntry#meta}. */
    static final int BITS = 0xFFFFFF;
    /** Redis's LFU_INIT_VAL: a new key's counter, so it is not evicted at once. */
    static final int LFU_INIT_VAL = 5;

    /** Redis's maxmemory-policy names, in the order its error message lists them. */
    static final String[] POLICIES = {
        "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl", "allkeys-lru", "allkeys-lfu",
        "allkeys-random", "noeviction",
    };

    private final RandomGenerator random;
    private String policy = "noeviction";
    private boolean lfu;
    /** {@code lfu-log-factor}: the larger, the more accesses a counter step takes. */
    int lfuLogFactor = 10;
    /** {@code lfu-decay-time}: minutes for the counter to lose one; 0 never decays. */
    int lfuDecayTime = 1;
    private long nowSeconds;
    private int lruClock;

    KeyAccess(RandomGenerator random, long nowMillis) {
        this.random = random;
        tick(nowMillis);
    }

    /** Moves the cached clock to {@code nowMillis} (Redis's server.lruclock and server.unixtime). */
    void tick(long nowMillis) {
        nowSeconds = nowMillis / 1000;
        lruClock = (int) (nowSeconds & BITS);
    }

    /** Redis's server.lruclock: seconds, 24 bits (INFO's {@code lru_clock}). */
    int lruClock() {
        return lruClock;
    }

    String policy() {
        return policy;
    }

    /** Whether the bits are LFU data (an {@code *-lfu} policy). */
    boolean lfu() {
        return lfu;
    }

    /** Sets {@code maxmemory-policy}; false for a name Redis does not know. */
    boolean policy(String name) {
        String p = name.toLowerCase(Locale.ROOT);
        for (String known : POLICIES) {
            if (known.equals(p)) {
                policy = known;
                lfu = known.endsWith("-lfu");
                return true;
            }
        }
        return false;
    }

    /** The bits of a value just created: now, or a fresh counter (Redis's createObject). */
    int fresh() {
        return lfu ? minutes() << 8 | LFU_INIT_VAL : lruClock;
    }

    /** The bits after an access (Redis's lookupKey): now, or the counter decayed then incremented. */
    int touched(int bits) {
        if (!lfu) {
            return lruClock;
        }
        int counter = frequency(bits);
        if (counter < 255) {
            double p = 1.0 / (Math.max(0, counter - LFU_INIT_VAL) * (double) lfuLogFactor + 1);
            if (random.nextDouble() < p) {
                counter++;
            }
        }
        return minutes() << 8 | counter;
    }

    /** The bits a value overwriting a key gets: LFU keeps the old counter (Redis's dbSetValue). */
    int overwritten(int oldBits) {
        return lfu ? oldBits & BITS : lruClock;
    }

    /** OBJECT IDLETIME: seconds since the access the bits record, as LRU bits (estimateObjectIdleTime). */
    long idleSeconds(int bits) {
        int lru = bits & BITS;
        return lruClock >= lru ? lruClock - lru : lruClock + (BITS - lru);
    }

    /** OBJECT FREQ: the LFU counter after its decay (LFUDecrAndReturn). */
    int frequency(int bits) {
        int ldt = (bits & BITS) >>> 8;
        int counter = bits & 0xFF;
        long periods = lfuDecayTime == 0 ? 0 : elapsedMinutes(ldt) / lfuDecayTime;
        return periods > counter ? 0 : (int) (counter - periods);
    }

    /**
     * The bits for a value restored with RESTORE's IDLETIME or FREQ (Redis's
     * objectSetLRUOrLFU): {@code frequency} counts under LFU, {@code idleSeconds}
     * otherwise; -1 for "not given", which keeps {@code current}.
     */
    int restored(int current, int frequency, long idleSeconds) {
        if (lfu) {
            return frequency < 0 ? current : minutes() << 8 | Math.min(frequency, 255);
        }
        if (idleSeconds < 0) {
            return current;
        }
        long abs = lruClock - idleSeconds;
        if (abs < 0) {
            abs += BITS;
        }
        return (int) abs & BITS;
    }

    private int minutes() {
        return (int) ((nowSeconds / 60) & 0xFFFF);
    }

    private long elapsedMinutes(int ldt) {
        int now = minutes();
        return now >= ldt ? now - ldt : 65535 - ldt + now;
    }
}
