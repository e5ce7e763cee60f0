package dev.aioj.cli;

import dev.aioj.loop.LoopGroup;
import dev.aioj.redis.BaseCommands;
import dev.aioj.redis.RedisClusterClient;
import dev.aioj.redis.RedisConnection;
import dev.aioj.redis.RedisOptions;
import dev.aioj.redis.RedisUri;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aioj bench}: redis-benchmark on the aioj client. Same flags ({@code
 * -c -n -P -d -t -r -q}), the same summary lines, HdrHistogram percentiles,
 * a progress bar on a terminal, and {@code --json} for scripts; {@code
 * --cluster} runs the load through a {@link RedisClusterClient}. With {@code
 * --jfr}, each test also prints how automatic pipelining batched its
 * commands, from the client's Flight Recorder events ({@link FlushSizes}).
 */
@Command(name = "bench", description = "Benchmark a Redis server like redis-benchmark, with the aioj client.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    @Option(names = {"-u", "--uri"}, description = "Server URI; overrides -h -p -a.")
    String uri;

    @Option(names = "-h", defaultValue = "127.0.0.1", description = "Server host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "-p", defaultValue = "6379", description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "-a", description = "Password.")
    String password;

    @Option(names = "-c", defaultValue = "50", description = "Parallel connections (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "-n", defaultValue = "100000", description = "Requests per test (default: ${DEFAULT-VALUE}).")
    long requests;

    @Option(names = "-P", defaultValue = "1", description = "Requests in flight per connection (default: ${DEFAULT-VALUE}).")
    int pipeline;

    @Option(names = "-d", defaultValue = "3", description = "Value size in bytes (default: ${DEFAULT-VALUE}).")
    int valueSize;

    @Option(names = "-t", description = "Tests to run, e.g. set,get,incr (default: ping,set,get,incr,lpush,rpush,"
            + "lpop,rpop,sadd,hset,mset; also zadd, publish).")
    String tests;

    @Option(names = "-r", defaultValue = "0", description = "Random keys from this keyspace instead of one key.")
    long keyspace;

    @Option(names = "-q", description = "Quiet: one line per test.")
    boolean quiet;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Option(names = "--cluster", description = "Run the load through a RedisClusterClient: -h/-p (or -u) name any "
            + "node of a Redis Cluster; -c senders share the one client (one pipelined connection per node). Use -r "
            + "so keys spread over the slots.")
    boolean cluster;

    @Option(names = "--jfr", description = "Also print the commands and bytes per pipelined write, from the "
            + "client's JFR events (dev.aioj.redis.PipelineFlush).")
    boolean jfr;

    @Option(names = "--threads", description = "Event loops for the connections (default: the number of cores).")
    Integer threads;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;

    BenchCommand() {
        this(System.out, System.err, Terminals.interactive());
    }

    BenchCommand(PrintStream out, PrintStream err, boolean interactive) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || requests < 0 || pipeline < 1 || valueSize < 0) {
            err.println("-c, -P must be >= 1 and -n, -d >= 0");
            return 2;
        }
        List<BenchTest> selected;
        RedisUri target;
        try {
            selected = tests == null ? BenchTest.DEFAULTS : BenchTest.parse(tests);
            target = uri != null ? RedisUri.parse(uri)
                    : password != null ? RedisUri.of(host, port).withCredentials(null, password)
                    : RedisUri.of(host, port);
        } catch (IllegalArgumentException e) {
            err.println("aioj bench: " + e.getMessage());
            return 2;
        }
        if (cluster) {
            return runOnCluster(selected, target);
        }
        int loops = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        try (LoopGroup group = LoopGroup.create(Math.max(1, Math.min(loops, clients)), b -> b.daemon(true))) {
            List<RedisConnection> connections = connect(group, target);
            try {
                return runAll(selected, target, connections);
            } finally {
                CompletableFuture.allOf(connections.stream().map(RedisConnection::closeAsync)
                        .toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private int runOnCluster(List<BenchTest> selected, RedisUri target) throws Exception {
        RedisClusterClient client;
        try {
            client = RedisClusterClient.connect(List.of(target), RedisOptions.defaults()).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            err.println("aioj bench: cannot reach the cluster at " + target.endpoint() + ": " + e.getCause().getMessage());
            return 1;
        }
        try (client) {
            return runAll(selected, target, java.util.Collections.nCopies(clients, client));
        }
    }

    private int runAll(List<BenchTest> selected, RedisUri target, List<? extends BaseCommands<?>> senders)
            throws Exception {
        List<LoadRunner.Result> results = new ArrayList<>();
        LoadRunner runner = new LoadRunner(senders, pipeline, valueSize, keyspace);
        for (BenchTest test : selected) {
            ProgressBar bar = new ProgressBar(err, test.title, requests, interactive && !json);
            FlushSizes.Summary flushes = null;
            LoadRunner.Result result;
            try (FlushSizes recording = jfr ? FlushSizes.start() : null) {
                result = runner.run(test, requests, bar::update).get(10, TimeUnit.MINUTES);
                if (recording != null) {
                    flushes = recording.finish();
                }
            }
            bar.finish();
            results.add(result);
            if (!json) {
                out.print(quiet ? quietLine(result) : report(result));
                if (flushes != null) {
                    out.print(flushes.line());
                }
                out.flush();
            }
        }
        if (json) {
            out.println(BenchJson.of(target, clients, pipeline, valueSize, results));
        }
        return results.stream().anyMatch(r -> r.errors() > 0) ? 1 : 0;
    }

    private List<RedisConnection> connect(LoopGroup group, RedisUri target) throws Exception {
        List<CompletableFuture<RedisConnection>> connecting = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            connecting.add(RedisConnection.connect(target, RedisOptions.builder().loop(group.next()).build()));
        }
        List<RedisConnection> connections = new ArrayList<>();
        for (CompletableFuture<RedisConnection> c : connecting) {
            connections.add(c.get(30, TimeUnit.SECONDS));
        }
        return connections;
    }

    /** redis-benchmark -q: {@code SET: 123456.79 requests per second, p50=0.199 msec}. */
    static String quietLine(LoadRunner.Result r) {
        return String.format(Locale.ROOT, "%s: %.2f requests per second, p50=%.3f msec%s%n", r.test().title,
                r.requestsPerSecond(), r.latencyMicros().getValueAtPercentile(50) / 1000.0,
                r.errors() > 0 ? " (" + r.errors() + " errors)" : "");
    }

    private String report(LoadRunner.Result r) {
        Histogram h = r.latencyMicros();
        StringBuilder s = new StringBuilder();
        s.append("====== ").append(r.test().title).append(" ======\n");
        s.append(String.format(Locale.ROOT, "  %d requests completed in %.2f seconds%n", r.requests(),
                r.elapsedNanos() / 1e9));
        s.append(String.format(Locale.ROOT, "  %d parallel clients, %d in flight each%n", clients, pipeline));
        s.append(String.format(Locale.ROOT, "  %d bytes payload%n", valueSize));
        if (r.errors() > 0) {
            s.append("  ").append(r.errors()).append(" errors\n");
        }
        s.append("\n  latency summary (msec):\n");
        s.append(String.format(Locale.ROOT, "  %9s %9s %9s %9s %9s %9s %9s%n", "avg", "min", "p50", "p95", "p99",
                "p99.9", "max"));
        s.append(String.format(Locale.ROOT, "  %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f%n", h.getMean() / 1000,
                h.getMinValue() / 1000.0, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0,
                h.getMaxValue() / 1000.0));
        s.append(String.format(Locale.ROOT, "  throughput summary: %.2f requests per second%n%n",
                r.requestsPerSecond()));
        return s.toString();
    }
}
