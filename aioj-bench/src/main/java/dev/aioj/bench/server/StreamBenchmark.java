package dev.aioj.bench.server;

import dev.aioj.bench.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Streams side by side: the unchanged redis-benchmark sends XADD (one
 * stream growing) and XRANGE (the first 10 entries of it) to redis-server and
 * to aioj-server, one request at a time and 16 pipelined, servers alternating
 * round by round; the medians and their ratio go to a Markdown table.
 *
 * <p>Usage: {@code java -cp aioj-bench/target/aioj-bench.jar dev.aioj.bench.server.StreamBenchmark
 * [--rounds N] [--requests N] [--out FILE]}
 */
public final class StreamBenchmark {

    /** Row name, then redis-benchmark's custom command. */
    static final Map<String, List<String>> ROWS = new LinkedHashMap<>();

    static {
        ROWS.put("XADD", List.of("xadd", "bench:stream", "*", "field", "value"));
        ROWS.put("XRANGE COUNT 10", List.of("xrange", "bench:stream", "-", "+", "COUNT", "10"));
    }

    static final List<Integer> PIPELINES = List.of(1, 16);
    static final int CLIENTS = 50;

    private final int rounds;
    private final long requests;
    /** "aioj"/"redis" -> "XADD P1" -> requests per second, one per round. */
    private final Map<String, Map<String, List<Double>>> rps = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();

    private StreamBenchmark(int rounds, long requests) {
        this.rounds = rounds;
        this.requests = requests;
    }

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        long requests = 200_000;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--requests" -> requests = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: StreamBenchmark [--rounds N] [--requests N] [--out FILE]");
                    System.exit(2);
                }
            }
        }
        StreamBenchmark benchmark = new StreamBenchmark(rounds, requests);
        benchmark.run();
        String report = benchmark.report(String.join(" ", args));
        System.out.println(report);
        if (out != null) {
            Files.writeString(out, report);
            System.err.println("written to " + out);
        }
    }

    private void run() throws Exception {
        ServerRounds.run(rounds, (round, kind, server) -> {
            names.put(kind, server.name());
            for (List<String> command : ROWS.values()) {
                redisBenchmark(server.port(), 16, Math.max(10_000, requests / 5), command); // warm-up
            }
            for (int pipeline : PIPELINES) {
                for (Map.Entry<String, List<String>> row : ROWS.entrySet()) {
                    double r = redisBenchmark(server.port(), pipeline, requests, row.getValue());
                    rps.computeIfAbsent(kind, k -> new LinkedHashMap<>())
                            .computeIfAbsent(row.getKey() + " P" + pipeline, k -> new ArrayList<>()).add(r);
                }
            }
        });
    }

    private static double redisBenchmark(int port, int pipeline, long n, List<String> custom) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(ServerBenchmark.findOnPath("redis-benchmark").toString(),
                "-h", "127.0.0.1", "-p", Integer.toString(port), "-c", Integer.toString(CLIENTS), "-n",
                Long.toString(n), "-P", Integer.toString(pipeline), "--csv"));
        command.addAll(custom);
        return RedisBenchmarkCsv.single(command);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private String report(String args) {
        StringBuilder md = new StringBuilder("# Stream benchmark: aioj-server vs redis-server\n\n");
        md.append("Command: `java -cp aioj-bench/target/aioj-bench.jar dev.aioj.bench.server.StreamBenchmark ")
                .append(args).append("`  \n");
        md.append("Machine: ").append(Machine.describe()).append("  \n");
        md.append("Servers: ").append(names.get("redis")).append("; ").append(names.get("aioj"))
                .append(", each its own process on 127.0.0.1.  \n");
        md.append(String.format(Locale.ROOT, "Load: `redis-benchmark -c %d -n %,d -P 1|16 xadd bench:stream * field "
                + "value`, then `... xrange bench:stream - + COUNT 10` on the stream the XADD rows grew, after a "
                + "warm-up pass of each; %d round(s), server order alternating; medians.%n%n", CLIENTS, requests,
                rounds));
        md.append("| test | redis-server ops/s | aioj-server ops/s | aioj / redis |\n|---|---:|---:|---:|\n");
        for (int pipeline : PIPELINES) {
            for (String row : ROWS.keySet()) {
                String key = row + " P" + pipeline;
                double redis = median(rps.get("redis").get(key));
                double aioj = median(rps.get("aioj").get(key));
                md.append(String.format(Locale.ROOT, "| %s, -P %d | %,.0f | %,.0f | %.2f |%n", row, pipeline, redis,
                        aioj, aioj / redis));
            }
        }
        return md.toString();
    }
}
