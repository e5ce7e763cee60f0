package dev.aioj.bench.server;

import dev.aioj.bench.Machine;
import dev.aioj.redis.RedisConnection;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The server benchmark: the unchanged {@code redis-benchmark} against
 * redis-server and aioj-server (each in a process of its own) on this machine,
 * in one run, with the order of the servers alternating per round; then the
 * memory each needs for 1,000,000 small string keys. Writes a Markdown table
 * with the ratios and a PNG chart.
 *
 * <p>Usage: {@code ./aioj bench-server [--rounds N] [--requests N] [--keys N] [--out FILE] [--chart FILE]}
 */
public final class ServerBenchmark {

    static final List<String> TESTS = List.of("SET", "GET", "INCR", "LPUSH", "LPOP");
    /** The scripting row: EVALSHA of a small script that reads and writes one key. */
    static final String EVALSHA = "EVALSHA";
    static final String SCRIPT = "return redis.call('incr', KEYS[1])";
    /** Every row of the table, in order: redis-benchmark's tests, then EVALSHA. */
    static final List<String> ROWS = java.util.stream.Stream.concat(TESTS.stream(), java.util.stream.Stream.of(EVALSHA))
            .toList();
    static final List<Integer> PIPELINES = List.of(1, 16);
    static final int CLIENTS = 50;

    private final int rounds;
    private final long requests;
    private final int keys;
    /** "aioj"/"redis" -> "SET P1" -> requests per second, one per round. */
    private final Map<String, Map<String, List<Double>>> rps = new LinkedHashMap<>();
    private final Map<String, long[]> memory = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();

    private ServerBenchmark(int rounds, long requests, int keys) {
        this.rounds = rounds;
        this.requests = requests;
        this.keys = keys;
    }

    public static void main(String[] args) throws Exception {
        int rounds = 1;
        long requests = 1_000_000;
        int keys = 1_000_000;
        Path out = null;
        Path chart = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--requests" -> requests = Long.parseLong(args[++i]);
                case "--keys" -> keys = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--chart" -> chart = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: bench-server [--rounds N] [--requests N] [--keys N] [--out FILE] "
                            + "[--chart FILE]");
                    System.exit(2);
                }
            }
        }
        if (findOnPath("redis-benchmark") == null) {
            System.err.println("bench-server needs redis-benchmark and redis-server on the PATH "
                    + "(Debian: apt-get install redis-server redis-tools)");
            System.exit(1);
        }
        ServerBenchmark benchmark = new ServerBenchmark(rounds, requests, keys);
        benchmark.run();
        String report = benchmark.report(String.join(" ", args), chart);
        System.out.println(report);
        if (out != null) {
            Files.writeString(out, report);
            System.err.println("written to " + out);
        }
        if (chart != null) {
            benchmark.chart(chart);
            System.err.println("chart written to " + chart);
        }
    }

    private void run() throws Exception {
        ServerRounds.run(rounds, (round, kind, server) -> {
            names.put(kind, server.name());
            // warm-up: the JIT for aioj, caches for both; not recorded
            redisBenchmark(server.port(), 16, Math.max(10_000, requests / 5));
            for (int pipeline : PIPELINES) {
                Map<String, Double> result = redisBenchmark(server.port(), pipeline, requests);
                result.put(EVALSHA, evalsha(server.port(), pipeline, requests));
                for (String test : ROWS) {
                    rps.computeIfAbsent(kind, k -> new LinkedHashMap<>())
                            .computeIfAbsent(test + " P" + pipeline, k -> new ArrayList<>())
                            .add(result.getOrDefault(test, Double.NaN));
                }
            }
            if (round == 0) {
                memory.put(kind, memoryFor(server));
            }
        });
    }

    /** Runs redis-benchmark's five tests and returns requests per second by test name. */
    private Map<String, Double> redisBenchmark(int port, int pipeline, long n) throws IOException, InterruptedException {
        List<String> command = List.of(findOnPath("redis-benchmark").toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-c", Integer.toString(CLIENTS), "-n", Long.toString(n), "-P",
                Integer.toString(pipeline), "-t", String.join(",", TESTS).toLowerCase(Locale.ROOT), "--csv");
        return RedisBenchmarkCsv.run(command);
    }

    /**
     * EVALSHA of {@link #SCRIPT} on 100,000 random keys through redis-benchmark
     * (its custom-command mode), after SCRIPT LOAD; requests per second.
     */
    private double evalsha(int port, int pipeline, long n) throws Exception {
        String sha;
        try (RedisConnection redis = RedisConnection.connect("redis://127.0.0.1:" + port).get(30, TimeUnit.SECONDS)) {
            Object loaded = redis.execute("SCRIPT", "LOAD", SCRIPT).get(30, TimeUnit.SECONDS);
            sha = loaded instanceof byte[] b ? new String(b, StandardCharsets.US_ASCII) : String.valueOf(loaded);
        }
        List<String> command = List.of(findOnPath("redis-benchmark").toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-c", Integer.toString(CLIENTS), "-n", Long.toString(n), "-P",
                Integer.toString(pipeline), "-r", "100000", "--csv", "evalsha", sha, "1", "key:__rand_int__");
        return RedisBenchmarkCsv.single(command);
    }

    /** {used_memory before, after} loading {@code keys} keys {@code key:NNNNNNNNNNNN} with 3-byte values. */
    private long[] memoryFor(ServerProcess server) throws Exception {
        try (RedisConnection redis = RedisConnection.connect("redis://127.0.0.1:" + server.port())
                .get(30, TimeUnit.SECONDS)) {
            redis.flushall().get(60, TimeUnit.SECONDS);
            server.settleMemory();
            long before = usedMemory(redis);
            List<CompletableFuture<Boolean>> window = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                window.add(redis.set(String.format(Locale.ROOT, "key:%012d", i), "xxx"));
                if (window.size() == 10_000) {
                    CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                    window.clear();
                }
            }
            CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long size = redis.dbsize().get(30, TimeUnit.SECONDS);
            if (size != keys) {
                throw new IllegalStateException(server.name() + " holds " + size + " keys, expected " + keys);
            }
            server.settleMemory();
            long after = usedMemory(redis);
            redis.flushall().get(60, TimeUnit.SECONDS);
            return new long[] {before, after};
        }
    }

    private static long usedMemory(RedisConnection redis) throws Exception {
        String info = redis.info("memory").get(30, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("(?m)^used_memory:(\\d+)").matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("no used_memory in INFO memory: " + info);
        }
        return Long.parseLong(m.group(1));
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private String report(String args, Path chart) {
        StringBuilder md = new StringBuilder("# Server benchmark: aioj-server vs redis-server\n\n");
        md.append("Command: `./aioj bench-server").append(args.isEmpty() ? "" : " " + args).append("`  \n");
        md.append("Machine: ").append(Machine.describe()).append("  \n");
        md.append("Date: ").append(java.time.LocalDate.now()).append("  \n");
        md.append("Servers: ").append(names.get("redis")).append("; ").append(names.get("aioj"))
                .append(", each its own process on 127.0.0.1.  \n");
        md.append(String.format(Locale.ROOT, "Load: the unchanged `redis-benchmark -c %d -n %,d -P 1|16 -t %s`, "
                + "after a warm-up pass; %d round(s), server order alternating; medians.%n%n", CLIENTS, requests,
                String.join(",", TESTS).toLowerCase(Locale.ROOT), rounds));
        md.append(String.format(Locale.ROOT, "EVALSHA: `redis-benchmark -c %d -n %,d -P 1|16 -r 100000 evalsha <sha> 1 "
                + "key:__rand_int__` after `SCRIPT LOAD \"%s\"`.%n%n", CLIENTS, requests, SCRIPT));
        md.append("| test | redis-server ops/s | aioj-server ops/s | aioj / redis |\n|---|---:|---:|---:|\n");
        for (int pipeline : PIPELINES) {
            for (String test : ROWS) {
                String key = test + " P" + pipeline;
                double r = median(rps.get("redis").get(key));
                double a = median(rps.get("aioj").get(key));
                md.append(String.format(Locale.ROOT, "| %s, -P %d | %,.0f | %,.0f | %.2f |%n", test, pipeline, r, a,
                        a / r));
            }
        }
        long[] r = memory.get("redis");
        long[] a = memory.get("aioj");
        double redisPerKey = (r[1] - r[0]) / (double) keys;
        double aiojPerKey = (a[1] - a[0]) / (double) keys;
        md.append(String.format(Locale.ROOT, "%nMemory for %,d string keys (`key:NNNNNNNNNNNN`, 3-byte values), "
                + "`used_memory` from INFO after loading minus before (aioj: its heap after a full GC, "
                + "`jcmd GC.run`):%n%n", keys));
        md.append("| server | before | after | bytes per key | aioj / redis |\n|---|---:|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| redis-server | %,d | %,d | %.1f | |%n", r[0], r[1], redisPerKey));
        md.append(String.format(Locale.ROOT, "| aioj-server | %,d | %,d | %.1f | %.2f |%n", a[0], a[1], aiojPerKey,
                aiojPerKey / redisPerKey));
        if (chart != null) {
            md.append("\n![ops/s by test](").append(chart.getFileName()).append(")\n");
        }
        return md.toString();
    }

    private void chart(Path file) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(480)
                .title("redis-benchmark -c " + CLIENTS + ": requests per second").xAxisTitle("test")
                .yAxisTitle("ops/s").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setToolTipsEnabled(false);
        List<String> x = new ArrayList<>();
        for (int pipeline : PIPELINES) {
            for (String test : ROWS) {
                x.add(test + " P" + pipeline);
            }
        }
        chart.addSeries("redis-server", x, x.stream().map(k -> median(rps.get("redis").get(k))).toList())
                .setFillColor(new Color(0xD8, 0x2C, 0x20));
        chart.addSeries("aioj-server", x, x.stream().map(k -> median(rps.get("aioj").get(k))).toList())
                .setFillColor(new Color(0x1F, 0x77, 0xB4));
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** The executable {@code program} on the PATH, or null. */
    public static Path findOnPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
