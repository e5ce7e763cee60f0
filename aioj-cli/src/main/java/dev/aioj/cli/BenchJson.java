package dev.aioj.cli;

import dev.aioj.redis.RedisUri;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** {@code aioj bench --json}: one object with the settings and one entry per test. */
final class BenchJson {

    private BenchJson() {}

    static String of(RedisUri target, int clients, int pipeline, int valueSize, List<LoadRunner.Result> results) {
        StringBuilder s = new StringBuilder("{\n");
        s.append("  \"server\": \"").append(target.endpoint()).append("\",\n");
        s.append("  \"clients\": ").append(clients).append(",\n");
        s.append("  \"pipeline\": ").append(pipeline).append(",\n");
        s.append("  \"valueSize\": ").append(valueSize).append(",\n");
        s.append("  \"tests\": [");
        for (int i = 0; i < results.size(); i++) {
            LoadRunner.Result r = results.get(i);
            Histogram h = r.latencyMicros();
            s.append(i == 0 ? "\n" : ",\n");
            s.append(String.format(Locale.ROOT, "    {\"test\": \"%s\", \"requests\": %d, \"errors\": %d, "
                    + "\"seconds\": %.6f, \"rps\": %.2f, \"latencyMs\": {\"avg\": %.3f, \"min\": %.3f, "
                    + "\"p50\": %.3f, \"p95\": %.3f, \"p99\": %.3f, \"p999\": %.3f, \"max\": %.3f}}",
                    r.test().name().toLowerCase(Locale.ROOT), r.requests(), r.errors(), r.elapsedNanos() / 1e9,
                    r.requestsPerSecond(), h.getMean() / 1000, h.getMinValue() / 1000.0,
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0,
                    h.getMaxValue() / 1000.0));
        }
        return s.append("\n  ]\n}").toString();
    }
}
