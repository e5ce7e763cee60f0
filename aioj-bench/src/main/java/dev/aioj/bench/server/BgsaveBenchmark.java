package dev.aioj.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a BGSAVE costs the serving loop (issue 18): with 1,000,000 keys
 * (DEBUG POPULATE), the unchanged {@code redis-benchmark -P 1 -c 50} runs SET
 * and GET twice per round, once with no save and once while BGSAVEs run back
 * to back for the whole run; the table compares redis-benchmark's p99 and
 * shows the memory each BGSAVE took (INFO {@code rdb_last_cow_size}: the
 * copy-on-write of the fork in redis-server, the copies of changed keys in
 * aioj-server). Both servers run as processes of their own on the same
 * machine, one after the other.
 *
 * <pre>./aioj bench-bgsave [--keys 1000000] [--requests 500000] [--rounds 3] [--out docs/bench/bgsave.md]</pre>
 */
public final class BgsaveBenchmark {

    private BgsaveBenchmark() {}

    record Row(String server, int round, String test, double p99Without, double p99With, int saves,
            long cowBytes, long saveSeconds) {}

    public static void main(String[] args) throws Exception {
        int keys = 1_000_000;
        int requests = 500_000;
        int rounds = 3;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--keys" -> keys = Integer.parseInt(args[++i]);
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: bench-bgsave [--keys N] [--requests N] [--rounds N] [--out FILE.md]");
                    System.exit(1);
                }
            }
        }
        if (ServerBenchmark.findOnPath("redis-benchmark") == null || ServerBenchmark.findOnPath("redis-server") == null) {
            System.err.println("bench-bgsave needs redis-benchmark and redis-server on the PATH");
            System.exit(1);
        }
        List<Row> rows = new ArrayList<>();
        String load = loadAverage();
        for (String server : List.of("aioj-server", "redis-server")) {
            Path dir = Files.createTempDirectory("bgsave-bench-");
            int port = freePort();
            Process p = start(server, port, dir);
            try {
                awaitPing(port);
                call(port, "DEBUG", "POPULATE", Integer.toString(keys));
                System.out.printf(Locale.ROOT, "%s: %,d keys%n", server, keys);
                for (int r = 1; r <= rounds; r++) {
                    for (String test : List.of("set", "get")) {
                        double without = p99(port, test, requests, keys);
                        AtomicBoolean stop = new AtomicBoolean();
                        long[] stats = new long[3]; // saves, max cow bytes, max seconds
                        Thread saver = Thread.ofPlatform().start(() -> saveLoop(port, stop, stats));
                        double with;
                        try {
                            with = p99(port, test, requests, keys);
                        } finally {
                            stop.set(true);
                            saver.join();
                        }
                        Row row = new Row(server, r, test.toUpperCase(Locale.ROOT), without, with, (int) stats[0],
                                stats[1], stats[2]);
                        rows.add(row);
                        System.out.println(row);
                    }
                }
            } finally {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
        String md = markdown(rows, keys, requests, load);
        if (out != null) {
            Files.writeString(out, md);
            System.out.println("wrote " + out);
        } else {
            System.out.println(md);
        }
    }

    private static Process start(String server, int port, Path dir) throws IOException {
        List<String> cmd;
        if (server.equals("redis-server")) {
            cmd = List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                    "--dir", dir.toString(), "--enable-debug-command", "yes", "--loglevel", "warning");
        } else {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            cmd = List.of(java.toString(), "-Xms2g", "-Xmx4g", "-XX:+UseParallelGC", "-cp",
                    System.getProperty("java.class.path"), "dev.aioj.server.ServerMain", "--port",
                    Integer.toString(port), "--save", "", "--dir", dir.toString(), "--enable-debug-command", "yes",
                    "--loglevel", "warning");
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** BGSAVE after BGSAVE until told to stop; stats: count, largest cow size, longest save in seconds. */
    private static void saveLoop(int port, AtomicBoolean stop, long[] stats) {
        try {
            while (!stop.get()) {
                String reply = call(port, "BGSAVE");
                if (!reply.startsWith("+")) {
                    Thread.sleep(20);
                    continue;
                }
                while (info(port, "rdb_bgsave_in_progress").equals("1")) {
                    Thread.sleep(20);
                }
                stats[0]++;
                stats[1] = Math.max(stats[1], Long.parseLong(info(port, "rdb_last_cow_size")));
                stats[2] = Math.max(stats[2], Long.parseLong(info(port, "rdb_last_bgsave_time_sec")));
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double p99(int port, String test, int requests, int keys) throws IOException, InterruptedException {
        List<String> cmd = List.of("redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(port), "-c", "50",
                "-P", "1", "-n", Integer.toString(requests), "-r", Integer.toString(keys), "-t", test, "--csv");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String csv = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("redis-benchmark failed: " + csv);
        }
        for (String line : csv.split("\n")) {
            if (line.startsWith("\"" + test.toUpperCase(Locale.ROOT) + "\"")) {
                String[] f = line.replace("\"", "").split(",");
                return Double.parseDouble(f[6]);
            }
        }
        throw new IOException("no " + test + " line in: " + csv);
    }

    private static String markdown(List<Row> rows, int keys, int requests, String load) {
        StringBuilder md = new StringBuilder();
        md.append("# BGSAVE under load: the loop's p99 with and without a snapshot\n\n");
        md.append("Issue 18's target: with 1,000,000 keys, BGSAVE adds at most 10 ms to the p99 latency under "
                + "`redis-benchmark -P 1 -c 50`, and the memory it takes is reported in INFO.\n\n");
        md.append(String.format(Locale.ROOT, "Command: `./aioj bench-bgsave --keys %d --requests %d` "
                + "(dev.aioj.bench.server.BgsaveBenchmark). Keys from `DEBUG POPULATE %d`; each row runs "
                + "`redis-benchmark -c 50 -P 1 -n %d -r %d -t set|get --csv` once without a save, then once while "
                + "BGSAVEs run back to back for the whole run. p99 is redis-benchmark's, in ms. cow is INFO "
                + "`rdb_last_cow_size` (largest of the run): pages the fork copied in redis-server, bytes of keys "
                + "copied before a change in aioj-server.\n\n", keys, requests, keys, requests, keys));
        md.append("Machine: ").append(ServerBenchmark.class.getSimpleName().isEmpty() ? "" : machine())
                .append("; load average at start: ").append(load).append(".\n\n");
        md.append("| server | round | test | p99 no save (ms) | p99 during BGSAVE (ms) | added (ms) | BGSAVEs | longest (s) | cow (MB) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %.2f | %.2f | %+.2f | %d | %d | %.1f |\n",
                    r.server(), r.round(), r.test(), r.p99Without(), r.p99With(), r.p99With() - r.p99Without(),
                    r.saves(), r.saveSeconds(), r.cowBytes() / 1e6));
        }
        return md.toString();
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, JDK " + Runtime.version().feature() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitPing(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (call(port, "PING").equals("+PONG")) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("server on port " + port + " did not answer PING");
    }

    private static String info(int port, String field) throws IOException {
        String text = call(port, "INFO", "persistence");
        for (String line : text.split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        throw new IOException("no " + field + " in INFO");
    }

    /** One command on a new connection; the reply as text (a bulk reply's content, or the status line). */
    static String call(int port, String... args) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(600_000);
            OutputStream o = s.getOutputStream();
            StringBuilder b = new StringBuilder("*" + args.length + "\r\n");
            for (String a : args) {
                b.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
            }
            o.write(b.toString().getBytes(StandardCharsets.UTF_8));
            o.flush();
            InputStream in = s.getInputStream();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String first = r.readLine();
            if (first == null) {
                throw new IOException("connection closed");
            }
            if (first.startsWith("$")) {
                int n = Integer.parseInt(first.substring(1));
                char[] buf = new char[Math.max(0, n)];
                int got = 0;
                while (got < n) {
                    int k = r.read(buf, got, n - got);
                    if (k < 0) {
                        break;
                    }
                    got += k;
                }
                return new String(buf, 0, got);
            }
            return first;
        }
    }
}
