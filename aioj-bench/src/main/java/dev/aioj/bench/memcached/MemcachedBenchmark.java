package dev.aioj.bench.memcached;

import dev.aioj.bench.Machine;
import dev.aioj.bench.redis.Passes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The memcached client benchmark of issue 21: aioj-memcached against
 * spymemcached 2.12, xmemcached 2.4 and Folsom 1.21, side by side in one
 * process against one memcached this run starts on a free loopback port.
 * Passes: (a) SET/GET alternating with 1, 16, 128 and 1024 in flight; (b)
 * depth-1 GET latency p50/p99; (c) 50 virtual threads sharing one client;
 * (d) GETs with 128 in flight, bytes allocated per GET. A warm-up round (a
 * tenth of the sizes) is discarded; each measured round runs every pass,
 * every client in turn, the order reversed every other round; the report
 * gives medians over the rounds, their spread, and aioj's ratio to the best
 * peer.
 *
 * <p>Usage: {@code ./aioj bench-memcached [--quick] [--rounds N] [--out FILE]}.
 */
public final class MemcachedBenchmark {

    static final String HOST = "127.0.0.1";
    static final int[] WINDOWS = {1, 16, 128, 1024};
    static final int THREADS = 50;

    record Sizes(int opsWindow1, int ops, int latencyOps, int opsPerThread, int allocOps) {
        Sizes scaled(int by) {
            return new Sizes(Math.max(100, opsWindow1 / by), Math.max(2048, ops / by), Math.max(100, latencyOps / by),
                    Math.max(10, opsPerThread / by), Math.max(2048, allocOps / by));
        }

        int opsFor(int window) {
            return window == 1 ? opsWindow1 : ops;
        }
    }

    private final Sizes sizes;
    private final int rounds;
    private final Workload workload = Workload.of(10_000, 32);
    /** scenario -> driver -> one value per round */
    final Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();

    MemcachedBenchmark(Sizes sizes, int rounds) {
        this.sizes = sizes;
        this.rounds = rounds;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        int rounds = 3;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--help", "-h" -> {
                    System.out.println("usage: ./aioj bench-memcached [--quick] [--rounds N] [--out FILE.md]");
                    return;
                }
                default -> {
                    System.err.println("unknown option: " + args[i] + " (try --help)");
                    System.exit(2);
                }
            }
        }
        Sizes sizes = new Sizes(20_000, 200_000, 20_000, 2_000, 200_000);
        if (quick) {
            sizes = sizes.scaled(20);
            rounds = 1;
        }
        String load = Machine.loadavgLine();
        MemcachedBenchmark benchmark = new MemcachedBenchmark(sizes, rounds);
        String version;
        try (MemcachedServer server = MemcachedServer.start()) {
            version = server.version();
            benchmark.run(server.port());
        }
        String command = "./aioj bench-memcached" + (args.length == 0 ? "" : " " + String.join(" ", args));
        String report = new MemcachedReport(benchmark.results, command, version, Machine.describe(), load,
                Machine.loadavgLine(), rounds, sizes, benchmark.workload).markdown();
        System.out.println(report);
        if (out != null) {
            Files.writeString(out, report);
            System.err.println("report written to " + out);
        }
    }

    void run(int port) throws Exception {
        List<MemcachedDriver> drivers = new ArrayList<>();
        drivers.add(new AiojMemcachedDriver(HOST + ":" + port));
        drivers.add(new SpymemcachedDriver(HOST, port));
        drivers.add(new XmemcachedDriver(HOST, port));
        drivers.add(new FolsomDriver(HOST, port));
        try {
            try (dev.aioj.memcached.MemcachedClient setup = dev.aioj.memcached.MemcachedClient.connect(HOST + ":" + port)
                    .join()) {
                // client flags 0x800: spymemcached's and xmemcached's "byte array" flag, so every library reads
                // the value back as the bytes it is (aioj and Folsom ignore flags)
                setup.sync().store(dev.aioj.memcached.StoreMode.SET, Workload.LATENCY_KEY, workload.value(),
                        java.time.Duration.ZERO, Workload.BYTE_ARRAY_FLAGS, 0);
            }
            log("warm-up round (%s)", workload);
            runRound(drivers, sizes.scaled(10), false);
            for (int round = 0; round < rounds; round++) {
                List<MemcachedDriver> order = round % 2 == 0 ? drivers : drivers.reversed();
                log("round %d/%d: %s", round + 1, rounds, order.stream().map(MemcachedDriver::name).toList());
                runRound(order, sizes, true);
            }
        } finally {
            for (MemcachedDriver d : drivers) d.close();
        }
    }

    private void runRound(List<MemcachedDriver> order, Sizes s, boolean record) throws Exception {
        for (int window : WINDOWS) {
            for (MemcachedDriver d : order) {
                System.gc();
                double rate = d.pipelined(workload, s.opsFor(window), window);
                log("  (a) %4d in flight  %-18s %,12.0f ops/s", window, d.name(), rate);
                if (record) add("a/" + window, d.name(), rate);
            }
        }
        for (MemcachedDriver d : order) {
            System.gc();
            Histogram h = Passes.latencyHistogram();
            d.depthOne(workload, s.latencyOps(), h);
            double p50 = h.getValueAtPercentile(50) / 1e3;
            double p99 = h.getValueAtPercentile(99) / 1e3;
            log("  (b) depth 1  %-18s p50 %7.1f  p99 %7.1f µs", d.name(), p50, p99);
            if (record) {
                add("b/p50", d.name(), p50);
                add("b/p99", d.name(), p99);
            }
        }
        for (MemcachedDriver d : order) {
            System.gc();
            double rate = d.shared(workload, THREADS, s.opsPerThread());
            log("  (c) %d threads  %-18s %,12.0f ops/s", THREADS, d.name(), rate);
            if (record) add("c", d.name(), rate);
        }
        for (MemcachedDriver d : order) {
            System.gc();
            d.pipelinedGets(workload, s.allocOps() / 10, 128); // settle: classes loaded, buffers grown
            long before = Allocation.totalBytes();
            double rate = d.pipelinedGets(workload, s.allocOps(), 128);
            double perOp = (Allocation.totalBytes() - before) / (double) s.allocOps();
            log("  (d) GETs, 128 in flight  %-18s %,12.0f ops/s  %,8.0f B/op", d.name(), rate, perOp);
            if (record) {
                add("d/rate", d.name(), rate);
                add("d/bytes", d.name(), perOp);
            }
        }
    }

    private void add(String scenario, String driver, double value) {
        results.computeIfAbsent(scenario, k -> new LinkedHashMap<>()).computeIfAbsent(driver, k -> new ArrayList<>())
                .add(value);
    }

    private static void log(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }
}
