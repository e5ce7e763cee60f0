package dev.aioj.bench.redis;

import dev.aioj.bench.redis.jmh.AllocationSplit;
import dev.aioj.bench.redis.jmh.ObservedGetBenchmark;
import dev.aioj.bench.redis.jmh.PipelinedGetBenchmark;
import dev.aioj.bench.redis.jmh.RespEncodeBenchmark;
import dev.aioj.bench.redis.jmh.RespParseBenchmark;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH part of the Redis benchmark from {@link RedisClientBenchmark}
 * (the same benchmarks {@code ./aioj jmh 'dev.aioj.bench.redis.jmh.*' -prof gc}
 * runs, with the iterations written in their annotations; {@code --quick}
 * shortens them) and the {@link AllocationSplit}, and keeps what the report
 * prints.
 */
final class JmhResults {

    /** One JMH result: throughput and bytes allocated per operation. */
    record Row(String benchmark, String params, double score, double error, String unit, double bytesPerOp) {}

    private JmhResults() {}

    static List<Row> run(boolean quick) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(PipelinedGetBenchmark.class.getName())
                .include(ObservedGetBenchmark.class.getName())
                .include(RespParseBenchmark.class.getName())
                .include(RespEncodeBenchmark.class.getName())
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(false); // a failed benchmark is missing from the table, the others stay
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(2).measurementTime(TimeValue.milliseconds(500))
                    .param("window", "128");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        List<Row> rows = new ArrayList<>();
        for (RunResult run : results) {
            var params = run.getParams();
            String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.', 
                    params.getBenchmark().lastIndexOf('.') - 1) + 1);
            String paramText = params.getParamsKeys().stream().map(k -> k + "=" + params.getParam(k))
                    .collect(Collectors.joining(", "));
            Result<?> primary = run.getPrimaryResult();
            Result<?> norm = run.getSecondaryResults().get("gc.alloc.rate.norm");
            rows.add(new Row(name, paramText, primary.getScore(), primary.getScoreError(), primary.getScoreUnit(),
                    norm == null ? Double.NaN : norm.getScore()));
        }
        return rows;
    }

    /** The split for the windows of the allocation benchmark, waiting both ways. */
    static List<AllocationSplit.Split> splits(boolean quick) {
        long ops = quick ? 200_000 : 2_000_000;
        List<AllocationSplit.Split> splits = new ArrayList<>();
        for (int window : quick ? new int[] {128} : new int[] {1, 128, 1024}) {
            long n = window == 1 ? ops / 10 : ops; // one round trip per GET: a tenth is plenty, and ten times faster
            splits.add(AllocationSplit.measure(window, false, n));
            splits.add(AllocationSplit.measure(window, true, n));
        }
        return splits;
    }
}
