package dev.aioj.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two human-readable LATENCY replies, ported from Redis's latency.c and
 * sparkline.c: DOCTOR's report (per event: spikes, average, mean deviation,
 * period, worst; then the advice that applies to this server's events) and
 * GRAPH's ASCII sparkline of an event's samples, with the age of each sample
 * as its label.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class LatencyReport {

    private LatencyReport() {}

    /** Redis's createLatencyReport, for the events this server records. */
    static String doctor(ServerState s) {
        LatencyMonitor m = s.latency;
        if (m.events.isEmpty() && m.thresholdMillis == 0) {
            return "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may "
                    + "use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't "
                    + "in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n";
        }
        StringBuilder r = new StringBuilder();
        boolean slowlogEnabled = false;
        boolean slowlogTuning = false;
        boolean slowlogInspect = false;
        boolean scheduler = false;
        boolean hz = false;
        boolean largeObjects = false;
        int advices = 0;
        int eventNum = 0;
        long now = s.now() / 1000;
        for (Map.Entry<String, LatencyMonitor.Series> e : m.events.entrySet()) {
            String event = e.getKey();
            LatencyMonitor.Series ts = e.getValue();
            eventNum++;
            if (eventNum == 1) {
                r.append("Dave, I have observed latency spikes in this Redis instance. You don't mind talking about "
                        + "it, do you Dave?\n\n");
            }
            long samples = 0;
            long sum = 0;
            long oldest = 0;
            for (int j = 0; j < LatencyMonitor.SAMPLES; j++) {
                if (ts.times[j] == 0) {
                    continue;
                }
                samples++;
                sum += ts.latencies[j];
                if (oldest == 0 || ts.times[j] < oldest) {
                    oldest = ts.times[j];
                }
            }
            long avg = samples == 0 ? 0 : sum / samples;
            long period = samples == 0 ? 0 : Math.max(1, now - oldest);
            long deviations = 0;
            for (int j = 0; j < LatencyMonitor.SAMPLES; j++) {
                if (ts.times[j] != 0) {
                    deviations += Math.abs(avg - ts.latencies[j]);
                }
            }
            long mad = samples == 0 ? 0 : deviations / samples;
            r.append(String.format(Locale.ROOT, "%d. %s: %d latency spikes (average %dms, mean deviation %dms, "
                    + "period %.2f sec). Worst all time event %dms.", eventNum, event, samples, avg, mad,
                    (double) period / samples, ts.max));
            switch (event) {
                case "command" -> {
                    if (s.slowlog.slowerThanMicros < 0) {
                        slowlogEnabled = true;
                        advices++;
                    } else if (s.slowlog.slowerThanMicros / 1000 > m.thresholdMillis) {
                        slowlogTuning = true;
                        advices++;
                    }
                    slowlogInspect = true;
                    largeObjects = true;
                    advices += 2;
                }
                case "fast-command" -> {
                    scheduler = true;
                    advices++;
                }
                case "expire-cycle" -> {
                    hz = true;
                    largeObjects = true;
                    advices += 2;
                }
                default -> {
                    // no advice for this event
                }
            }
            r.append('\n');
        }
        if (eventNum == 0 && advices == 0) {
            r.append("Dave, no latency spike was observed during the lifetime of this Redis instance, not in the "
                    + "slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think "
                    + "things over.\n");
        } else if (eventNum > 0 && advices == 0) {
            r.append("\nWhile there are latency events logged, I'm not able to suggest any easy fix. Please use the "
                    + "Redis community to get some help, providing this report in your help request.\n");
        } else {
            r.append("\nI have a few advices for you:\n\n");
            if (slowlogEnabled) {
                r.append("- There are latency issues with potentially slow commands you are using. Try to enable the "
                        + "Slow Log Redis feature using the command 'CONFIG SET slowlog-log-slower-than ")
                        .append(m.thresholdMillis * 1000).append("'. If the Slow log is disabled Redis is not able to "
                        + "log slow commands execution for you.\n");
            }
            if (slowlogTuning) {
                r.append("- Your current Slow Log configuration only logs events that are slower than your configured "
                        + "latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than ")
                        .append(m.thresholdMillis * 1000).append("'.\n");
            }
            if (slowlogInspect) {
                r.append("- Check your Slow Log to understand what are the commands you are running which are too "
                        + "slow to execute. Please check https://redis.io/commands/slowlog for more information.\n");
            }
            if (scheduler) {
                r.append("- The system is slow to execute Redis code paths not containing system calls. This usually "
                        + "means the system does not provide Redis CPU time to run for long periods. You should try "
                        + "to:\n  1) Lower the system load.\n  2) Use a computer / VM just for Redis if you are running "
                        + "other software in the same system.\n  3) Check if you have a \"noisy neighbour\" problem.\n"
                        + "  4) Check with 'redis-cli --intrinsic-latency 100' what is the intrinsic latency in your "
                        + "system.\n  5) Check if the problem is allocator-related by recompiling Redis with "
                        + "MALLOC=libc, if you are using Jemalloc. However this may create fragmentation problems.\n");
            }
            if (hz && s.config.hz() < 100) {
                r.append("- In order to make the Redis keys expiring process more incremental, try to set the 'hz' "
                        + "configuration parameter to 100 using 'CONFIG SET hz 100'.\n");
            }
            if (largeObjects) {
                r.append("- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking "
                        + "operation. If you have very large objects that are often deleted, expired, or evicted, try "
                        + "to fragment those objects into multiple smaller objects.\n");
            }
        }
        return r.toString();
    }

    /** Redis's latencyCommandGenSparkeline: a title, a rule, and 4 rows of sparkline with age labels. */
    static String graph(ServerState s, String event, LatencyMonitor.Series ts) {
        List<long[]> samples = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        long min = 0;
        long max = 0;
        long now = s.now() / 1000;
        for (int j = 0; j < LatencyMonitor.SAMPLES; j++) {
            int i = (ts.next + j) % LatencyMonitor.SAMPLES;
            if (ts.times[i] == 0) {
                continue;
            }
            long latency = ts.latencies[i];
            if (samples.isEmpty()) {
                min = max = latency;
            } else {
                max = Math.max(max, latency);
                min = Math.min(min, latency);
            }
            long elapsed = now - ts.times[i];
            labels.add(elapsed < 60 ? elapsed + "s" : elapsed < 3600 ? elapsed / 60 + "m"
                    : elapsed < 86400 ? elapsed / 3600 + "h" : elapsed / 86400 + "d");
            samples.add(new long[] {latency});
        }
        StringBuilder out = new StringBuilder();
        out.append(event).append(" - high ").append(max).append(" ms, low ").append(min)
                .append(" ms (all time high ").append(ts.max).append(" ms)\n");
        out.append("-".repeat(80)).append('\n');
        double[] values = new double[samples.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = samples.get(i)[0];
        }
        sparkline(out, values, labels, 80, 4);
        return out.toString();
    }

    private static final String CHARSET_FILL = "_o#";

    /** Redis's sparklineRender with SPARKLINE_FILL: chunks of {@code columns} samples. */
    private static void sparkline(StringBuilder out, double[] values, List<String> labels, int columns, int rows) {
        if (values.length == 0) {
            return;
        }
        double min = values[0];
        double max = values[0];
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        for (int j = 0; j < values.length; j += columns) {
            int len = Math.min(columns, values.length - j);
            if (j != 0) {
                out.append('\n');
            }
            renderRange(out, values, labels, min, max, rows, j, len);
        }
    }

    private static void renderRange(StringBuilder out, double[] values, List<String> labels, double min, double max,
            int rows, int offset, int len) {
        double relmax = max - min;
        if (relmax == 0) {
            relmax = 1;
        }
        int charsetLen = CHARSET_FILL.length();
        int steps = charsetLen * rows;
        char[] chars = new char[len];
        int row = 0;
        boolean loop = true;
        while (loop) {
            loop = false;
            java.util.Arrays.fill(chars, ' ');
            for (int j = 0; j < len; j++) {
                double relval = values[j + offset] - min;
                int step = (int) ((int) (relval * steps) / relmax); // C: (int) (relval*steps)/relmax
                step = Math.max(0, Math.min(steps - 1, step));
                if (row < rows) {
                    int charidx = step - ((rows - row - 1) * charsetLen);
                    loop = true;
                    if (charidx >= 0 && charidx < charsetLen) {
                        chars[j] = CHARSET_FILL.charAt(charidx);
                    } else if (charidx >= charsetLen) {
                        chars[j] = '|';
                    }
                } else {
                    if (row - rows < 1) { // label_margin_top, every sample here has a label
                        loop = true;
                        break;
                    }
                    String label = labels.get(j + offset);
                    int labelChar = row - rows - 1;
                    if (label.length() > labelChar) {
                        loop = true;
                        chars[j] = label.charAt(labelChar);
                    }
                }
            }
            if (loop) {
                row++;
                out.append(chars).append('\n');
            }
        }
    }
}
