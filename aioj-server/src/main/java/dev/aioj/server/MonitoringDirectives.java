package dev.aioj.server;

import java.util.List;

/**
 * redis.conf's SLOW LOG, LATENCY MONITOR, LATENCY TRACKING and EVENT
 * NOTIFICATION sections: what the server records about itself and tells
 * subscribers. All are honoured: {@link SlowLog}, {@link LatencyMonitor},
 * {@link CommandObservers} (INFO latencystats) and {@link KeyspaceEvents}.
 */
final class MonitoringDirectives {

    private MonitoringDirectives() {}

    static final Directive SLOWLOG_LOG_SLOWER_THAN = Directive.integer("slowlog-log-slower-than", -1,
            Long.MAX_VALUE, 10_000)
            .honoured("SLOWLOG keeps commands that ran at least this many microseconds (-1: none, 0: all)",
                    s -> s.slowlog.slowerThanMicros = s.live.number(MonitoringDirectives.SLOWLOG_LOG_SLOWER_THAN));

    static final Directive SLOWLOG_MAX_LEN = Directive.integer("slowlog-max-len", 0, Long.MAX_VALUE, 128)
            .honoured("the most entries SLOWLOG keeps",
                    s -> s.slowlog.maxLen = s.live.number(MonitoringDirectives.SLOWLOG_MAX_LEN));

    static final Directive LATENCY_MONITOR_THRESHOLD = Directive.integer("latency-monitor-threshold", 0,
            Long.MAX_VALUE, 0)
            .honoured("LATENCY records events (command, fast-command, expire-cycle) of at least this many "
                    + "milliseconds; 0 turns it off",
                    s -> s.latency.thresholdMillis = s.live.number(MonitoringDirectives.LATENCY_MONITOR_THRESHOLD));

    static final Directive LATENCY_TRACKING = Directive.bool("latency-tracking", true)
            .honoured("per-command latency histograms for INFO latencystats and LATENCY HISTOGRAM",
                    s -> s.observers.latencyTracking = s.live.bool(MonitoringDirectives.LATENCY_TRACKING));

    static final Directive LATENCY_TRACKING_INFO_PERCENTILES = Directive.special(
            "latency-tracking-info-percentiles", new SpecialTypes.Percentiles()).flags(Directive.MULTI_ARG)
            .honoured("the percentiles INFO latencystats reports", s -> {
                List<?> percentiles = (List<?>) s.live.get(MonitoringDirectives.LATENCY_TRACKING_INFO_PERCENTILES);
                double[] p = new double[percentiles.size()];
                for (int i = 0; i < p.length; i++) {
                    p[i] = (Double) percentiles.get(i);
                }
                s.observers.percentiles = p;
            });

    static final Directive NOTIFY_KEYSPACE_EVENTS = Directive.special("notify-keyspace-events",
            new SpecialTypes.NotifyKeyspaceEvents())
            .honoured("the classes of keyspace events published on `__keyspace@N__` and `__keyevent@N__` channels",
                    s -> s.events.configure(s.live.choice(MonitoringDirectives.NOTIFY_KEYSPACE_EVENTS)));

    static List<Directive> all() {
        return List.of(SLOWLOG_LOG_SLOWER_THAN, SLOWLOG_MAX_LEN, LATENCY_MONITOR_THRESHOLD, LATENCY_TRACKING,
                LATENCY_TRACKING_INFO_PERCENTILES, NOTIFY_KEYSPACE_EVENTS);
    }
}
