package dev.aioj.bench.memcached;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.bench.redis.Passes;
import dev.aioj.memcached.MemcachedClient;
import dev.aioj.memcached.StoreMode;
import dev.aioj.memcached.testing.MemcachedServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every driver of the memcached benchmark runs every pass, tiny, against a
 * real memcached and checks its replies; and the report computes ratios and
 * targets from known numbers.
 */
class MemcachedDriversSmokeTest {

    @RegisterExtension
    static final MemcachedServerExtension memcached = MemcachedServerExtension.builder().build();

    @Test
    void everyDriverRunsEveryPassAndChecksWhatItReads() throws Exception {
        Workload workload = Workload.of(100, 32);
        try (MemcachedClient setup = MemcachedClient.connect(memcached.address()).join()) {
            setup.sync().store(StoreMode.SET, Workload.LATENCY_KEY, workload.value(), Duration.ZERO,
                    Workload.BYTE_ARRAY_FLAGS, 0);
        }
        List<MemcachedDriver> drivers = List.of(new AiojMemcachedDriver(memcached.address()),
                new SpymemcachedDriver("127.0.0.1", memcached.port()),
                new XmemcachedDriver("127.0.0.1", memcached.port()), new FolsomDriver("127.0.0.1", memcached.port()));
        try {
            for (MemcachedDriver d : drivers) {
                for (int window : MemcachedBenchmark.WINDOWS) {
                    assertThat(d.pipelined(workload, 512, window)).as(d.name() + " window " + window).isPositive();
                }
                Histogram h = Passes.latencyHistogram();
                d.depthOne(workload, 50, h);
                assertThat(h.getTotalCount()).isEqualTo(50);
                assertThat(d.shared(workload, 10, 20)).isPositive();
                assertThat(d.pipelinedGets(workload, 500, 128)).isPositive();
            }
        } finally {
            drivers.forEach(MemcachedDriver::close);
        }
    }

    @Test
    void theReportComputesRatiosAndTargetsFromTheMedians() {
        Map<String, Map<String, List<Double>>> results = new java.util.LinkedHashMap<>();
        for (String s : List.of("a/1", "a/16", "a/128", "a/1024", "b/p50", "b/p99", "c", "d/rate", "d/bytes")) {
            Map<String, List<Double>> row = new java.util.LinkedHashMap<>();
            row.put("aioj", List.of(300.0, 100.0, 200.0));  // median 200
            row.put("peer", List.of(100.0, 90.0, 110.0));   // median 100
            results.put(s, row);
        }
        String md = new MemcachedReport(results, "cmd", "memcached 1.6.18", "machine", "0.1", "0.2", 3,
                new MemcachedBenchmark.Sizes(1, 2, 3, 4, 5), Workload.of(10, 32)).markdown();
        assertThat(md).contains("| >= 2x the best peer, 128 in flight | 2.00x peer | **met** |")
                .contains("| p50 <= the best peer at depth 1 | 200.0 µs vs 100.0 µs (peer) | not met |")
                .contains("| <= 150 B allocated per GET | 200 B/op")
                .contains("| aioj | 200 ± 100 | 200 ± 100 | 200 ± 100 | 200 ± 100 |");
    }
}
