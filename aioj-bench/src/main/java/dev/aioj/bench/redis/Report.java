package dev.aioj.bench.redis;

import dev.aioj.bench.redis.jmh.AllocationSplit;
import dev.aioj.bench.redis.jmh.ObservabilityAllocation;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The Markdown report of a {@link RedisClientBenchmark} run: what ran where,
 * the targets of issue 5 (met or not, from this run's numbers), one table per
 * scenario with medians, spreads and ratios, and the JMH results.
 *
 * <p>Ratios always read "aioj's advantage": above 1.00 aioj is better
 * (throughput: aioj / peer; latency: peer / aioj).
 */
final class Report {

    static final String AIOJ = "aioj";
    static final String LETTUCE_AUTO = "Lettuce (auto-flush)";
    static final String LETTUCE_MANUAL = "Lettuce (manual flush)";
    static final String JEDIS = "Jedis";
    static final String REDIS_BENCHMARK = "redis-benchmark";
    static final List<String> CLIENTS = List.of(AIOJ, LETTUCE_AUTO, LETTUCE_MANUAL, JEDIS, REDIS_BENCHMARK);
    /** The other build's aioj of {@code --baseline} ({@link BaselineDriver}). */
    static final String BEFORE = "aioj (before)";

    private final RedisClientBenchmark run;
    private final Results r;
    private final String command;
    private final List<JmhResults.Row> jmh;
    private final List<AllocationSplit.Split> splits;
    private List<ObservabilityAllocation.Row> observability = List.of();

    Report(RedisClientBenchmark run, String command, List<JmhResults.Row> jmh, List<AllocationSplit.Split> splits) {
        this.run = run;
        this.r = run.results();
        this.command = command;
        this.jmh = jmh;
        this.splits = splits;
    }

    /** Adds the section on observability's cost per command ({@link ObservabilitySection}). */
    Report observability(List<ObservabilityAllocation.Row> rows) {
        this.observability = rows;
        return this;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        Options o = run.options();
        md.append("# Redis client benchmark: aioj vs Lettuce, Jedis and redis-benchmark\n\n");
        md.append("Command: `").append(command).append("`  \n");
        md.append("Machine: ").append(RedisClientBenchmark.machine()).append("  \n");
        md.append("Date: ").append(LocalDate.now()).append("  \n");
        md.append("Server: redis-server ").append(run.serverVersion())
                .append(", started by the run on a free loopback port (persistence off); every client talks to it "
                        + "over 127.0.0.1 TCP in the same run.  \n");
        md.append(String.format(Locale.ROOT, "Clients: aioj-redis (this repository), Lettuce %s (%s transport), "
                + "Jedis %s, redis-benchmark %s.  \n", version("io.lettuce", "lettuce-core"),
                LettuceDriver.usesEpoll() ? "Netty epoll" : "Netty NIO", version("redis.clients", "jedis"),
                run.redisBenchmarkVersion() == null ? "(not installed)" : run.redisBenchmarkVersion()));
        md.append(String.format(Locale.ROOT, "Rounds: %d measured after one warm-up round at a tenth of the sizes; "
                + "each round runs every client once per row, the order of clients reversed every other round. "
                + "Cells are the median of the rounds, [min–max] in brackets. Ratios are aioj's advantage: "
                + "above 1.00 aioj is better (throughput aioj/peer, latency peer/aioj).  \n", o.rounds()));
        md.append(String.format(Locale.ROOT, "Data: %,d keys shaped like redis-benchmark's, %d-byte values.%n%n",
                o.keys(), o.valueSize()));
        md.append("Load: ").append(run.load()).append(" (2 cores; other work shares the machine).\n\n");
        cpuTargets(md);
        targets(md);
        beforeAfter(md);
        scenarioA(md);
        scenarioB(md);
        scenarioC(md);
        jmhSection(md);
        ObservabilitySection.append(md, observability);
        md.append("Analysis of these numbers, and the problems found in aioj's client path: "
                + "[redis-client-analysis.md](redis-client-analysis.md).\n");
        return md.toString();
    }

    // ---- targets --------------------------------------------------------------------------

    /** Issue 22's targets: client CPU per command against Jedis, throughput in every round, (c), allocation. */
    private void cpuTargets(StringBuilder md) {
        md.append("## Targets (issue 22), from this run\n\n| target | measured | verdict |\n|---|---|---|\n");
        for (int window : new int[] {16, 128}) {
            String row = "cpu/a/" + window;
            if (r.has(row, AIOJ) && r.has(row, JEDIS)) {
                double ratio = r.median(row, AIOJ) / r.median(row, JEDIS);
                md.append(String.format(Locale.ROOT, "| client CPU per command ≤ 1.2× Jedis's, %d in flight | "
                        + "aioj %.2f µs, Jedis %.2f µs: %.2f× | %s |%n", window, r.median(row, AIOJ),
                        r.median(row, JEDIS), ratio, verdict(ratio <= 1.2)));
            }
        }
        for (int window : new int[] {128, 1024}) {
            String row = "a/" + window;
            List<Double> a = r.of(row, AIOJ);
            List<Double> j = r.of(row, JEDIS);
            if (!a.isEmpty() && a.size() == j.size()) {
                int won = 0;
                double lowest = Double.MAX_VALUE;
                for (int i = 0; i < a.size(); i++) {
                    double ratio = a.get(i) / j.get(i);
                    if (ratio >= 1) won++;
                    lowest = Math.min(lowest, ratio);
                }
                md.append(String.format(Locale.ROOT, "| ops/s ≥ Jedis in every round, %d in flight | "
                        + "%d of %d rounds; lowest aioj/Jedis %.2f | %s |%n", window, won, a.size(), lowest,
                        verdict(won == a.size())));
            }
        }
        if (r.has("c", AIOJ) && r.has("c", LETTUCE_AUTO)) {
            double ratio = r.median("c", AIOJ) / r.median("c", LETTUCE_AUTO);
            md.append(String.format(Locale.ROOT, "| (c) ≥ 1.8× Lettuce, %d virtual threads | %.2f× | %s |%n",
                    run.options().threads(), ratio, verdict(ratio >= 1.8)));
        }
        if (r.has("c/p99", AIOJ) && r.has("c/p99", LETTUCE_AUTO)) {
            double a = r.median("c/p99", AIOJ);
            double l = r.median("c/p99", LETTUCE_AUTO);
            md.append(String.format(Locale.ROOT, "| (c) p99 ≤ ½ Lettuce's | aioj %.0f µs, Lettuce %.0f µs: %.2f× "
                    + "| %s |%n", a, l, a / l, verdict(a <= l / 2)));
        }
        splits.stream().filter(s -> s.window() == 128 && s.joinWait()).findFirst().ifPresent(s -> md.append(
                String.format(Locale.ROOT, "| ≤ 150 B allocated per pipelined GET, future and callback included | "
                        + "%.0f B (caller %.0f + loop %.0f, `AllocationSplit`, 128 in flight, `join()`) | %s |%n",
                        s.client(), s.caller(), s.loop(), verdict(s.client() <= 150))));
        md.append('\n');
    }

    private void targets(StringBuilder md) {
        md.append("## Targets (issue 5), from this run\n\n| target | measured | verdict |\n|---|---|---|\n");
        String best = bestLettuce("a/128");
        if (best != null && r.has("a/128", AIOJ)) {
            double ratio = r.median("a/128", AIOJ) / r.median("a/128", best);
            md.append(String.format(Locale.ROOT, "| (a) aioj ≥ 1.5× Lettuce, 128 in flight | %.2f× the faster "
                    + "Lettuce mode (%s); %.2f× auto-flush | %s |%n", ratio, best,
                    r.median("a/128", AIOJ) / r.median("a/128", LETTUCE_AUTO), verdict(ratio >= 1.5)));
        }
        if (r.has("c", AIOJ) && r.has("c", LETTUCE_AUTO)) {
            double ratio = r.median("c", AIOJ) / r.median("c", LETTUCE_AUTO);
            md.append(String.format(Locale.ROOT, "| (c) aioj ≥ 1.2× Lettuce, %d virtual threads | %.2f× | %s |%n",
                    run.options().threads(), ratio, verdict(ratio >= 1.2)));
        }
        if (r.has("b/p50", AIOJ) && r.has("b/p50", REDIS_BENCHMARK)) {
            double a = r.median("b/p50", AIOJ);
            double rb = r.median("b/p50", REDIS_BENCHMARK);
            md.append(String.format(Locale.ROOT, "| (b) p50 within 10%% of `redis-benchmark -P 1 -c 1` | aioj %.1f µs, "
                    + "redis-benchmark %.1f µs: %+.0f%% | %s |%n", a, rb, (a / rb - 1) * 100, verdict(a <= rb * 1.10)));
        }
        jmh.stream().filter(row -> row.benchmark().equals("PipelinedGetBenchmark.aioj")
                && row.params().equals("window=128")).findFirst().ifPresent(row -> md.append(String.format(
                Locale.ROOT, "| ≤ 120 B allocated per pipelined GET, client side | %.0f B/op (JMH `-prof gc`, "
                        + "128 in flight) | %s |%n", row.bytesPerOp(), verdict(row.bytesPerOp() <= 120))));
        md.append('\n');
    }

    /** This build's aioj against the baseline's, when {@code --baseline} ran one. */
    private void beforeAfter(StringBuilder md) {
        Options o = run.options();
        if (o.baseline() == null) {
            return;
        }
        md.append("## Before and after: this build's aioj against ").append(o.baselineName())
                .append(", in the same run\n\n");
        md.append("Both builds' clients ran in this JVM, against the same server, in the same rounds (the order "
                + "alternating), so both saw the same machine load; the baseline is that build's own `AiojDriver`, "
                + "loaded from its jar in a class loader of its own (`BaselineDriver`). Ratios are the change's "
                + "effect: above 1.00 this build is better (throughput after/before, latency before/after).\n\n");
        md.append("| scenario | before | after | after vs before |\n|---|---:|---:|---:|\n");
        for (int window : o.windows()) {
            compare(md, "(a) " + window + " in flight, thousands of commands/s", "a/" + window, 1e-3, "%.0f", true);
        }
        for (int window : o.windows()) {
            compare(md, "(a) " + window + " in flight, client CPU per command, µs", "cpu/a/" + window, 1, "%.2f",
                    false);
        }
        for (String p : List.of("p50", "p99", "p999")) {
            compare(md, "(b) sequential GET " + (p.equals("p999") ? "p99.9" : p) + ", µs", "b/" + p, 1, "%.1f",
                    false);
        }
        compare(md, "(c) " + o.threads() + " virtual threads, thousands of commands/s", "c", 1e-3, "%.0f", true);
        if (r.has("b/p50", REDIS_BENCHMARK)) {
            double rb = r.median("b/p50", REDIS_BENCHMARK);
            md.append(String.format(Locale.ROOT, "%n`redis-benchmark -P 1 -c 1` p50 in the same rounds: %.1f µs; "
                    + "before %+.0f%%, after %+.0f%%.%n", rb, (r.median("b/p50", BEFORE) / rb - 1) * 100,
                    (r.median("b/p50", AIOJ) / rb - 1) * 100));
        }
        md.append('\n');
    }

    private void compare(StringBuilder md, String label, String row, double scale, String format,
            boolean higherIsBetter) {
        if (!r.has(row, AIOJ) || !r.has(row, BEFORE)) {
            return;
        }
        double after = r.median(row, AIOJ);
        double before = r.median(row, BEFORE);
        md.append("| ").append(label).append(" | ").append(cell(row, BEFORE, scale, format)).append(" | ")
                .append(cell(row, AIOJ, scale, format)).append(" | ")
                .append(String.format(Locale.ROOT, "%.2f", higherIsBetter ? after / before : before / after))
                .append(" |\n");
    }

    private String bestLettuce(String row) {
        boolean auto = r.has(row, LETTUCE_AUTO);
        boolean manual = r.has(row, LETTUCE_MANUAL);
        if (!auto && !manual) return null;
        if (!manual) return LETTUCE_AUTO;
        if (!auto) return LETTUCE_MANUAL;
        return r.median(row, LETTUCE_AUTO) >= r.median(row, LETTUCE_MANUAL) ? LETTUCE_AUTO : LETTUCE_MANUAL;
    }

    private static String verdict(boolean met) {
        return met ? "**met**" : "**not met**";
    }

    // ---- scenarios ------------------------------------------------------------------------

    private void scenarioA(StringBuilder md) {
        Options o = run.options();
        md.append("## (a) One thread, SET/GET alternating, N commands in flight\n\n");
        md.append(String.format(Locale.ROOT, "%,d commands per pass (%,d with 1 in flight); thousands of commands "
                + "per second. aioj and Lettuce (auto-flush) keep a sliding window of N futures; Lettuce (manual "
                + "flush), Jedis (pipeline) and redis-benchmark (`-P N -c 1 -t set,get`, SETs then GETs) send "
                + "batches of N and wait for the whole batch.%n%n", o.ops(), o.opsWindow1()));
        md.append("| in flight | aioj | Lettuce auto-flush | Lettuce manual flush | Jedis pipeline | redis-benchmark "
                + "| aioj/Lettuce auto | aioj/Lettuce manual | aioj/Jedis | aioj/redis-benchmark |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int window : o.windows()) {
            String row = "a/" + window;
            md.append("| ").append(window);
            for (String client : CLIENTS) {
                md.append(" | ").append(cell(row, client, 1e-3, "%.0f"));
            }
            for (String peer : List.of(LETTUCE_AUTO, LETTUCE_MANUAL, JEDIS, REDIS_BENCHMARK)) {
                md.append(" | ").append(ratio(row, peer, true));
            }
            md.append(" |\n");
        }
        md.append("\n![(a) throughput by commands in flight](redis-client-a.png)\n\n");
        cpuTable(md, "a", o);
    }

    /**
     * Client and server CPU per command of scenario (a)'s passes: two tables, one row per window, ratios
     * peer/aioj (above 1.00 aioj spends less).
     */
    private void cpuTable(StringBuilder md, String scenario, Options o) {
        List<String> peers = List.of(LETTUCE_AUTO, LETTUCE_MANUAL, JEDIS, REDIS_BENCHMARK);
        for (String who : List.of("cpu/", "server-cpu/")) {
            boolean client = who.equals("cpu/");
            md.append(client
                    ? "Client CPU per command, µs, in the same passes: CPU time of the client's whole process over the "
                            + "pass (this JVM for the Java clients, every thread: caller, I/O threads, GC, JIT; "
                            + "`redis-benchmark`'s own process for it) divided by the commands. Ratios peer/aioj: "
                            + "above 1.00 aioj spends less.\n\n"
                    : "Server CPU per command, µs (redis-server's utime + stime from `/proc/<pid>/stat`, 10 ms "
                            + "ticks), in the same passes:\n\n");
            md.append("| in flight | aioj | Lettuce auto-flush | Lettuce manual flush | Jedis pipeline "
                    + "| redis-benchmark | Lettuce auto/aioj | Lettuce manual/aioj | Jedis/aioj | redis-benchmark/aioj |\n");
            md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (int window : o.windows()) {
                String row = who + scenario + "/" + window;
                md.append("| ").append(window);
                for (String c : CLIENTS) {
                    md.append(" | ").append(cell(row, c, 1, "%.2f"));
                }
                for (String peer : peers) {
                    md.append(" | ").append(ratio(row, peer, false));
                }
                md.append(" |\n");
            }
            md.append('\n');
        }
    }

    /** A table row of CPU per command for scenario {@code row} ("b" or "c"), over {@code clients}. */
    private void cpuRows(StringBuilder md, String row, List<String> clients, List<String> peers) {
        for (String who : List.of("cpu/", "server-cpu/")) {
            md.append(who.equals("cpu/") ? "| client CPU per command, µs" : "| server CPU per command, µs");
            for (String c : clients) {
                md.append(" | ").append(cell(who + row, c, 1, "%.2f"));
            }
            for (String peer : peers) {
                md.append(" | ").append(ratio(who + row, peer, false));
            }
            md.append(" |\n");
        }
    }

    private void scenarioB(StringBuilder md) {
        md.append("## (b) One thread, sequential GETs: latency\n\n");
        md.append(String.format(Locale.ROOT, "%,d GETs per pass of one key holding a %d-byte value, one at a time; "
                + "microseconds from the call to the value. aioj: `command(...).join()`; Lettuce: sync API "
                + "(auto-flush connection); Jedis: `jedis.get` on one connection; redis-benchmark: "
                + "`-P 1 -c 1 -t get` (p50/p99 from its summary, p99.9 from its percentile steps).%n%n",
                run.options().latencyOps(), run.options().valueSize()));
        md.append("| percentile | aioj | Lettuce | Jedis | redis-benchmark | Lettuce/aioj | Jedis/aioj "
                + "| redis-benchmark/aioj |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String p : List.of("p50", "p99", "p999")) {
            String row = "b/" + p;
            md.append("| ").append(p.equals("p999") ? "p99.9" : p);
            for (String client : List.of(AIOJ, LETTUCE_AUTO, JEDIS, REDIS_BENCHMARK)) {
                md.append(" | ").append(cell(row, client, 1, "%.1f"));
            }
            for (String peer : List.of(LETTUCE_AUTO, JEDIS, REDIS_BENCHMARK)) {
                md.append(" | ").append(ratio(row, peer, false));
            }
            md.append(" |\n");
        }
        cpuRows(md, "b", List.of(AIOJ, LETTUCE_AUTO, JEDIS, REDIS_BENCHMARK), List.of(LETTUCE_AUTO, JEDIS,
                REDIS_BENCHMARK));
        md.append("\nCPU rows: as under (a) (client: the whole process over the pass; server: redis-server's).\n");
        md.append("\n![(b) latency percentiles](redis-client-b.png)\n\n");
    }

    private void scenarioC(StringBuilder md) {
        Options o = run.options();
        md.append(String.format(Locale.ROOT, "## (c) %d virtual threads sharing one client%n%n", o.threads()));
        md.append(String.format(Locale.ROOT, "Each virtual thread runs %,d commands, SET then GET of its own keys, "
                + "blocking on each; thousands of commands per second from the release of all threads to the end "
                + "of the last. aioj: one `RedisClient`, its `sync()` view; Lettuce: one connection, its sync API; "
                + "Jedis: a `JedisPool` of %d connections, one borrowed per SET/GET pair.%n%n", o.opsPerThread(),
                o.threads()));
        md.append("| | aioj | Lettuce | Jedis (pool) | aioj/Lettuce | aioj/Jedis |\n|---|---:|---:|---:|---:|---:|\n");
        md.append("| commands/s (thousands)");
        for (String client : List.of(AIOJ, LETTUCE_AUTO, JEDIS)) {
            md.append(" | ").append(cell("c", client, 1e-3, "%.0f"));
        }
        md.append(" | ").append(ratio("c", LETTUCE_AUTO, true)).append(" | ").append(ratio("c", JEDIS, true))
                .append(" |\n");
        for (String p : List.of("p50", "p99")) {
            md.append("| ").append(p).append(" per command, µs");
            for (String client : List.of(AIOJ, LETTUCE_AUTO, JEDIS)) {
                md.append(" | ").append(cell("c/" + p, client, 1, "%.0f"));
            }
            md.append(" | ").append(ratio("c/" + p, LETTUCE_AUTO, false)).append(" | ")
                    .append(ratio("c/" + p, JEDIS, false)).append(" |\n");
        }
        cpuRows(md, "c", List.of(AIOJ, LETTUCE_AUTO, JEDIS), List.of(LETTUCE_AUTO, JEDIS));
        md.append("\nLatency: each command timed on its virtual thread from the call to the reply (Jedis's SET "
                + "includes borrowing the connection); percentiles of all threads' commands together.\n");
        md.append("\n![(c) shared client throughput](redis-client-c.png)\n\n");
    }

    private void jmhSection(StringBuilder md) {
        if (jmh.isEmpty() && splits.isEmpty()) {
            md.append("JMH: not run (`--no-jmh`).\n\n");
            return;
        }
        md.append("## JMH: allocation per pipelined GET, RESP parse and encode\n\n");
        md.append("Forked JVMs, `-prof gc`; scores are JMH's mean ± 99.9% error. `PipelinedGetBenchmark` measures "
                + "the client path of one GET end to end (submit → encode → write → read → parse → String → "
                + "complete the future) against `CannedRedisServer`, a fake server on its own threads that answers "
                + "`$3\\r\\nbar\\r\\n` and allocates nothing; the caller waits for the GET `window` operations "
                + "earlier by yielding until it is done (no `join()` Signaller). See the class comments for what is "
                + "and is not included.\n\n");
        md.append("| benchmark | params | ops/s | B/op (gc.alloc.rate.norm) |\n|---|---|---:|---:|\n");
        for (JmhResults.Row row : jmh) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f ± %,.0f | %.1f |%n", row.benchmark(),
                    row.params(), row.score(), row.error(), row.bytesPerOp()));
        }
        if (!splits.isEmpty()) {
            md.append("\nWhere aioj's bytes per GET are allocated (`AllocationSplit`: HotSpot's per-thread "
                    + "counters over a measured pass after a warm-up pass, outside JMH):\n\n");
            md.append("| in flight | caller waits by | caller thread B/op | loop thread B/op | client total B/op "
                    + "| canned server B/op |\n|---:|---|---:|---:|---:|---:|\n");
            for (AllocationSplit.Split s : splits) {
                md.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %.1f | %.2f |%n", s.window(),
                        s.joinWait() ? "`join()`" : "yield until done", s.caller(), s.loop(), s.client(), s.server()));
            }
        }
        md.append('\n');
    }

    // ---- cells ----------------------------------------------------------------------------

    private String cell(String row, String client, double scale, String format) {
        if (!r.has(row, client)) return "–";
        String f = format + " [" + format + "–" + format + "]";
        return String.format(Locale.ROOT, f, r.median(row, client) * scale, r.min(row, client) * scale,
                r.max(row, client) * scale);
    }

    private String ratio(String row, String peer, boolean higherIsBetter) {
        if (!r.has(row, AIOJ) || !r.has(row, peer)) return "–";
        double a = r.median(row, AIOJ);
        double p = r.median(row, peer);
        return String.format(Locale.ROOT, "%.2f", higherIsBetter ? a / p : p / a);
    }

    /** The version in a shaded dependency's pom.properties, or "?" if the jar does not carry one. */
    static String version(String group, String artifact) {
        String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Report.class.getResourceAsStream(path)) {
            if (in == null) return "?";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }
}
