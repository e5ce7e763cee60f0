package dev.aioj.server;

/**
 * What the server records after each command runs (the second half of
 * Redis's call()): INFO commandstats and latencystats counters, the latency
 * monitor's {@code command}/{@code fast-command} events, the slow log, and the
 * MONITOR feed. Each costs a comparison or two when it has nothing to do, so
 * the hot path pays two clock reads per command, as Redis does.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class CommandObservers {

    private final ServerState server;
    /** {@code latency-tracking}: whether commands feed their latency histograms. */
    boolean latencyTracking = true;
    /** {@code latency-tracking-info-percentiles}: what INFO latencystats reports. */
    double[] percentiles = {50.0, 99.0, 99.9};

    CommandObservers(ServerState server) {
        this.server = server;
    }

    /**
     * Records that {@code c} ran {@code cmd} in {@code nanos} (its own run,
     * plus time it made the server stand still), {@code failed} when it
     * answered an error.
     */
    void ran(Client c, Command cmd, byte[][] argv, long nanos, boolean failed) {
        CommandStats stats = cmd.stats();
        stats.calls++;
        stats.nanos += nanos;
        if (failed) {
            stats.failedCalls++;
        }
        boolean blocked = c.blocked != null; // Redis logs a blocked command when it is unblocked
        if (latencyTracking && !blocked) {
            if (stats.histogram == null) {
                stats.histogram = new LatencyHistogram();
            }
            stats.histogram.record(nanos);
        }
        long micros = nanos / 1000;
        if (!cmd.has(Command.SKIP_SLOWLOG)) {
            server.latency.sampleIfNeeded(cmd.has(Command.FAST) ? "fast-command" : "command", micros / 1000);
            if (!blocked) {
                server.slowlog.record(c, argv, micros);
            }
        }
        if (!server.monitors.isEmpty() && !cmd.has(Command.ADMIN) && !cmd.has(Command.SKIP_MONITOR)) {
            server.monitors.feed(c, c.db.id, argv);
        }
    }

    /** A command refused before it ran (Redis's rejected_calls). */
    void rejected(Command cmd) {
        cmd.stats().rejectedCalls++;
    }
}
