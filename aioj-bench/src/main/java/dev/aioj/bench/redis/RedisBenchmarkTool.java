package dev.aioj.bench.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redis's own {@code redis-benchmark} (C, one thread, no client library) as
 * the floor a client is measured against, when it is installed
 * ({@code REDIS_BENCHMARK}, else the {@code PATH}). Always one connection
 * ({@code -c 1}).
 *
 * <p>(a) runs {@code -P window -t set,get -n total/2 -r keys -d size}: its
 * pipelining is batch-wise (send {@code window}, wait for all) and it runs the
 * SETs, then the GETs, rather than alternating them; the rate reported is the
 * combined one, {@code total / (time of SETs + time of GETs)}. (b) runs
 * {@code -P 1 -t get -n count}, which GETs {@link Workload#LATENCY_KEY}; p50
 * and p99 come from its summary (microsecond resolution), p99.9 from its
 * percentile distribution (the first step at or above 99.9%).
 */
final class RedisBenchmarkTool implements ClientDriver.Pipelined, ClientDriver.Sequential {

    private static final Pattern CSV_LINE = Pattern.compile("^\"(\\w+)\",\"([0-9.]+|inf)\"");
    private static final Pattern PERCENTILE_LINE = Pattern.compile("^\\s*([0-9.]+)% <= ([0-9.]+) milliseconds");

    private final Path binary;
    private final String host;
    private final int port;
    private final int keyCount;
    private final int valueSize;

    private RedisBenchmarkTool(Path binary, String host, int port, int keyCount, int valueSize) {
        this.binary = binary;
        this.host = host;
        this.port = port;
        this.keyCount = keyCount;
        this.valueSize = valueSize;
    }

    /** The tool for the run's server, or null when redis-benchmark is not installed. */
    static RedisBenchmarkTool find(String host, int port, Workload workload) {
        Path binary = RedisServer.binary("REDIS_BENCHMARK", "redis-benchmark");
        return binary == null ? null
                : new RedisBenchmarkTool(binary, host, port, workload.keys().length, workload.value().length());
    }

    @Override
    public String name() {
        return "redis-benchmark";
    }

    @Override
    public boolean runsAsChildProcess() {
        return true;
    }

    @Override
    public double alternating(Workload workload, int total, int window) {
        // whole batches: with -n not a multiple of -P it may abort ("All clients disconnected")
        int perTest = Math.max(window, total / 2 - (total / 2) % window);
        String out = run("-P", Integer.toString(window), "-n", Integer.toString(perTest), "-r",
                Integer.toString(keyCount), "-d", Integer.toString(valueSize), "-t", "set,get", "--csv");
        double seconds = 0;
        int tests = 0;
        for (String line : out.split("\n")) {
            Matcher m = CSV_LINE.matcher(line.trim());
            if (m.find()) {
                // it counts whole milliseconds: a test shorter than one prints "inf", which adds ~nothing
                seconds += m.group(2).equals("inf") ? 0 : perTest / Double.parseDouble(m.group(2));
                tests++;
            }
        }
        if (tests != 2) throw new IllegalStateException("redis-benchmark printed no SET and GET rates:\n" + out);
        return 2.0 * perTest / seconds;
    }

    @Override
    public Latencies sequentialGets(String expectedValue, int count) {
        String out = run("-P", "1", "-n", Integer.toString(count), "-t", "get");
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        double p999 = Double.NaN;
        String[] lines = out.split("[\r\n]+");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = PERCENTILE_LINE.matcher(lines[i]);
            if (Double.isNaN(p999) && m.find() && Double.parseDouble(m.group(1)) >= 99.9) {
                p999 = Double.parseDouble(m.group(2)) * 1e3;
            }
            if (lines[i].trim().startsWith("avg") && lines[i].contains("p50") && i + 1 < lines.length) {
                List<String> header = List.of(lines[i].trim().split("\\s+"));
                String[] values = lines[i + 1].trim().split("\\s+");
                p50 = Double.parseDouble(values[header.indexOf("p50")]) * 1e3;
                p99 = Double.parseDouble(values[header.indexOf("p99")]) * 1e3;
            }
        }
        if (Double.isNaN(p50) || Double.isNaN(p999)) {
            throw new IllegalStateException("cannot read redis-benchmark's latencies from:\n" + out);
        }
        return new Latencies(p50, p99, p999);
    }

    private String run(String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-h", host, "-p", Integer.toString(port),
                "-c", "1"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    /** {@code redis-benchmark --version}'s first word after the name. */
    String version() {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return out.replaceFirst("^redis-benchmark\\s+", "");
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public void close() {}
}
