package dev.aioj.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the unchanged {@code redis-benchmark} with {@code --csv} and reads
 * requests per second from its rows ({@code "SET","123456.78",...}): the
 * server, EVALSHA and stream benchmarks all load the servers this way, so
 * they start it, read its rows and fail (a non-zero exit, or no row for a
 * custom command) the same way.
 *
 * <p>Thread contract: any thread; each call runs one process to its end.
 */
final class RedisBenchmarkCsv {

    /** A result row: the test's name, then its requests per second; the header's "rps" does not match. */
    private static final Pattern ROW = Pattern.compile("^\"([^\"]+)\",\"([0-9.]+)\"");

    private RedisBenchmarkCsv() {}

    /** Requests per second by test name; a test with no row is missing from the map. */
    static Map<String, Double> run(List<String> command) throws IOException, InterruptedException {
        Map<String, Double> result = new LinkedHashMap<>();
        read(command, result::put);
        return result;
    }

    /** Requests per second of a run of one test (a custom command): its last row; no row fails the run. */
    static double single(List<String> command) throws IOException, InterruptedException {
        double[] last = {Double.NaN};
        read(command, (test, rps) -> last[0] = rps);
        if (Double.isNaN(last[0])) {
            throw new IOException("redis-benchmark failed: " + command);
        }
        return last[0];
    }

    private static void read(List<String> command, BiConsumer<String, Double> row)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                Matcher m = ROW.matcher(line);
                if (m.find()) {
                    row.accept(m.group(1), Double.parseDouble(m.group(2)));
                }
            }
        }
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("redis-benchmark failed: " + command);
        }
    }
}
