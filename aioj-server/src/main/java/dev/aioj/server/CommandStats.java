package dev.aioj.server;

/**
 * What INFO commandstats and latencystats report about one command (Redis's
 * per-command counters in {@code struct redisCommand}): calls, time spent,
 * calls refused before running (arity, authentication, ...) and calls that
 * ran but answered an error, plus the latency distribution, created on the
 * first call.
 *
 * <p>Each server builds its own command table, so these are per server.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class CommandStats {

    long calls;
    long nanos;
    long rejectedCalls;
    long failedCalls;
    /** Null until the command first runs with latency-tracking on. */
    LatencyHistogram histogram;

    boolean isEmpty() {
        return calls == 0 && rejectedCalls == 0 && failedCalls == 0;
    }

    void reset() {
        calls = 0;
        nanos = 0;
        rejectedCalls = 0;
        failedCalls = 0;
        histogram = null;
    }
}
