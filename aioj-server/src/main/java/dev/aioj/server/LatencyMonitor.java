package dev.aioj.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latency monitor (Redis's latency.c): for each event class ({@code
 * command}, {@code fast-command}, {@code expire-cycle}, {@code expire-del}),
 * the latest 160 spikes of at least {@code latency-monitor-threshold}
 * milliseconds (0: off), one per second (the worst of that second), and the
 * all-time maximum. LATENCY LATEST, HISTORY, RESET, GRAPH and DOCTOR read it.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class LatencyMonitor {

    /** Redis's LATENCY_TS_LEN: samples kept per event. */
    static final int SAMPLES = 160;

    /** One event class's ring of samples (time in Unix seconds, latency in ms). */
    static final class Series {
        final long[] times = new long[SAMPLES];
        final long[] latencies = new long[SAMPLES];
        int next;
        long max;

        /** The index of the latest sample. */
        int latest() {
            return (next + SAMPLES - 1) % SAMPLES;
        }
    }

    private final ServerState server;
    /** Events in first-seen order. */
    final Map<String, Series> events = new LinkedHashMap<>();
    /** {@code latency-monitor-threshold}, milliseconds; 0 disables the monitor. */
    long thresholdMillis;

    LatencyMonitor(ServerState server) {
        this.server = server;
    }

    /** Redis's latencyAddSampleIfNeeded. */
    void sampleIfNeeded(String event, long millis) {
        if (thresholdMillis > 0 && millis >= thresholdMillis) {
            add(event, millis);
        }
    }

    /** Redis's latencyAddSample: one sample per second, the worst one. */
    void add(String event, long millis) {
        Series s = events.computeIfAbsent(event, e -> new Series());
        long now = server.now() / 1000;
        if (millis > s.max) {
            s.max = millis;
        }
        int prev = s.latest();
        if (s.times[prev] == now) {
            s.latencies[prev] = Math.max(s.latencies[prev], millis);
            return;
        }
        s.times[s.next] = now;
        s.latencies[s.next] = millis;
        s.next = (s.next + 1) % SAMPLES;
    }

    /** Drops one event's samples, or all with null; returns how many events were dropped. */
    int reset(String event) {
        if (event == null) {
            int n = events.size();
            events.clear();
            return n;
        }
        return events.remove(event) == null ? 0 : 1;
    }
}
