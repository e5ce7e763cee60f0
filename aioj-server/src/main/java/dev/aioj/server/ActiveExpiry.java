package dev.aioj.server;

import java.util.ArrayList;
import java.util.List;

/**
 * Deletes expired keys nobody reads: Redis's active expire cycle (expire.c),
 * run by the server cron {@code hz} times a second. Each run samples 20 keys
 * with a deadline from each database in turn and deletes the expired ones,
 * sampling the same database again while more than 10% of a sample had
 * expired, within a budget of 25% of the cron period. Memory held by expired
 * keys thus stays near 10% of the keys with a deadline, as in Redis; lazy
 * expiry ({@link Database#lookup}) makes sure none is ever visible.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ActiveExpiry {

    /** Redis's ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP. */
    static final int KEYS_PER_LOOP = 20;

    /** Redis's ACTIVE_EXPIRE_CYCLE_ACCEPTABLE_STALE: sample again above 10% expired. */
    static final int ACCEPTABLE_STALE_PERCENT = 10;

    /** Redis's ACTIVE_EXPIRE_CYCLE_SLOW_TIME_PERC: a quarter of each cron period at most. */
    static final int TIME_PERCENT = 25;

    private final ServerState server;
    private int nextDb;

    ActiveExpiry(ServerState server) {
        this.server = server;
    }

    /** One cycle; returns the number of keys it deleted. Slow cycles are the latency monitor's {@code expire-cycle}. */
    long cycle() {
        long start = System.nanoTime();
        long deleted = run(start);
        server.latency.sampleIfNeeded("expire-cycle", (System.nanoTime() - start) / 1_000_000);
        return deleted;
    }

    private long run(long start) {
        long budgetNanos = 1_000_000_000L / server.hz * TIME_PERCENT / 100;
        long deleted = 0;
        List<byte[]> expired = new ArrayList<>(KEYS_PER_LOOP);
        Database[] dbs = server.dbs;
        for (int n = 0; n < dbs.length; n++) {
            Database db = dbs[nextDb];
            nextDb = (nextDb + 1) % dbs.length;
            while (!db.expires.isEmpty()) {
                long now = server.now();
                expired.clear();
                int sampled = db.expires.sample(KEYS_PER_LOOP, server.random, e -> {
                    if ((Long) e.value < now) {
                        expired.add(e.key);
                    }
                });
                for (byte[] key : expired) {
                    db.deleteExpired(key);
                }
                deleted += expired.size();
                if (sampled == 0 || expired.size() * 100 / sampled <= ACCEPTABLE_STALE_PERCENT) {
                    break;
                }
                if (System.nanoTime() - start > budgetNanos) {
                    return deleted;
                }
            }
        }
        return deleted;
    }
}
