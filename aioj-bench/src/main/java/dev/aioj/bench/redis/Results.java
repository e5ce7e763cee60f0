package dev.aioj.bench.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every measured value of a run, by row (e.g. {@code "a/128"}, {@code "b/p50"},
 * {@code "c"}) and client, one value per round; and the medians and spreads
 * the report prints.
 *
 * <p>Thread contract: the benchmark's thread only.
 */
final class Results {

    private final Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();

    void add(String row, String client, double value) {
        values.computeIfAbsent(row, r -> new LinkedHashMap<>()).computeIfAbsent(client, c -> new ArrayList<>())
                .add(value);
    }

    /** The values of {@code client} in {@code row}, empty if it was not run. */
    List<Double> of(String row, String client) {
        return values.getOrDefault(row, Map.of()).getOrDefault(client, List.of());
    }

    boolean has(String row, String client) {
        return !of(row, client).isEmpty();
    }

    double median(String row, String client) {
        return median(of(row, client));
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) return Double.NaN;
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    double min(String row, String client) {
        return of(row, client).stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max(String row, String client) {
        return of(row, client).stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
