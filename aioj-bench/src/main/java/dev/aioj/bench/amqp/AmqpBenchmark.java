package dev.aioj.bench.amqp;

import dev.aioj.amqp.AmqpChannel;
import dev.aioj.amqp.testing.RabbitMqBroker;
import dev.aioj.bench.Machine;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import org.HdrHistogram.Histogram;

/**
 * The AMQP client benchmark of issue 20: aioj-amqp against the official
 * com.rabbitmq:amqp-client 5.38, side by side in one process against one
 * RabbitMQ (started by this run on free loopback ports with the tests'
 * harness, or {@code --uri}). Rows: confirmed publish (1 and 8 threads,
 * 16 B and 4 KiB bodies, windows of 1, 128 and 1024 per thread); consume
 * with prefetch 1, 100 and 1000 (manual acks); end-to-end latency p50/p99;
 * client CPU and bytes allocated per message (16 B confirmed publishes, 128
 * in flight). A warm-up round is discarded; rounds alternate the order of
 * the clients; the report gives medians over rounds and aioj's ratio.
 *
 * <p>Usage: {@code ./aioj bench-amqp [--quick] [--rounds N] [--uri amqp://...] [--out FILE]}.
 */
public final class AmqpBenchmark {

    private final int scale;
    private final int rounds;
    /** row -> driver -> one value per round */
    final Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
    private final Map<String, Boolean> higherIsBetter = new LinkedHashMap<>();

    AmqpBenchmark(int scale, int rounds) {
        this.scale = scale;
        this.rounds = rounds;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        int rounds = 3;
        int scale = 1;
        Path out = null;
        String uri = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--scale" -> scale = Integer.parseInt(args[++i]);
                case "--uri" -> uri = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                case "--help", "-h" -> {
                    System.out.println("usage: ./aioj bench-amqp [--quick] [--rounds N] [--scale N (counts / N)] "
                            + "[--uri amqp://...] [--out FILE.md]");
                    return;
                }
                default -> {
                    System.err.println("unknown option: " + args[i] + " (try --help)");
                    System.exit(2);
                }
            }
        }
        if (quick) {
            rounds = 1;
            scale = 20;
        }
        AmqpBenchmark benchmark = new AmqpBenchmark(scale, rounds);
        String load = Machine.loadavgLine();
        RabbitMqBroker broker = null;
        String version;
        try {
            if (uri == null) {
                broker = RabbitMqBroker.start();
                uri = broker.uri();
            }
            version = benchmark.run(uri);
        } finally {
            if (broker != null) broker.close();
        }
        String command = "./aioj bench-amqp" + (args.length == 0 ? "" : " " + String.join(" ", args));
        String report = benchmark.markdown(command, version, load, Machine.loadavgLine());
        System.out.println(report);
        if (out != null) {
            Files.writeString(out, report);
            System.err.println("report written to " + out);
        }
    }

    String run(String uri) throws Exception {
        try (AiojAmqpDriver aioj = new AiojAmqpDriver(uri); RabbitClientDriver official = new RabbitClientDriver(uri)) {
            String version = "RabbitMQ " + aioj.connection().serverProperties().get("version");
            AmqpChannel admin = aioj.connection().openChannel().join();
            String queue = "bench-" + System.nanoTime();
            admin.queueDeclare(queue, false, false, false, Map.of()).join(); // not auto-delete: consumers come and go
            List<AmqpDriver> drivers = List.of(aioj, official);
            log("warm-up round against %s", version);
            round(drivers, admin, aioj, queue, 10 * scale, false);
            for (int r = 0; r < rounds; r++) {
                List<AmqpDriver> order = r % 2 == 0 ? drivers : drivers.reversed();
                log("round %d/%d: %s", r + 1, rounds, order.stream().map(AmqpDriver::name).toList());
                round(order, admin, aioj, queue, scale, true);
            }
            admin.queueDelete(queue).join();
            return version;
        }
    }

    private void round(List<AmqpDriver> order, AmqpChannel admin, AiojAmqpDriver filler, String queue, int div,
            boolean record) throws Exception {
        for (int threads : new int[] {1, 8}) {
            for (int size : new int[] {16, 4096}) {
                for (int window : new int[] {1, 128, 1024}) {
                    if (threads == 8 && window == 1024) continue; // 8 x 1024 in flight: the broker's queue, not the client
                    int count = Math.max(200, (window == 1 ? 5_000 : 100_000) / div);
                    String row = String.format(Locale.ROOT, "confirmed publish, %d thread%s, %s, window %d",
                            threads, threads == 1 ? "" : "s", size == 16 ? "16 B" : "4 KiB", window);
                    for (AmqpDriver d : order) {
                        System.gc();
                        double rate = d.confirmedPublish(queue, new byte[size], count, threads, window);
                        admin.queuePurge(queue).join();
                        log("  %-50s %-18s %,10.0f msg/s", row, d.name(), rate);
                        if (record) add(row + " (msg/s)", true, d.name(), rate);
                    }
                }
            }
        }
        for (int prefetch : new int[] {1, 100, 1000}) {
            int count = Math.max(200, (prefetch == 1 ? 10_000 : 100_000) / div);
            String row = "consume, prefetch " + prefetch + ", 16 B, manual acks (msg/s)";
            for (AmqpDriver d : order) {
                filler.fill(queue, new byte[16], count);
                System.gc();
                double rate = d.consume(queue, count, prefetch);
                log("  %-50s %-18s %,10.0f msg/s", row, d.name(), rate);
                if (record) add(row, true, d.name(), rate);
            }
        }
        for (AmqpDriver d : order) {
            Histogram h = new Histogram(60_000_000L, 3);
            d.endToEnd(queue, Math.max(100, 5_000 / div), h);
            log("  end-to-end %-18s p50 %,8d µs  p99 %,8d µs", d.name(), h.getValueAtPercentile(50),
                    h.getValueAtPercentile(99));
            if (record) {
                add("end-to-end latency p50 (µs)", false, d.name(), h.getValueAtPercentile(50));
                add("end-to-end latency p99 (µs)", false, d.name(), h.getValueAtPercentile(99));
            }
        }
        for (AmqpDriver d : order) {
            int count = Math.max(2_000, 100_000 / div);
            d.confirmedPublish(queue, new byte[16], count / 10, 1, 128); // settle
            admin.queuePurge(queue).join();
            System.gc();
            long bytes = allocatedBytes();
            long cpu = processCpuNanos();
            d.confirmedPublish(queue, new byte[16], count, 1, 128);
            double perMsg = (allocatedBytes() - bytes) / (double) count;
            double cpuMicros = (processCpuNanos() - cpu) / 1e3 / count;
            admin.queuePurge(queue).join();
            log("  per message (16 B, window 128) %-18s %,8.0f B  %,6.2f µs CPU", d.name(), perMsg, cpuMicros);
            if (record) {
                add("bytes allocated per confirmed publish (B)", false, d.name(), perMsg);
                add("client CPU per confirmed publish (µs)", false, d.name(), cpuMicros);
            }
        }
    }

    private void add(String row, boolean higher, String driver, double value) {
        higherIsBetter.put(row, higher);
        results.computeIfAbsent(row, k -> new LinkedHashMap<>()).computeIfAbsent(driver, k -> new ArrayList<>())
                .add(value);
    }

    String markdown(String command, String broker, String loadBefore, String loadAfter) {
        StringBuilder md = new StringBuilder();
        md.append("# AMQP client benchmark: aioj-amqp vs com.rabbitmq:amqp-client 5.38\n\n");
        md.append("Command: `").append(command).append("`  \n");
        md.append("Broker: ").append(broker).append(", on loopback, on the same machine  \n");
        md.append("Machine: ").append(Machine.describe()).append("  \n");
        md.append("Load average before / after: ").append(loadBefore).append(" / ").append(loadAfter).append("  \n");
        md.append("Rounds: ").append(rounds).append(" (median shown, min-max in brackets), after a warm-up round\n\n");
        md.append("| row | aioj-amqp | amqp-client 5.38 | aioj ratio |\n|---|---:|---:|---:|\n");
        for (Entry<String, Map<String, List<Double>>> row : results.entrySet()) {
            List<Double> a = row.getValue().get("aioj-amqp");
            List<Double> o = row.getValue().get("amqp-client 5.38");
            double ratio = higherIsBetter.get(row.getKey()) ? median(a) / median(o) : median(o) / median(a);
            md.append("| ").append(row.getKey()).append(" | ").append(cell(a)).append(" | ").append(cell(o))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2fx", ratio)).append(" |\n");
        }
        md.append("\nThe ratio is aioj's advantage: throughput aioj/official; latency, CPU and bytes official/aioj.\n");
        return md.toString();
    }

    private static String cell(List<Double> values) {
        double m = median(values);
        String fmt = m >= 100 ? "%,.0f" : "%,.2f";
        String s = String.format(Locale.ROOT, fmt, m);
        if (values.size() > 1) {
            s += String.format(Locale.ROOT, " [" + fmt + "-" + fmt + "]", values.stream().mapToDouble(d -> d).min()
                    .orElse(0), values.stream().mapToDouble(d -> d).max().orElse(0));
        }
        return s;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void log(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }
}
