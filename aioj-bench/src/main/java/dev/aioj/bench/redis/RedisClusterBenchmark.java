package dev.aioj.bench.redis;

import dev.aioj.bench.Machine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Redis Cluster client benchmark of issue 16: aioj's {@code
 * RedisClusterClient} against Lettuce's (auto-flush and manual flush) and
 * {@code JedisCluster} (its {@code ClusterPipeline} where it applies), in one
 * process, against one 3-primary cluster this run starts on loopback.
 * Scenarios: SET/GET alternating from one thread with 16, 128 and 1024
 * commands in flight, keys spread over all slots; 50 virtual threads sharing
 * one client, each doing sequential SET then GET. A warm-up round (a tenth of
 * the sizes) is discarded; then each round runs every scenario and client,
 * the client order reversed every other round; the report gives medians with
 * their spread, and the ratios the issue sets targets for.
 *
 * <p>Usage: {@code ./aioj bench-redis --cluster [--quick] [--rounds N] [--out FILE]}.
 */
public final class RedisClusterBenchmark {

    static final String HOST = "127.0.0.1";
    private static final int[] WINDOWS = {16, 128, 1024};
    private static final int THREADS = 50;

    private final boolean quick;
    private final int rounds;
    private final Workload workload = Workload.of(100_000, 3);
    private final Results results = new Results();

    private RedisClusterBenchmark(boolean quick, int rounds) {
        this.quick = quick;
        this.rounds = rounds;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        int rounds = 3;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cluster" -> { }
                case "--quick" -> quick = true;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: ./aioj bench-redis --cluster [--quick] [--rounds N] [--out FILE]");
                    System.exit(2);
                }
            }
        }
        if (quick) rounds = 1;
        RedisClusterBenchmark benchmark = new RedisClusterBenchmark(quick, rounds);
        String version;
        long started = System.nanoTime();
        String loadBefore = loadAverage();
        try (ClusterServers cluster = ClusterServers.start(3)) {
            version = cluster.version();
            benchmark.run(cluster.port());
        }
        String command = "./aioj bench-redis" + (args.length == 0 ? "" : " " + String.join(" ", args));
        String report = benchmark.report(command, version, (System.nanoTime() - started) / 1_000_000_000L,
                loadBefore, loadAverage());
        System.out.println(report);
        if (out != null) {
            if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report);
            System.err.println("report written to " + out);
        }
    }

    private int opsFor(int window, int scale) {
        int base = quick ? 20_000 : 200_000;
        return Math.max(window * 4, base / scale);
    }

    private int opsPerThread(int scale) {
        return Math.max(2, (quick ? 200 : 2_000) / scale);
    }

    private void run(int port) throws Exception {
        List<ClientDriver> drivers = new ArrayList<>();
        try {
            drivers.add(new ClusterDrivers.Aioj(HOST, port));
            drivers.add(new ClusterDrivers.Lettuce(HOST, port));
            drivers.add(new ClusterDrivers.LettuceManualFlush(HOST, port));
            drivers.add(new ClusterDrivers.Jedis(HOST, port, THREADS));
            log("warm-up round (%s)", workload);
            runRound(drivers, 10, null);
            for (int round = 0; round < rounds; round++) {
                List<ClientDriver> order = round % 2 == 0 ? drivers : drivers.reversed();
                log("round %d/%d: %s", round + 1, rounds, order.stream().map(ClientDriver::name).toList());
                runRound(order, 1, results);
            }
        } finally {
            for (ClientDriver driver : drivers) driver.close();
        }
    }

    private void runRound(List<ClientDriver> order, int scale, Results into) throws Exception {
        for (int window : WINDOWS) {
            for (ClientDriver driver : order) {
                if (driver instanceof ClientDriver.Pipelined pipelined) {
                    System.gc();
                    double rate = pipelined.alternating(workload, opsFor(window, scale), window);
                    log("  window %4d  %-24s %,12.0f commands/s", window, driver.name(), rate);
                    if (into != null) into.add("a/" + window, driver.name(), rate);
                }
            }
        }
        for (ClientDriver driver : order) {
            if (driver instanceof ClientDriver.Shared shared) {
                System.gc();
                double rate = shared.shared(workload, THREADS, opsPerThread(scale));
                log("  %d threads  %-24s %,12.0f commands/s", THREADS, driver.name(), rate);
                if (into != null) into.add("c", driver.name(), rate);
            }
        }
    }

    private static final List<String> CLIENTS = List.of("aioj", "Lettuce (auto-flush)", "Lettuce (manual flush)",
            "Jedis");

    /** The 1, 5 and 15 minute load averages (Linux), or "unknown": the numbers mean little on a busy machine. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private String report(String command, String serverVersion, long seconds, String loadBefore, String loadAfter) {
        StringBuilder s = new StringBuilder();
        s.append("# Redis Cluster client benchmark\n\n");
        s.append("aioj's `RedisClusterClient` against Lettuce's `RedisClusterClient` (auto-flush, and manual flush with"
                + " `setAutoFlushCommands(false)` + `flushCommands()`) and `JedisCluster` (`ClusterPipeline` for the"
                + " pipelined rows, a pool of " + THREADS + " connections per node for the threads row), in one"
                + " process, against one cluster of 3 primaries (no replicas) on loopback, redis-server "
                + serverVersion + ".\n\n");
        s.append("- Command: `").append(command).append("` (").append(seconds).append(" s)\n");
        s.append("- Machine: ").append(Machine.describe()).append("\n");
        s.append("- Load average (1 / 5 / 15 min): ").append(loadBefore).append(" before, ").append(loadAfter)
                .append(" after\n");
        s.append("- Rounds: ").append(rounds).append(" after a discarded warm-up round; medians, with min–max over the"
                + " rounds. Pipelined rows: ").append(opsFor(16, 1)).append(" commands per pass (SET then GET of each"
                + " key, every reply checked), 100,000 keys over all slots, 3-byte values. Threads row: ")
                .append(THREADS).append(" virtual threads × ").append(opsPerThread(1))
                .append(" sequential commands each.\n\n");
        s.append("| scenario | ");
        for (String client : CLIENTS) s.append(client).append(" | ");
        s.append("aioj / best Lettuce |\n|---|");
        for (int i = 0; i <= CLIENTS.size(); i++) s.append("---:|");
        s.append('\n');
        List<String> rows = new ArrayList<>();
        for (int window : WINDOWS) rows.add("a/" + window);
        rows.add("c");
        for (String row : rows) {
            s.append("| ").append(row.equals("c") ? THREADS + " virtual threads, one client"
                    : row.substring(2) + " in flight, one thread").append(" | ");
            for (String client : CLIENTS) {
                double median = results.median(row, client);
                s.append(Double.isNaN(median) ? "–" : String.format(Locale.ROOT, "%,.0f/s (%,.0f–%,.0f)", median,
                        results.min(row, client), results.max(row, client))).append(" | ");
            }
            double best = Math.max(nanToZero(results.median(row, "Lettuce (auto-flush)")),
                    nanToZero(results.median(row, "Lettuce (manual flush)")));
            s.append(String.format(Locale.ROOT, "%.2fx", results.median(row, "aioj") / best)).append(" |\n");
        }
        s.append("\nSame-round ratios (aioj / the best Lettuce of the same round, so both ran under the same load),"
                + " round by round:\n\n");
        for (String row : rows) {
            List<Double> ratios = roundRatios(row);
            s.append("- ").append(row.equals("c") ? THREADS + " virtual threads" : row.substring(2) + " in flight")
                    .append(": ");
            List<String> each = new ArrayList<>();
            for (double ratio : ratios) each.add(String.format(Locale.ROOT, "%.2fx", ratio));
            s.append(String.join(", ", each)).append(String.format(Locale.ROOT, " (median %.2fx)",
                    Results.median(ratios))).append('\n');
        }
        double at128 = results.median("a/128", "aioj") / Math.max(results.median("a/128", "Lettuce (auto-flush)"),
                results.median("a/128", "Lettuce (manual flush)"));
        double threads = results.median("c", "aioj") / results.median("c", "Lettuce (auto-flush)");
        s.append("\nTargets (issue 16): ≥ 2x Lettuce's best with 128 in flight: **")
                .append(String.format(Locale.ROOT, "%.2fx", at128)).append(at128 >= 2 ? "** (met)" : "** (not met)")
                .append("; ≥ 1.3x with ").append(THREADS).append(" threads: **")
                .append(String.format(Locale.ROOT, "%.2fx", threads)).append(threads >= 1.3 ? "** (met)" : "** (not met)")
                .append(".\n");
        return s.toString();
    }

    /** aioj's rate in each round over the best Lettuce rate of that same round. */
    private List<Double> roundRatios(String row) {
        List<Double> aioj = results.of(row, "aioj");
        List<Double> auto = results.of(row, "Lettuce (auto-flush)");
        List<Double> manual = results.of(row, "Lettuce (manual flush)");
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < aioj.size(); r++) {
            double best = Math.max(r < auto.size() ? auto.get(r) : 0, r < manual.size() ? manual.get(r) : 0);
            if (best > 0) ratios.add(aioj.get(r) / best);
        }
        return ratios;
    }

    private static double nanToZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    private static void log(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }
}
