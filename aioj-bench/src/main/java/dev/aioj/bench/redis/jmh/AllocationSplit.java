package dev.aioj.bench.redis.jmh;

import java.util.Locale;

/**
 * Where the bytes of one pipelined GET are allocated: runs {@link
 * PipelinedGetBenchmark}'s aioj loop outside JMH and reads HotSpot's
 * per-thread allocation counters for the calling thread, the connection's
 * loop thread and the canned server's threads. JMH's {@code
 * gc.alloc.rate.norm} gives the total; this gives the split, and shows the
 * server allocates nothing.
 *
 * <p>Usage: {@code java -cp aioj-bench.jar dev.aioj.bench.redis.jmh.AllocationSplit [window] [ops]}
 */
public final class AllocationSplit {

    /** Bytes per GET on each side, averaged over a measured pass after a warm-up pass. */
    public record Split(int window, boolean joinWait, long ops, double caller, double loop, double server) {
        public double client() {
            return caller + loop;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "window %d, %s: caller %.1f B/op + loop %.1f B/op = client %.1f B/op;"
                    + " canned server %.2f B/op", window, joinWait ? "join()" : "yield until done", caller, loop,
                    client(), server);
        }
    }

    private AllocationSplit() {}

    public static void main(String[] args) {
        int window = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        long ops = args.length > 1 ? Long.parseLong(args[1]) : 2_000_000;
        System.out.println(measure(window, false, ops));
        System.out.println(measure(window, true, ops));
    }

    public static Split measure(int window, boolean joinWait, long ops) {
        PipelinedGetBenchmark.Aioj state = new PipelinedGetBenchmark.Aioj();
        state.window = window;
        state.joinWait = joinWait;
        state.open();
        try {
            AllocationCounters.PerOp bytes = AllocationCounters.measure(state.canned, true, ops, state::get);
            return new Split(window, joinWait, ops, bytes.caller(), bytes.loop(), bytes.server());
        } finally {
            state.close();
        }
    }
}
