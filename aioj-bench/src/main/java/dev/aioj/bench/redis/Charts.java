package dev.aioj.bench.redis;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The report's PNG charts (XChart): (a) throughput by commands in flight, (b)
 * latency percentiles, (c) shared-client throughput; medians of the rounds,
 * one colour per client, the same in every chart.
 */
final class Charts {

    private static final Map<String, Color> COLOURS = Map.of(
            Report.AIOJ, new Color(0xD6, 0x27, 0x28),
            Report.LETTUCE_AUTO, new Color(0x1F, 0x77, 0xB4),
            Report.LETTUCE_MANUAL, new Color(0x7F, 0xB2, 0xE0),
            Report.JEDIS, new Color(0x2C, 0xA0, 0x2C),
            Report.REDIS_BENCHMARK, new Color(0x7F, 0x7F, 0x7F));

    private Charts() {}

    /** Writes the three charts into {@code dir}; returns their paths. */
    static List<Path> write(RedisClientBenchmark run, Path dir) throws IOException {
        Results r = run.results();
        List<Path> written = new ArrayList<>();

        CategoryChart a = chart("(a) one thread, SET/GET alternating", "commands in flight",
                "thousand commands/s (log scale)");
        logarithmic(a);
        List<String> windows = new ArrayList<>();
        for (int w : run.options().windows()) windows.add(Integer.toString(w));
        for (String client : Report.CLIENTS) {
            List<Double> values = new ArrayList<>();
            for (String w : windows) values.add(r.median("a/" + w, client) / 1e3);
            add(a, client, windows, values);
        }
        written.add(save(a, dir.resolve("redis-client-a.png")));

        CategoryChart b = chart("(b) one thread, sequential GETs", "percentile", "µs (log scale)");
        logarithmic(b);
        List<String> percentiles = List.of("p50", "p99", "p99.9");
        for (String client : List.of(Report.AIOJ, Report.LETTUCE_AUTO, Report.JEDIS, Report.REDIS_BENCHMARK)) {
            List<Double> values = new ArrayList<>();
            for (String p : List.of("p50", "p99", "p999")) values.add(r.median("b/" + p, client));
            add(b, client.equals(Report.LETTUCE_AUTO) ? "Lettuce" : client, client, percentiles, values);
        }
        written.add(save(b, dir.resolve("redis-client-b.png")));

        CategoryChart c = chart("(c) " + run.options().threads() + " virtual threads sharing one client", "",
                "thousand commands/s");
        for (String client : List.of(Report.AIOJ, Report.LETTUCE_AUTO, Report.JEDIS)) {
            String label = client.equals(Report.LETTUCE_AUTO) ? "Lettuce" : client.equals(Report.JEDIS)
                    ? "Jedis (pool)" : client;
            add(c, label, client, List.of("SET/GET"), List.of(r.median("c", client) / 1e3));
        }
        written.add(save(c, dir.resolve("redis-client-c.png")));
        return written;
    }

    private static CategoryChart chart(String title, String x, String y) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(480).title(title).xAxisTitle(x)
                .yAxisTitle(y).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setToolTipsEnabled(false);
        return chart;
    }

    /** Bars start at zero unless told otherwise, which a log axis cannot show. */
    private static void logarithmic(CategoryChart chart) {
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(1.0);
    }

    private static void add(CategoryChart chart, String client, List<String> x, List<Double> y) {
        add(chart, client, client, x, y);
    }

    /** Adds a series unless the client did not run (redis-benchmark not installed). */
    private static void add(CategoryChart chart, String label, String client, List<String> x, List<Double> y) {
        if (y.stream().anyMatch(v -> !Double.isFinite(v))) return; // not run, or too short to time (tiny test runs)
        chart.addSeries(label, x, y).setFillColor(COLOURS.get(client));
    }

    private static Path save(CategoryChart chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
