package dev.aioj.bench.redis;

import dev.aioj.bench.Machine;
import dev.aioj.redis.ClientCache;
import dev.aioj.redis.ClientCacheOptions;
import dev.aioj.redis.RedisClient;
import dev.aioj.redis.RedisOptions;
import dev.aioj.redis.RedisUri;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.csc.CacheConfig;

/**
 * Issue 19's cache benchmark: GETs of a hot key set through aioj-redis with
 * its client-side cache off and on, and through Jedis 5 (without its cache,
 * and with it where the server allows), against one redis-server this run
 * starts on a free loopback port. Three loads: one thread blocking on each
 * GET (latency), 8 threads blocking on each GET, one thread with 128 GETs in
 * flight. Each is run 3 times after a warm-up; cells are medians.
 *
 * <p>Usage: {@code ./aioj bench-cache [--out FILE]}.
 */
public final class ClientCacheBenchmark {

    static final int KEYS = 1_000;
    static final int VALUE_SIZE = 100;
    static final int ROUNDS = 3;
    static final int SEQUENTIAL = 100_000;
    static final int THREADS = 8;
    static final int PER_THREAD = 50_000;
    static final int PIPELINED = 500_000;
    static final int WINDOW = 128;

    private final Map<String, List<double[]>> results = new HashMap<>();
    private final List<String> notes = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            }
        }
        String loadBefore = loadAverage();
        ClientCacheBenchmark b = new ClientCacheBenchmark();
        String version;
        String stats;
        try (RedisServer server = RedisServer.start()) {
            version = server.version();
            stats = b.run(server.port());
        }
        String report = b.report("./aioj bench-cache" + (args.length == 0 ? "" : " " + String.join(" ", args)),
                version, loadBefore, loadAverage(), stats);
        System.out.println(report);
        if (out != null) {
            Files.writeString(out, report);
        }
    }

    private String run(int port) throws Exception {
        String uri = "redis://127.0.0.1:" + port;
        String value = "v".repeat(VALUE_SIZE);
        try (RedisClient off = RedisClient.connect(uri).join();
                RedisClient on = RedisClient.connect(RedisUri.parse(uri), RedisOptions.defaults(),
                        ClientCacheOptions.builder().maxEntries(KEYS * 2).build()).join();
                JedisPooled jedis = new JedisPooled(new HostAndPort("127.0.0.1", port),
                        DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build())) {
            Map<String, String> load = new HashMap<>();
            for (int k = 0; k < KEYS; k++) {
                load.put(key(k), value);
            }
            off.mset(load).join();
            JedisPooled jedisCached = null;
            try {
                jedisCached = new JedisPooled(new HostAndPort("127.0.0.1", port),
                        DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build(),
                        CacheConfig.builder().maxSize(KEYS * 2).build());
                jedisCached.get(key(0));
            } catch (RuntimeException e) {
                notes.add("Jedis 5.2.0 with its cache (`CacheConfig`) refused this server: \"" + e.getMessage()
                        + "\" (Jedis's client-side cache needs Redis 7.4 or later), so it has no column.");
                if (jedisCached != null) {
                    jedisCached.close();
                }
                jedisCached = null;
            }
            Map<String, IntFunction<String>> getters = new java.util.LinkedHashMap<>();
            getters.put("aioj, cache off", k -> off.get(key(k)).join());
            getters.put("aioj, cache on", k -> on.get(key(k)).join());
            getters.put("Jedis 5 (pooled), no cache", k -> jedis.get(key(k)));
            if (jedisCached != null) {
                JedisPooled jc = jedisCached;
                getters.put("Jedis 5, cache on", k -> jc.get(key(k)));
            }
            for (int round = -1; round < ROUNDS; round++) { // round -1: warm-up, discarded
                boolean warm = round < 0;
                for (Map.Entry<String, IntFunction<String>> g : getters.entrySet()) {
                    sequential(g.getKey(), g.getValue(), warm);
                    threads(g.getKey(), g.getValue(), warm);
                }
                pipelined("aioj, cache off", off, warm);
                pipelined("aioj, cache on", on, warm);
            }
            if (jedisCached != null) {
                jedisCached.close();
            }
            ClientCache cache = on.clientCache().orElseThrow();
            return cache.stats().toString();
        }
    }

    private static String key(int k) {
        return "hot:" + k;
    }

    private void sequential(String who, IntFunction<String> get, boolean warm) {
        Histogram h = Passes.latencyHistogram();
        int n = warm ? SEQUENTIAL / 10 : SEQUENTIAL;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            String v = get.apply((int) ((i * 7919L) % KEYS));
            h.recordValue(System.nanoTime() - t);
            if (v == null || v.length() != VALUE_SIZE) {
                throw new IllegalStateException(who + " read " + v);
            }
        }
        long nanos = System.nanoTime() - start;
        if (!warm) {
            record(who + "|seq", Passes.perSecond(n, nanos), h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0);
        }
    }

    private void threads(String who, IntFunction<String> get, boolean warm) throws Exception {
        int n = warm ? PER_THREAD / 10 : PER_THREAD;
        Thread[] ts = new Thread[THREADS];
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            int seed = t;
            ts[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < n; i++) {
                    String v = get.apply((int) ((seed * 131L + i * 7919L) % KEYS));
                    if (v == null) {
                        throw new IllegalStateException(who + " read null");
                    }
                }
            });
        }
        for (Thread t : ts) {
            t.join();
        }
        if (!warm) {
            record(who + "|threads", Passes.perSecond((long) THREADS * n, System.nanoTime() - start));
        }
    }

    private void pipelined(String who, RedisClient client, boolean warm) {
        int n = warm ? PIPELINED / 10 : PIPELINED;
        @SuppressWarnings("unchecked")
        CompletableFuture<String>[] ring = new CompletableFuture[WINDOW];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int slot = i % WINDOW;
            if (ring[slot] != null) {
                ring[slot].join();
            }
            ring[slot] = client.get(key((int) ((i * 7919L) % KEYS)));
            if (ring[slot].isDone() && ring[slot].join() == null) {
                throw new IllegalStateException(who + " read null");
            }
        }
        for (CompletableFuture<String> f : ring) {
            if (f != null) {
                f.join();
            }
        }
        if (!warm) {
            record(who + "|pipelined", Passes.perSecond(n, System.nanoTime() - start));
        }
    }

    private void record(String what, double... values) {
        results.computeIfAbsent(what, k -> new ArrayList<>()).add(values);
    }

    private String report(String command, String version, String loadBefore, String loadAfter, String stats) {
        StringBuilder b = new StringBuilder();
        b.append("## Client-side cache: GET of a hot key set, cache off vs on\n\n");
        b.append("Command: `").append(command).append("`  \n");
        b.append("Machine: ").append(Machine.describe()).append("  \n");
        b.append("Load average (1, 5, 15 min) before / after: ").append(loadBefore).append(" / ").append(loadAfter)
                .append(" (the machine is shared: other sessions' builds and tests ran meanwhile)  \n");
        b.append("Server: redis-server ").append(version)
                .append(", started by the run on a free loopback port; data: ").append(KEYS)
                .append(" keys of ").append(VALUE_SIZE).append(" bytes, all read in a fixed stride.  \n");
        b.append("Rounds: ").append(ROUNDS).append(" after a warm-up at a tenth of the sizes; cells are medians,"
                + " [min–max] in brackets.  \n");
        b.append("aioj cache: `ClientCacheOptions.builder().maxEntries(2000)` (DEFAULT tracking, RESP3); its stats"
                + " at the end: `").append(stats).append("`.\n\n");
        b.append("| load | aioj, cache off | aioj, cache on | Jedis 5 (pooled), no cache | on/off |\n");
        b.append("|---|---:|---:|---:|---:|\n");
        row(b, "1 thread, blocking GETs: thousand GETs/s", "seq", 0, 1000, "%.1f");
        row(b, "1 thread, blocking GETs: p50 µs", "seq", 1, 1, "%.1f");
        row(b, "1 thread, blocking GETs: p99 µs", "seq", 2, 1, "%.1f");
        row(b, THREADS + " threads, blocking GETs: thousand GETs/s", "threads", 0, 1000, "%.1f");
        row(b, "1 thread, " + WINDOW + " GETs in flight: thousand GETs/s", "pipelined", 0, 1000, "%.1f");
        b.append('\n');
        for (String note : notes) {
            b.append(note).append('\n');
        }
        return b.toString();
    }

    private void row(StringBuilder b, String label, String load, int column, double divisor, String format) {
        b.append("| ").append(label);
        double[] medians = new double[2];
        String[] who = {"aioj, cache off", "aioj, cache on", "Jedis 5 (pooled), no cache"};
        for (int w = 0; w < who.length; w++) {
            List<double[]> rounds = results.get(who[w] + "|" + load);
            if (rounds == null) {
                b.append(" | –");
                continue;
            }
            double[] v = rounds.stream().mapToDouble(r -> r[column] / divisor).sorted().toArray();
            if (w < 2) {
                medians[w] = v[v.length / 2];
            }
            b.append(" | ").append(String.format(Locale.ROOT, format + " [" + format + "–" + format + "]",
                    v[v.length / 2], v[0], v[v.length - 1]));
        }
        double ratio = column == 0 ? medians[1] / medians[0] : medians[0] / medians[1];
        b.append(" | ").append(String.format(Locale.ROOT, "%.1f×", ratio)).append(" |\n");
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return String.join(", ", Arrays.copyOf(f, 3));
        } catch (Exception e) {
            return "unknown";
        }
    }
}
