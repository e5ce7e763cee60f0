package dev.aioj.bench.redis;

import dev.aioj.bench.Machine;
import dev.aioj.bench.redis.jmh.AllocationSplit;
import dev.aioj.bench.redis.jmh.ObservabilityAllocation;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Redis client benchmark of issue 5: aioj-redis against Lettuce
 * (auto-flush and manual flush), Jedis and redis-benchmark, side by side in
 * one process, against one redis-server this run starts on a free loopback
 * port. Scenarios: (a) SET/GET alternating from one thread with a window of
 * commands in flight; (b) sequential GETs, latency percentiles; (c) virtual
 * threads sharing one client. A warm-up round (a tenth of the sizes) runs
 * first and is discarded; then each round runs every scenario, every client
 * in turn, the order of clients reversed every other round; the report gives
 * medians of the rounds with their spread, and ratios.
 *
 * <p>Usage: {@code ./aioj bench-redis [--quick] [--out FILE] [--charts DIR] ...}
 * (see {@link Options#USAGE}).
 */
public final class RedisClientBenchmark {

    static final String HOST = "127.0.0.1";

    private final Options options;
    private final Workload workload;
    private final Results results = new Results();
    private String serverVersion = "unknown";
    private String redisBenchmarkVersion;

    RedisClientBenchmark(Options options) {
        this.options = options;
        this.workload = Workload.of(options.keys(), options.valueSize());
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        RedisClientBenchmark benchmark = new RedisClientBenchmark(options);
        try (RedisServer server = RedisServer.start()) {
            benchmark.serverVersion = server.version();
            benchmark.run(server.port(), server.pid());
        }
        String command = "./aioj bench-redis" + (args.length == 0 ? "" : " " + String.join(" ", args));
        // The side-by-side numbers are written before JMH runs, so a JMH failure cannot lose them.
        benchmark.write(new Report(benchmark, command, List.of(), List.of()).markdown(), false);
        if (options.jmh()) {
            List<JmhResults.Row> jmh = List.of();
            List<AllocationSplit.Split> splits = List.of();
            List<ObservabilityAllocation.Row> observability = List.of();
            try {
                jmh = JmhResults.run(options.quick());
                splits = JmhResults.splits(options.quick());
                observability = ObservabilitySection.measure(options.quick());
            } catch (Exception | AssertionError e) {
                System.err.println("JMH failed; the report keeps what completed: " + e);
            }
            benchmark.write(new Report(benchmark, command, jmh, splits).observability(observability).markdown(),
                    true);
        }
    }

    private void write(String report, boolean last) throws IOException {
        if (last || !options.jmh()) {
            System.out.println(report);
        }
        if (options.charts() != null) {
            Files.createDirectories(options.charts());
            for (var chart : Charts.write(this, options.charts())) {
                System.err.println("chart written to " + chart);
            }
        }
        if (options.out() != null) {
            if (options.out().toAbsolutePath().getParent() != null) {
                Files.createDirectories(options.out().toAbsolutePath().getParent());
            }
            Files.writeString(options.out(), report);
            System.err.println("report written to " + options.out());
        }
    }

    /** Runs the warm-up round and the measured rounds against the server on {@code port}, process {@code pid}. */
    void run(int port, long pid) throws Exception {
        serverPid = pid;
        loadBefore = Machine.loadAverage();
        List<ClientDriver> drivers = connect(port);
        try {
            setLatencyKey(port);
            log("warm-up round (%s)", workload);
            runRound(drivers, options.scaledDown(10), null);
            for (int round = 0; round < options.rounds(); round++) {
                List<ClientDriver> order = round % 2 == 0 ? drivers : drivers.reversed();
                log("round %d/%d: %s", round + 1, options.rounds(), order.stream().map(ClientDriver::name).toList());
                runRound(order, options, results);
            }
        } finally {
            loadAfter = Machine.loadAverage();
            for (ClientDriver driver : drivers) {
                driver.close();
            }
        }
    }

    /** The server's process id, for its CPU per command; -1: unknown (its cells stay empty). */
    private long serverPid = -1;
    private String loadBefore = "unknown";
    private String loadAfter = "unknown";

    /** The machine's load averages (1, 5, 15 min) when the measured rounds began and ended. */
    String load() {
        return "load average " + loadBefore + " at the start, " + loadAfter + " at the end";
    }

    private List<ClientDriver> connect(int port) {
        List<ClientDriver> drivers = new ArrayList<>();
        if (options.runs("aioj")) {
            drivers.add(new AiojDriver(HOST, port));
        }
        if (options.runs("before")) {
            drivers.add(new BaselineDriver(options.baseline(), Report.BEFORE, HOST, port, options));
        }
        if (options.runs("lettuce")) {
            drivers.add(LettuceDriver.autoFlush(HOST, port));
            drivers.add(LettuceDriver.manualFlush(HOST, port));
        }
        if (options.runs("jedis")) {
            drivers.add(new JedisDriver(HOST, port));
        }
        RedisBenchmarkTool tool = options.runs("redis-benchmark") ? RedisBenchmarkTool.find(HOST, port, workload) : null;
        if (tool != null) {
            redisBenchmarkVersion = tool.version();
            drivers.add(tool);
        } else {
            log("redis-benchmark is not installed: its rows stay empty");
        }
        return drivers;
    }

    private void setLatencyKey(int port) {
        try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis(HOST, port)) {
            jedis.set(Workload.LATENCY_KEY, workload.value());
        }
    }

    /**
     * One round: every scenario, every client in {@code order}; records into {@code into} unless it is null.
     * Each pass records its rate (or latencies) under its row, and the client's and the server's CPU
     * microseconds per command under {@code cpu/<row>} and {@code server-cpu/<row>} ({@link CpuClock}).
     */
    private void runRound(List<ClientDriver> order, Options sizes, Results into) throws Exception {
        for (int window : sizes.windows()) {
            for (ClientDriver driver : order) {
                if (driver instanceof ClientDriver.Pipelined pipelined) {
                    settle();
                    int ops = sizes.opsFor(window);
                    CpuClock.Sample before = CpuClock.Sample.now(serverPid);
                    double rate = pipelined.alternating(workload, ops, window);
                    CpuClock.PerCommand cpu = CpuClock.Sample.now(serverPid).since(before, ops,
                            driver.runsAsChildProcess());
                    log("  (a) window %4d  %-24s %,12.0f commands/s  cpu %6.2f µs/cmd  server %6.2f µs/cmd",
                            window, driver.name(), rate, cpu.client(), cpu.server());
                    if (into != null) {
                        into.add("a/" + window, driver.name(), rate);
                        addCpu(into, "a/" + window, driver, cpu);
                    }
                }
            }
        }
        for (ClientDriver driver : order) {
            if (driver instanceof ClientDriver.Sequential sequential) {
                settle();
                CpuClock.Sample before = CpuClock.Sample.now(serverPid);
                ClientDriver.Latencies l = sequential.sequentialGets(workload.value(), sizes.latencyOps());
                CpuClock.PerCommand cpu = CpuClock.Sample.now(serverPid).since(before, sizes.latencyOps(),
                        driver.runsAsChildProcess());
                log("  (b) %-24s p50 %7.1f  p99 %7.1f  p99.9 %7.1f µs  cpu %6.2f µs/cmd  server %6.2f µs/cmd",
                        driver.name(), l.p50(), l.p99(), l.p999(), cpu.client(), cpu.server());
                if (into != null) {
                    into.add("b/p50", driver.name(), l.p50());
                    into.add("b/p99", driver.name(), l.p99());
                    into.add("b/p999", driver.name(), l.p999());
                    addCpu(into, "b", driver, cpu);
                }
            }
        }
        for (ClientDriver driver : order) {
            if (driver instanceof ClientDriver.Shared shared) {
                settle();
                long ops = (long) sizes.threads() * sizes.opsPerThread();
                CpuClock.Sample before = CpuClock.Sample.now(serverPid);
                ClientDriver.SharedPass pass = shared.sharedPass(workload, sizes.threads(), sizes.opsPerThread());
                CpuClock.PerCommand cpu = CpuClock.Sample.now(serverPid).since(before, ops,
                        driver.runsAsChildProcess());
                log("  (c) %d threads  %-24s %,12.0f commands/s  p99 %7.1f µs  cpu %6.2f µs/cmd  server %6.2f µs/cmd",
                        sizes.threads(), driver.name(), pass.rate(),
                        pass.latencies() == null ? Double.NaN : pass.latencies().p99(), cpu.client(), cpu.server());
                if (into != null) {
                    into.add("c", driver.name(), pass.rate());
                    if (pass.latencies() != null) {
                        into.add("c/p50", driver.name(), pass.latencies().p50());
                        into.add("c/p99", driver.name(), pass.latencies().p99());
                    }
                    addCpu(into, "c", driver, cpu);
                }
            }
        }
    }

    private static void addCpu(Results into, String row, ClientDriver driver, CpuClock.PerCommand cpu) {
        if (!Double.isNaN(cpu.client())) into.add("cpu/" + row, driver.name(), cpu.client());
        if (!Double.isNaN(cpu.server())) into.add("server-cpu/" + row, driver.name(), cpu.server());
    }

    /** Collects the previous client's garbage so that the next one does not pay for it. */
    private static void settle() {
        System.gc();
    }

    Options options() {
        return options;
    }

    Results results() {
        return results;
    }

    Workload workload() {
        return workload;
    }

    String serverVersion() {
        return serverVersion;
    }

    /** null if redis-benchmark was not found. */
    String redisBenchmarkVersion() {
        return redisBenchmarkVersion;
    }

    static String machine() {
        return Machine.describe();
    }

    private static void log(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }

    /** For tests: record the server version without starting one. */
    void serverVersion(String version) {
        this.serverVersion = version;
    }
}
