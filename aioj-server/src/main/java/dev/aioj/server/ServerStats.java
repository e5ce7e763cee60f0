package dev.aioj.server;

/**
 * The counters INFO reports (Redis's {@code stat_*} fields), plus the samples
 * behind {@code instantaneous_ops_per_sec}. Plain fields: written and read on
 * the loop thread only.
 */
final class ServerStats {

    long connectionsReceived;
    long commandsProcessed;
    long rejectedConnections;
    long expiredKeys;
    long keyspaceHits;
    long keyspaceMisses;
    long errorReplies;
    long netInputBytes;
    long netOutputBytes;
    long outputLimitDisconnections;
    long queryLimitDisconnections;
    long unexpectedErrorReplies;
    /** INFO errorstats: replies by error code (the error's first word), sorted as Redis's rax lists them. */
    final java.util.TreeMap<String, Long> errorsByCode = new java.util.TreeMap<>();

    /** Redis's ERROR_STATS_NUMBER: past this many codes, errorstats stop growing (Redis disables them). */
    static final int MAX_ERROR_CODES = 128;

    /** Counts one error reply; {@code text} starts with its code ("ERR ...", "WRONGTYPE ..."). */
    void error(String text) {
        errorReplies++;
        int space = text.indexOf(' ');
        String code = space > 0 && space < 32 ? text.substring(0, space) : "ERR";
        Long n = errorsByCode.get(code);
        if (n != null) {
            errorsByCode.put(code, n + 1);
        } else if (errorsByCode.size() < MAX_ERROR_CODES) {
            errorsByCode.put(code, 1L);
        }
    }

    /** Redis's STATS_METRIC_SAMPLES: ops/sec is the mean of the last 16 samples. */
    private static final int SAMPLES = 16;
    private final long[] opsSamples = new long[SAMPLES];
    private int sampleIndex;
    private long lastSampleMillis;
    private long lastSampleCommands;

    /** Called by the server cron (10 times a second). */
    void sample(long nowMillis) {
        if (lastSampleMillis != 0) {
            long elapsed = Math.max(1, nowMillis - lastSampleMillis);
            opsSamples[sampleIndex] = (commandsProcessed - lastSampleCommands) * 1000 / elapsed;
            sampleIndex = (sampleIndex + 1) % SAMPLES;
        }
        lastSampleMillis = nowMillis;
        lastSampleCommands = commandsProcessed;
    }

    long instantaneousOpsPerSec() {
        long sum = 0;
        for (long s : opsSamples) {
            sum += s;
        }
        return sum / SAMPLES;
    }

    /** CONFIG RESETSTAT. */
    void reset() {
        connectionsReceived = 0;
        commandsProcessed = 0;
        rejectedConnections = 0;
        expiredKeys = 0;
        keyspaceHits = 0;
        keyspaceMisses = 0;
        errorReplies = 0;
        errorsByCode.clear();
        netInputBytes = 0;
        netOutputBytes = 0;
        outputLimitDisconnections = 0;
        queryLimitDisconnections = 0;
        unexpectedErrorReplies = 0;
    }
}
