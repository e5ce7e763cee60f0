package dev.aioj.bench.redis;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The sizes of one run of {@link RedisClientBenchmark}; {@link #fullRun()} is the
 * published run, {@link #quickRun()} a check that everything works (seconds, not
 * minutes). Window 1 of scenario (a) runs fewer commands than the others
 * ({@code opsWindow1}): one round trip at a time, 1,000,000 commands would take
 * half a minute per client and round, for a number that (b) measures anyway.
 *
 * @param rounds      measured rounds (each client once per round, order alternating); a warm-up round comes first
 * @param ops         commands per pass of (a) for windows above 1
 * @param opsWindow1  commands per pass of (a) with one command in flight
 * @param windows     the windows (commands in flight) of (a)
 * @param latencyOps  GETs per pass of (b)
 * @param threads     virtual threads of (c)
 * @param opsPerThread commands per virtual thread in (c)
 * @param keys        distinct keys of (a) and (c)
 * @param valueSize   bytes per value
 * @param out         the Markdown report (null: standard output only)
 * @param charts      the folder for the PNG charts (null: none)
 * @param jmh         also run the JMH allocation and codec benchmarks and add them to the report
 * @param baseline    another build's aioj-bench jar whose aioj client runs side by side with this one, as
 *                    "before" (null: none); see {@link BaselineDriver}
 * @param baselineName what the report calls the baseline (a commit, say)
 * @param clients     the clients to run, by {@link #CLIENT_NAMES} name (all by default)
 */
record Options(int rounds, int ops, int opsWindow1, int[] windows, int latencyOps, int threads, int opsPerThread,
        int keys, int valueSize, Path out, Path charts, boolean jmh, boolean quick, Path baseline,
        String baselineName, List<String> clients) {

    /** The clients {@code --clients} may name; "before" runs only with {@code --baseline}. */
    static final List<String> CLIENT_NAMES = List.of("aioj", "before", "lettuce", "jedis", "redis-benchmark");

    static Options fullRun() {
        return new Options(3, 1_000_000, 100_000, new int[] {1, 16, 128, 1024}, 100_000, 50, 4_000, 10_000, 3,
                null, null, true, false, null, null, CLIENT_NAMES);
    }

    static Options quickRun() {
        return new Options(1, 100_000, 10_000, new int[] {1, 16, 128, 1024}, 10_000, 50, 400, 10_000, 3,
                null, null, true, true, null, null, CLIENT_NAMES);
    }

    /** Whether {@code client} (one of {@link #CLIENT_NAMES}) runs. */
    boolean runs(String client) {
        return clients.contains(client) && (!client.equals("before") || baseline != null);
    }

    /** Parses {@code ./aioj bench-redis} arguments; see {@link #USAGE}. */
    static Options parse(String[] args) {
        boolean quick = List.of(args).contains("--quick");
        Options o = quick ? quickRun() : fullRun();
        int rounds = o.rounds;
        int ops = o.ops;
        int opsWindow1 = o.opsWindow1;
        int[] windows = o.windows;
        int latencyOps = o.latencyOps;
        int threads = o.threads;
        int opsPerThread = o.opsPerThread;
        int keys = o.keys;
        int valueSize = o.valueSize;
        Path out = null;
        Path charts = null;
        boolean jmh = o.jmh;
        Path baseline = null;
        String baselineName = "before";
        List<String> clients = o.clients;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> { }
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--ops" -> ops = Integer.parseInt(args[++i]);
                case "--ops-window1" -> opsWindow1 = Integer.parseInt(args[++i]);
                case "--windows" -> windows = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--latency-ops" -> latencyOps = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--ops-per-thread" -> opsPerThread = Integer.parseInt(args[++i]);
                case "--keys" -> keys = Integer.parseInt(args[++i]);
                case "--value-size" -> valueSize = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--charts" -> charts = Path.of(args[++i]);
                case "--no-jmh" -> jmh = false;
                case "--baseline" -> baseline = Path.of(args[++i]);
                case "--baseline-name" -> baselineName = args[++i];
                case "--clients" -> clients = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown argument: " + args[i] + "\n" + USAGE);
            }
        }
        for (int w : windows) {
            if (w < 1) throw new IllegalArgumentException("window < 1: " + w);
        }
        for (String client : clients) {
            if (!CLIENT_NAMES.contains(client)) {
                throw new IllegalArgumentException("unknown client: " + client + " (known: " + CLIENT_NAMES + ")");
            }
        }
        if (baseline != null && !java.nio.file.Files.isRegularFile(baseline)) {
            throw new IllegalArgumentException("baseline jar not found: " + baseline);
        }
        return new Options(rounds, ops, opsWindow1, windows, latencyOps, threads, opsPerThread, keys, valueSize, out,
                charts, jmh, quick, baseline, baselineName, clients);
    }

    static final String USAGE = """
            usage: ./aioj bench-redis [--quick] [--rounds N] [--ops N] [--ops-window1 N] [--windows 1,16,128,1024]
                                      [--latency-ops N] [--threads N] [--ops-per-thread N] [--keys N]
                                      [--value-size BYTES] [--out FILE.md] [--charts DIR] [--no-jmh]
                                      [--baseline OTHER-aioj-bench.jar [--baseline-name NAME]]
                                      [--clients aioj,before,lettuce,jedis,redis-benchmark]""";

    /** Commands per pass of (a) for {@code window}. */
    int opsFor(int window) {
        return window == 1 ? opsWindow1 : ops;
    }

    /** The same sizes divided by {@code by} (at least one command or thread op): the warm-up round. */
    Options scaledDown(int by) {
        return new Options(1, Math.max(2, ops / by), Math.max(2, opsWindow1 / by), windows,
                Math.max(1, latencyOps / by), threads, Math.max(2, opsPerThread / by), keys, valueSize, out, charts,
                jmh, quick, baseline, baselineName, clients);
    }
}
