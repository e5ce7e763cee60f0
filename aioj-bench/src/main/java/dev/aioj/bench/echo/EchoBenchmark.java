package dev.aioj.bench.echo;

import dev.aioj.bench.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The echo benchmark: aioj's echo server against Netty's NIO echo server,
 * side by side in one process, with the same load generator. Each round
 * starts each server fresh (alternating which goes first) and runs every
 * workload; the table reports the median of the rounds and the ratio.
 *
 * <p>Usage: {@code ./aioj bench-echo [--rounds N] [--pings N] [--seconds S]
 * [--connections N] [--out FILE]}
 */
public final class EchoBenchmark {

    private static final List<String> SERVERS = List.of("aioj", "netty");

    /** One row of the table: how to read it and whether larger is better. */
    private record Metric(String label, boolean higherIsBetter) {}

    private final int rounds;
    private final int pings;
    private final Duration measure;
    private final int connections;
    private final Map<Metric, Map<String, List<Double>>> results = new LinkedHashMap<>();

    private EchoBenchmark(int rounds, int pings, Duration measure, int connections) {
        this.rounds = rounds;
        this.pings = pings;
        this.measure = measure;
        this.connections = connections;
    }

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        int pings = 100_000;
        int seconds = 3;
        int connections = 100;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--pings" -> pings = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: bench-echo [--rounds N] [--pings N] [--seconds S] "
                            + "[--connections N] [--out FILE]");
                    System.exit(2);
                }
            }
        }
        EchoBenchmark benchmark = new EchoBenchmark(rounds, pings, Duration.ofSeconds(seconds), connections);
        benchmark.run();
        String report = benchmark.report(String.join(" ", args));
        System.out.println(report);
        if (out != null) {
            Files.writeString(out, report);
            System.err.println("written to " + out);
        }
    }

    private void run() throws IOException {
        for (int round = 0; round < rounds; round++) {
            List<String> order = new ArrayList<>(SERVERS);
            if (round % 2 == 1) {
                order = order.reversed();
            }
            for (String kind : order) {
                try (EchoServer server = EchoServer.start(kind)) {
                    System.err.printf(Locale.ROOT, "round %d/%d: %s%n", round + 1, rounds, server.name());
                    runWorkloads(kind, server.port());
                }
            }
        }
    }

    private void runWorkloads(String kind, int port) throws IOException {
        Histogram latency = LoadGenerator.pingPong(port, 64, pings / 5, pings);
        record(new Metric("ping-pong 64 B, 1 connection: p50 µs", false), kind, latency.getValueAtPercentile(50) / 1e3);
        record(new Metric("ping-pong 64 B, 1 connection: p99 µs", false), kind, latency.getValueAtPercentile(99) / 1e3);
        record(new Metric("ping-pong 64 B, 1 connection: p99.9 µs", false), kind,
                latency.getValueAtPercentile(99.9) / 1e3);
        Duration warmup = Duration.ofSeconds(1);
        double one = LoadGenerator.stream(port, 1, 1024, warmup, measure);
        record(new Metric("stream 1 KiB, 1 connection: MiB/s", true), kind, one / (1024 * 1024));
        double many = LoadGenerator.stream(port, connections, 1024, warmup, measure);
        record(new Metric("stream 1 KiB, " + connections + " connections: MiB/s", true), kind, many / (1024 * 1024));
    }

    private void record(Metric metric, String kind, double value) {
        results.computeIfAbsent(metric, m -> new LinkedHashMap<>())
                .computeIfAbsent(kind, k -> new ArrayList<>())
                .add(value);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private String report(String args) {
        StringBuilder md = new StringBuilder();
        md.append("# Echo benchmark: aioj vs Netty NIO\n\n");
        md.append("Command: `./aioj bench-echo").append(args.isEmpty() ? "" : " " + args).append("`  \n");
        md.append("Machine: ").append(Machine.describe()).append("  \n");
        md.append("Date: ").append(java.time.LocalDate.now()).append("  \n");
        md.append("Rounds: ").append(rounds).append(" (each server started fresh per round, order alternating);")
                .append(" values are medians of the rounds, [min–max] in brackets.\n\n");
        md.append("Servers: one event-loop thread each, 127.0.0.1, TCP_NODELAY; the load generator is one\n")
                .append("java.nio selector thread (`LoadGenerator`), the same for both. Ratio: aioj's advantage,\n")
                .append("so > 1.00 means aioj is better (throughput: aioj/Netty; latency: Netty/aioj).\n\n");
        md.append("| workload | aioj | Netty NIO | ratio |\n|---|---:|---:|---:|\n");
        for (var entry : results.entrySet()) {
            Metric metric = entry.getKey();
            List<Double> aioj = entry.getValue().get("aioj");
            List<Double> netty = entry.getValue().get("netty");
            double a = median(aioj);
            double n = median(netty);
            double ratio = metric.higherIsBetter() ? a / n : n / a;
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f |%n",
                    metric.label(), cell(a, aioj), cell(n, netty), ratio));
        }
        return md.toString();
    }

    private static String cell(double median, List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(median);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(median);
        return String.format(Locale.ROOT, "%.1f [%.1f–%.1f]", median, min, max);
    }

    @Override
    public String toString() {
        return "EchoBenchmark" + Arrays.asList(rounds, pings, measure, connections);
    }
}
