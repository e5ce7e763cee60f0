package dev.aioj.bench.start;

import dev.aioj.bench.Machine;
import dev.aioj.bench.server.ServerBenchmark;
import dev.aioj.server.junit.EmbeddedRedis;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How long a test waits for its Redis: from asking for a server to the
 * first PONG on a new TCP connection, for aioj-server in the test's JVM
 * (warm, and the first one in a fresh JVM), a redis-server process, and
 * the redis-server binary of the embedded-redis library (what Java tests
 * use when there is no Docker). Contenders run in turn, their order rotating
 * each round; medians and ratios go to a Markdown table with the command,
 * the machine and its load average.
 *
 * <p>Usage: {@code ./aioj bench-start [--rounds N] [--warm N] [--warmup N] [--out FILE]}
 */
public final class StartTimeBenchmark {

    private static final String WARM = "aioj-server in the test's JVM, warm (`EmbeddedRedis.start()`)";
    private static final String COLD = "aioj-server, first start in a fresh JVM (JVM boot excluded)";
    private static final String COLD_JVM = "aioj-server in a fresh JVM, JVM boot included";
    private static final String COLD_CPU = "aioj-server in a fresh JVM: CPU time of the whole JVM (all threads, "
            + "boot included) until the PONG";
    private static final String REDIS = "redis-server process (`redis-server --port N --save \"\"`)";
    private static final String EMBEDDED = "embedded-redis library (its redis-server binary)";

    private final int rounds;
    private final int warmSamples;
    private final int warmup;
    private final Map<String, List<Double>> samples = new LinkedHashMap<>();
    private final Path redisServer;

    private StartTimeBenchmark(int rounds, int warmSamples, int warmup) {
        this.rounds = rounds;
        this.warmSamples = warmSamples;
        this.warmup = warmup;
        this.redisServer = ServerBenchmark.findOnPath("redis-server");
        for (String c : List.of(WARM, COLD, COLD_JVM, COLD_CPU, REDIS, EMBEDDED)) {
            samples.put(c, new ArrayList<>());
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = 5;
        int warm = 20;
        int warmup = 30;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--warm" -> warm = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: bench-start [--rounds N] [--warm N] [--warmup N] [--out FILE]");
                    System.exit(2);
                }
            }
        }
        StartTimeBenchmark b = new StartTimeBenchmark(rounds, warm, warmup);
        String loadBefore = loadAverage();
        b.run();
        String report = b.report(String.join(" ", args), loadBefore, loadAverage());
        System.out.print(report);
        if (out != null) {
            Files.writeString(out, report);
            System.out.println("wrote " + out);
        }
    }

    private void run() throws Exception {
        for (int i = 0; i < warmup; i++) {
            warmStart(); // JIT the start path, as a suite's later test classes find it
        }
        List<Runnable> contenders = new ArrayList<>(List.of(
                () -> repeat(warmSamples, () -> samples.get(WARM).add(warmStart())),
                () -> repeat(1, this::coldStart),
                () -> repeat(3, () -> samples.get(REDIS).add(redisServerProcess())),
                () -> repeat(3, () -> samples.get(EMBEDDED).add(embeddedRedisLibrary()))));
        for (int round = 0; round < rounds; round++) {
            System.err.printf(Locale.ROOT, "round %d/%d%n", round + 1, rounds);
            for (Runnable c : contenders) {
                c.run();
            }
            Collections.rotate(contenders, 1);
        }
    }

    private interface Sample {
        void take() throws Exception;
    }

    private static void repeat(int times, Sample sample) {
        try {
            for (int i = 0; i < times; i++) {
                sample.take();
            }
        } catch (Exception e) {
            throw new IllegalStateException("a sample failed: " + e, e);
        }
    }

    private static double warmStart() throws Exception {
        long t0 = System.nanoTime();
        try (EmbeddedRedis redis = EmbeddedRedis.start()) {
            Ping.await("127.0.0.1", redis.port());
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private void coldStart() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ColdStart.class.getName());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("READY ")) {
                    samples.get(COLD_JVM).add((System.nanoTime() - t0) / 1e6);
                    String[] parts = line.split(" ");
                    samples.get(COLD).add(Long.parseLong(parts[1]) / 1e6);
                    long cpu = Long.parseLong(parts[2]);
                    samples.get(COLD_CPU).add(cpu < 0 ? Double.NaN : cpu / 1e6);
                    break;
                }
            }
        } finally {
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private double redisServerProcess() throws Exception {
        if (redisServer == null) {
            return Double.NaN;
        }
        int port = freePort();
        Path dir = Files.createTempDirectory("aioj-bench-start");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(redisServer.toString(), "--port", Integer.toString(port), "--save", "",
                "--appendonly", "no", "--daemonize", "no", "--logfile", "", "--dir", dir.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        try {
            Ping.await("127.0.0.1", port);
            return (System.nanoTime() - t0) / 1e6;
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(dir);
        }
    }

    private static double embeddedRedisLibrary() throws Exception {
        int port = freePort();
        long t0 = System.nanoTime();
        redis.embedded.RedisServer server = new redis.embedded.RedisServer(port);
        server.start();
        try {
            Ping.await("127.0.0.1", port);
            return (System.nanoTime() - t0) / 1e6;
        } finally {
            server.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private String report(String args, String loadBefore, String loadAfter) {
        StringBuilder b = new StringBuilder();
        b.append("# Start time: aioj-server in-process vs a redis-server process vs embedded-redis\n\n");
        b.append("Command: `./aioj bench-start ").append(args.isEmpty() ? "" : args + " ").append("`  \n");
        b.append("Machine: ").append(Machine.describe()).append("  \n");
        b.append("Date: ").append(LocalDate.now()).append("  \n");
        b.append("Load average (1, 5, 15 min) before: ").append(loadBefore).append("; after: ").append(loadAfter)
                .append("  \n");
        b.append("Measured: from asking for a server to the first `+PONG` on a new TCP connection. ")
                .append(rounds).append(" rounds, contenders in rotating order; warm aioj: ").append(warmSamples)
                .append(" starts per round after ").append(warmup)
                .append(" to warm up; a fresh JVM: 1 per round; the processes: 3 per round.\n\n");
        b.append("| contender | samples | median ms | min ms | max ms | median / aioj warm |\n");
        b.append("|---|---:|---:|---:|---:|---:|\n");
        double warm = median(samples.get(WARM));
        for (Map.Entry<String, List<Double>> e : samples.entrySet()) {
            List<Double> s = e.getValue().stream().filter(d -> !d.isNaN()).sorted().toList();
            if (s.isEmpty()) {
                b.append("| ").append(e.getKey()).append(" | 0 | not run | | | |\n");
                continue;
            }
            double m = median(s);
            b.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", e.getKey(), s.size(), m,
                    s.get(0), s.get(s.size() - 1), m / warm));
        }
        double cold = median(samples.get(COLD));
        b.append(String.format(Locale.ROOT, "%nTargets (issue 23): in-process warm under 50 ms: %s (%.1f ms); "
                + "cold under 300 ms: %s (%.1f ms, first start in a fresh JVM, JVM boot excluded).%n",
                warm < 50 ? "met" : "NOT met", warm, cold < 300 ? "met" : "NOT met", cold));
        return b.toString();
    }

    private static double median(List<Double> values) {
        List<Double> s = values.stream().filter(d -> !d.isNaN()).sorted().toList();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
