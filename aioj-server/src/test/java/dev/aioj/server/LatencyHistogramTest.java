package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The latency histogram's arithmetic, checked against values worked out
 * from HdrHistogram's layout (2 significant digits: exact up to 256 ns, then
 * buckets of 2, 4, 8... ns): what INFO latencystats and LATENCY HISTOGRAM
 * print.
 */
class LatencyHistogramTest {

    @Test
    void percentilesAreTheHighestValueOfTheSamplesBucket() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(100);
        h.record(2000);
        h.record(2000);
        h.record(1_000_000);
        assertThat(h.totalCount()).isEqualTo(4);
        assertThat(h.valueAtPercentile(25)).as("exact below 256 ns").isEqualTo(100);
        assertThat(h.valueAtPercentile(50)).as("2000 ns is in [2000, 2007]").isEqualTo(2007);
        assertThat(h.valueAtPercentile(75)).isEqualTo(2007);
        assertThat(h.valueAtPercentile(100)).as("1 ms is in [999424, 1003519]").isEqualTo(1_003_519);
        assertThat(h.valueAtPercentile(0)).as("p0 is the lowest equivalent value").isEqualTo(100);
        assertThat(LatencyCommand.percentiles(h, new double[] {50, 99, 99.9}))
                .isEqualTo("p50=2.007,p99=1003.519,p99.9=1003.519");
    }

    @Test
    void samplesOutsideOneNanosecondToOneSecondAreClamped() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(0);
        h.record(5_000_000_000L);
        assertThat(h.valueAtPercentile(1)).isEqualTo(1);
        assertThat(h.valueAtPercentile(100)).isGreaterThanOrEqualTo(1_000_000_000L).isLessThan(1_010_000_000L);
    }

    @Test
    void theHistogramReplyHasOnePointPerPowerOfTwoLevelThatGrew() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(500);
        h.record(600);
        h.record(3000);
        List<String> points = new ArrayList<>();
        h.forEachLogPoint((micros, count) -> points.add(micros + ":" + count));
        // level 1024 ns: both small samples (and the first bucket past 1024, empty), shown in microseconds
        // as the highest value of that bucket (1031 ns -> 1); level 4096: the 3000 ns sample (4127 -> 4)
        assertThat(points).containsExactly("1:2", "4:3");
    }
}
