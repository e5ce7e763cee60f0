package dev.aioj.bench.memcached;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown report of one {@link MemcachedBenchmark} run: tables of medians, spreads, ratios, targets. */
record MemcachedReport(Map<String, Map<String, List<Double>>> results, String command, String memcachedVersion,
        String machine, String loadBefore, String loadAfter, int rounds, MemcachedBenchmark.Sizes sizes,
        Workload workload) {

    static final String AIOJ = "aioj";

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# memcached client benchmark\n\n");
        md.append("aioj-memcached against spymemcached 2.12.3, xmemcached 2.4.8 and Folsom 1.21.0, side by side in one "
                + "JVM against one memcached (").append(memcachedVersion).append(", `-t 2 -m 256`, started by the run on "
                + "a loopback port). Medians of ").append(rounds).append(" round(s), the order of clients reversed "
                + "every other round, after a discarded warm-up round; `±` is half the spread (max - min) of the "
                + "rounds. Every reply is checked.\n\n");
        md.append("- command: `").append(command).append("`\n");
        md.append("- machine: ").append(machine).append("\n");
        md.append("- load (/proc/loadavg) before: `").append(loadBefore).append("`, after: `").append(loadAfter)
                .append("` — a shared 2-core machine: compare the ratios, not the absolute numbers\n");
        md.append("- workload: ").append(workload).append("; (a) ").append(sizes.ops()).append(" ops per pass (")
                .append(sizes.opsWindow1()).append(" at 1 in flight); (b) ").append(sizes.latencyOps())
                .append(" GETs; (c) ").append(MemcachedBenchmark.THREADS).append(" virtual threads x ")
                .append(sizes.opsPerThread()).append(" ops; (d) ").append(sizes.allocOps()).append(" GETs\n\n");

        md.append("## Targets\n\n| target | measured | status |\n|---|---|---|\n");
        double aioj128 = median("a/128", AIOJ);
        String best128 = bestPeer("a/128", true);
        double ratio = aioj128 / median("a/128", best128);
        md.append(String.format(Locale.ROOT, "| >= 2x the best peer, 128 in flight | %.2fx %s | %s |\n", ratio,
                best128, ratio >= 2 ? "**met**" : "not met"));
        double p50 = median("b/p50", AIOJ);
        String bestP50 = bestPeer("b/p50", false);
        md.append(String.format(Locale.ROOT, "| p50 <= the best peer at depth 1 | %.1f µs vs %.1f µs (%s) | %s |\n",
                p50, median("b/p50", bestP50), bestP50, p50 <= median("b/p50", bestP50) ? "**met**" : "not met"));
        double bytes = median("d/bytes", AIOJ);
        md.append(String.format(Locale.ROOT, "| <= 150 B allocated per GET | %.0f B/op (whole JVM, %d B value "
                + "included) | %s |\n\n", bytes, workload.value().length, bytes <= 150 ? "**met**" : "not met"));

        md.append("## (a) SET/GET alternating, one client, N in flight (ops/s)\n\n");
        table(md, List.of("a/1", "a/16", "a/128", "a/1024"), List.of("1", "16", "128", "1024"), true, "%,.0f");
        md.append("\nxmemcached has no async API: its N in flight are N virtual threads each blocked on its own "
                + "reply.\n\n");
        md.append("## (b) one GET at a time (µs)\n\n");
        table(md, List.of("b/p50", "b/p99"), List.of("p50", "p99"), false, "%.1f");
        md.append("\n## (c) ").append(MemcachedBenchmark.THREADS)
                .append(" virtual threads sharing one client, SET then GET (ops/s)\n\n");
        table(md, List.of("c"), List.of("ops/s"), true, "%,.0f");
        md.append("\n## (d) GETs, 128 in flight: throughput and bytes allocated per GET\n\n");
        table(md, List.of("d/rate", "d/bytes"), List.of("ops/s", "B/op"), true, "%,.0f");
        md.append("\nB/op is the whole JVM's allocation (HotSpot's per-thread counters, all threads) over the pass "
                + "divided by the GETs, the returned ").append(workload.value().length).append(" B value array (")
                .append(16 + workload.value().length).append(" B) included. In this pass every driver waits for a "
                + "reply by yielding until its future is done, so no library's blocking-wait machinery is counted; "
                + "pass (a) waits with each library's own blocking get.\n");
        md.append("\n## How to read it\n\n");
        md.append("- All four clients use one connection to the one server, the ASCII protocol (aioj: its meta "
                + "commands; the others: get/set) and 5 s operation timeouts; aioj's and Folsom's in-flight "
                + "limits are raised to 4,096 so the 1,024 window fits.\n");
        md.append("- (d)'s ops/s come from a caller that yields while it waits: on two cores it competes with the "
                + "client's own I/O thread, so they understate the async clients; xmemcached's 128 blocked "
                + "virtual threads do not yield. Read (d) for bytes per GET; (a) for throughput.\n");
        md.append("- The machine is shared with other builds: the load average above is part of the result. "
                + "A round's numbers move by tens of percent; the medians and the ratios within one run are what "
                + "the targets are judged on.\n");
        return md.toString();
    }

    private void table(StringBuilder md, List<String> scenarios, List<String> headers, boolean higherIsBetter,
            String format) {
        md.append("| client |");
        headers.forEach(h -> md.append(' ').append(h).append(" |"));
        md.append("\n|---|");
        headers.forEach(h -> md.append("---|"));
        md.append('\n');
        for (String driver : drivers(scenarios.getFirst())) {
            md.append("| ").append(driver).append(" |");
            for (String s : scenarios) {
                List<Double> values = results.get(s).get(driver);
                md.append(' ').append(String.format(Locale.ROOT, format, median(s, driver)));
                if (values.size() > 1) {
                    md.append(" ± ").append(String.format(Locale.ROOT, format,
                            (Collections.max(values) - Collections.min(values)) / 2));
                }
                md.append(" |");
            }
            md.append('\n');
        }
        md.append("| **aioj / best peer** |");
        for (String s : scenarios) {
            boolean higher = higherIsBetter && !s.endsWith("bytes");
            String best = bestPeer(s, higher);
            md.append(String.format(Locale.ROOT, " %.2fx (%s) |", median(s, AIOJ) / median(s, best), best));
        }
        md.append('\n');
    }

    private List<String> drivers(String scenario) {
        return new ArrayList<>(results.get(scenario).keySet());
    }

    double median(String scenario, String driver) {
        List<Double> values = new ArrayList<>(results.get(scenario).get(driver));
        Collections.sort(values);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    /** The best peer (not aioj): highest if {@code higherIsBetter}, else lowest. */
    String bestPeer(String scenario, boolean higherIsBetter) {
        String best = null;
        for (String d : results.get(scenario).keySet()) {
            if (d.equals(AIOJ)) continue;
            if (best == null || (higherIsBetter ? median(scenario, d) > median(scenario, best)
                    : median(scenario, d) < median(scenario, best))) {
                best = d;
            }
        }
        return best;
    }
}
