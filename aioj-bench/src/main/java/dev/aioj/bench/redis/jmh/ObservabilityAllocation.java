package dev.aioj.bench.redis.jmh;

import java.util.List;
import java.util.Locale;

/**
 * Bytes allocated per pipelined GET with each way of watching the client
 * ({@link ObservedGetBenchmark}'s modes), split into the calling thread and
 * the connection's loop thread: runs the benchmark's loop outside JMH and
 * reads HotSpot's per-thread allocation counters over a measured pass after
 * a warm-up pass, like {@link AllocationSplit}. JFR's own threads and the
 * OpenTelemetry exporter's thread are not counted: only what the command path
 * pays.
 *
 * <p>Usage: {@code java -cp aioj-bench.jar dev.aioj.bench.redis.jmh.ObservabilityAllocation [window] [ops] [modes]}
 */
public final class ObservabilityAllocation {

    private ObservabilityAllocation() {}

    /** One mode's bytes per GET. */
    public record Row(String mode, int window, double caller, double loop) {
        public double client() {
            return caller + loop;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-13s window %4d: caller %6.1f B/op + loop %6.1f B/op = %6.1f B/op",
                    mode, window, caller, loop, client());
        }
    }

    public static void main(String[] args) {
        int window = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        long ops = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        List<String> modes = args.length > 2 ? List.of(args[2].split(","))
                : List.of("off", "jfr", "observer", "micrometer", "opentelemetry");
        for (String mode : modes) {
            System.out.println(measure(mode, window, ops));
        }
    }

    public static Row measure(String mode, int window, long ops) {
        ObservedGetBenchmark.Observed state = new ObservedGetBenchmark.Observed();
        state.observability = mode;
        state.window = window;
        state.open();
        try {
            AllocationCounters.PerOp bytes = AllocationCounters.measure(state.canned, false, ops, state::get);
            return new Row(mode, window, bytes.caller(), bytes.loop());
        } finally {
            state.close();
        }
    }
}
