package dev.aioj.bench.redis;

import dev.aioj.bench.redis.jmh.ObservabilityAllocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's section on what watching the client costs (issue 19): bytes
 * allocated per pipelined GET with observability off, with a JFR recording,
 * with an observer that does nothing, and with the Micrometer and
 * OpenTelemetry observers, from {@link ObservabilityAllocation} (HotSpot's
 * per-thread counters over a measured pass after a warm-up pass). Run with
 * the JMH part of {@code ./aioj bench-redis}, or alone ({@link #main}).
 */
final class ObservabilitySection {

    static final List<String> MODES = List.of("off", "jfr", "observer", "micrometer", "opentelemetry");
    static final int[] WINDOWS = {1, 128};

    private ObservabilitySection() {}

    /** Prints the section alone: {@code java -cp aioj-bench.jar dev.aioj.bench.redis.ObservabilitySection [--quick]}. */
    public static void main(String[] args) {
        StringBuilder md = new StringBuilder();
        append(md, measure(List.of(args).contains("--quick")));
        System.out.print(md);
    }

    /** Every mode at every window; {@code quick} measures fewer operations. */
    static List<ObservabilityAllocation.Row> measure(boolean quick) {
        long ops = quick ? 100_000 : 1_000_000;
        List<ObservabilityAllocation.Row> rows = new ArrayList<>();
        for (int window : WINDOWS) {
            for (String mode : MODES) {
                rows.add(ObservabilityAllocation.measure(mode, window, ops));
            }
        }
        return rows;
    }

    static void append(StringBuilder md, List<ObservabilityAllocation.Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        md.append("## Observability: allocation per command, off and on\n\n");
        md.append("`ObservabilityAllocation`: `PipelinedGetBenchmark`'s pipelined GET against `CannedRedisServer`, "
                + "the caller's and the loop's bytes per GET (HotSpot's per-thread counters, a measured pass after a "
                + "warm-up pass; JFR's and the OpenTelemetry exporter's own threads not counted). Modes: `off` (no "
                + "observer, no recording), `jfr` (a recording with every `dev.aioj.redis` event on), `observer` "
                + "(a `RedisObserver` that does nothing: the SPI's own cost), `micrometer` (`MicrometerObserver` on "
                + "a `SimpleMeterRegistry`), `opentelemetry` (`OpenTelemetryObserver` on the SDK, spans batched to "
                + "an exporter that drops them). `ObservedGetBenchmark` is the same under JMH (`./aioj jmh "
                + "ObservedGetBenchmark -prof gc`).\n\n");
        md.append("| in flight | observability | caller thread B/op | loop thread B/op | total B/op | vs off |\n"
                + "|---:|---|---:|---:|---:|---:|\n");
        for (ObservabilityAllocation.Row row : rows) {
            double off = rows.stream().filter(r -> r.window() == row.window() && r.mode().equals("off"))
                    .mapToDouble(ObservabilityAllocation.Row::client).findFirst().orElse(Double.NaN);
            md.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %.1f | %+.1f |%n", row.window(),
                    row.mode(), row.caller(), row.loop(), row.client(), row.client() - off));
        }
        md.append('\n');
    }
}
