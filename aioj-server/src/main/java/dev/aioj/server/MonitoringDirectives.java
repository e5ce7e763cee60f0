package dev.aioj.server;

import java.util.List;

/**
 * redis.conf's SLOW LOG, LATENCY MONITOR, LATENCY TRACKING and EVENT
 * NOTIFICATION sections: what the server records about itself and tells
 * subscribers. Keyspace notifications are honoured ({@link KeyspaceEvents});
 * the slow log and the latency monitor are not yet.
 */
final class MonitoringDirectives {

    private MonitoringDirectives() {}

    static final Directive SLOWLOG_LOG_SLOWER_THAN = Directive.integer("slowlog-log-slower-than", -1,
            Long.MAX_VALUE, 10_000)
            .ignored("no SLOWLOG yet");

    static final Directive SLOWLOG_MAX_LEN = Directive.integer("slowlog-max-len", 0, Long.MAX_VALUE, 128)
            .ignored("no SLOWLOG yet");

    static final Directive LATENCY_MONITOR_THRESHOLD = Directive.integer("latency-monitor-threshold", 0,
            Long.MAX_VALUE, 0)
            .ignored("no LATENCY monitor yet");

    static final Directive LATENCY_TRACKING = Directive.bool("latency-tracking", true)
            .ignored("INFO has no latencystats section yet");

    static final Directive LATENCY_TRACKING_INFO_PERCENTILES = Directive.special(
            "latency-tracking-info-percentiles", new SpecialTypes.Percentiles()).flags(Directive.MULTI_ARG)
            .ignored("INFO has no latencystats section yet");

    static final Directive NOTIFY_KEYSPACE_EVENTS = Directive.special("notify-keyspace-events",
            new SpecialTypes.NotifyKeyspaceEvents())
            .honoured("the classes of keyspace events published on `__keyspace@N__` and `__keyevent@N__` channels",
                    s -> s.events.configure(s.live.choice(MonitoringDirectives.NOTIFY_KEYSPACE_EVENTS)));

    static List<Directive> all() {
        return List.of(SLOWLOG_LOG_SLOWER_THAN, SLOWLOG_MAX_LEN, LATENCY_MONITOR_THRESHOLD, LATENCY_TRACKING,
                LATENCY_TRACKING_INFO_PERCENTILES, NOTIFY_KEYSPACE_EVENTS);
    }
}
