package dev.aioj.cli;

import dev.aioj.loop.LoopGroup;
import dev.aioj.redis.ClientCache;
import dev.aioj.redis.ClientCacheOptions;
import dev.aioj.redis.RedisClient;
import dev.aioj.redis.RedisConnection;
import dev.aioj.redis.RedisOptions;
import dev.aioj.redis.RedisReplyException;
import dev.aioj.redis.RedisUri;
import dev.aioj.redis.Reply;
import dev.aioj.redis.Subscription;
import dev.aioj.redis.Transaction;
import dev.aioj.redis.resp.RespValue;
import dev.aioj.server.RedisServer;
import dev.aioj.server.ServerConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aioj demo}: aioj at work in one command, with nothing to install.
 * Starts the embedded aioj-server on a free port (or uses {@code --uri}),
 * shows commands and their replies, automatic pipelining, a transaction,
 * pub/sub and the client-side cache, then runs a pipelined load with a progress bar and prints
 * throughput and latency percentiles.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Show the aioj client at work against the embedded aioj-server (or --uri).")
final class DemoCommand implements Callable<Integer> {

    private static final Reply<RespValue> RAW = (value, codec) -> value;

    @Option(names = "--uri", description = "Use this Redis server instead of starting the embedded one.")
    String uri;

    @Option(names = "--requests", defaultValue = "300000", description = "Requests in the load (default: ${DEFAULT-VALUE}).")
    long requests;

    @Option(names = "--connections", defaultValue = "4", description = "Connections in the load (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--pipeline", defaultValue = "64", description = "Requests in flight per connection (default: ${DEFAULT-VALUE}).")
    int pipeline;

    private final PrintStream out;
    private final boolean interactive;

    DemoCommand() {
        this(System.out, Terminals.interactive());
    }

    DemoCommand(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public Integer call() throws Exception {
        RedisServer embedded = null;
        RedisUri target;
        if (uri == null) {
            embedded = RedisServer.start(ServerConfig.builder().port(0).build());
            target = RedisUri.of("127.0.0.1", embedded.port());
            say("Started the embedded aioj-server (a Redis-compatible server on the aioj event loop) on "
                    + target.endpoint() + ".");
        } else {
            target = RedisUri.parse(uri);
        }
        try (RedisClient redis = RedisClient.connect(target, RedisOptions.defaults()).get(30, TimeUnit.SECONDS)) {
            Object version = redis.infoSections().get(10, TimeUnit.SECONDS)
                    .getOrDefault("server", java.util.Map.of()).get("redis_version");
            say("Connected with RedisClient to " + target + " (server reports Redis " + version + ").");
            commands(redis);
            pipelining(redis);
            transaction(redis);
            pubSub(redis);
            caching(target, redis);
            load(target);
        } finally {
            if (embedded != null) {
                embedded.close();
                say("Stopped the embedded server. Next: ./aioj server, ./aioj cli, ./aioj bench, ./aioj example.");
            }
        }
        return 0;
    }

    private void commands(RedisClient redis) throws Exception {
        heading("1. Commands: each returns a CompletableFuture at once; here we wait and print the reply");
        show(redis, "SET", "greeting", "hello from aioj");
        show(redis, "GET", "greeting");
        show(redis, "INCR", "visits");
        show(redis, "HSET", "user:1", "name", "Ada", "lang", "Java");
        show(redis, "HGETALL", "user:1");
        show(redis, "RPUSH", "queue", "first", "second", "third");
        show(redis, "LRANGE", "queue", "0", "-1");
        show(redis, "EXPIRE", "greeting", "60");
        show(redis, "TTL", "greeting");
        show(redis, "INCR", "greeting");
        say("   (typed methods too: redis.get(\"greeting\") -> " + redis.get("greeting").get(10, TimeUnit.SECONDS)
                + ", redis.incr(\"visits\") -> " + redis.incr("visits").get(10, TimeUnit.SECONDS) + ")");
    }

    private void show(RedisClient redis, String... args) throws InterruptedException {
        StringBuilder line = new StringBuilder("   > ");
        for (String arg : args) {
            line.append(arg.contains(" ") ? "\"" + arg + "\"" : arg).append(' ');
        }
        out.println(line.toString().stripTrailing());
        String reply;
        try {
            reply = ReplyFormatter.tty(redis.command(RAW, (Object[]) args).get(10, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            reply = ReplyFormatter.error(e.getCause() instanceof RedisReplyException r ? r.getMessage()
                    : String.valueOf(e.getCause()));
        } catch (java.util.concurrent.TimeoutException e) {
            reply = ReplyFormatter.error("no reply within 10 s");
        }
        for (String replyLine : reply.split("\n")) {
            out.println("     " + replyLine);
        }
    }

    private void pipelining(RedisClient redis) throws Exception {
        heading("2. Automatic pipelining: 10,000 INCRs sent without waiting, replies matched in order");
        redis.del("hits").get(10, TimeUnit.SECONDS);
        long start = System.nanoTime();
        List<CompletableFuture<Long>> futures = new ArrayList<>(10_000);
        for (int i = 0; i < 10_000; i++) {
            futures.add(redis.incr("hits"));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        double millis = (System.nanoTime() - start) / 1e6;
        boolean inOrder = true;
        for (int i = 0; i < futures.size(); i++) {
            inOrder &= futures.get(i).join() == i + 1;
        }
        say(String.format(Locale.ROOT, "   10,000 replies in %.1f ms; every future got its own reply in order: %s",
                millis, inOrder ? "yes" : "NO"));
        say("   (no flush call, no batch size: what all threads submit is written once per loop iteration)");
    }

    private void transaction(RedisClient redis) throws Exception {
        heading("3. A transaction: MULTI, the commands and EXEC leave together, safe on a shared connection");
        Transaction<String> tx = redis.multi();
        CompletableFuture<Long> hits = tx.incr("hits");
        tx.set("last-demo", "just now");
        tx.get("last-demo");
        List<Object> results = tx.exec().get(10, TimeUnit.SECONDS);
        say("   > MULTI; INCR hits; SET last-demo \"just now\"; GET last-demo; EXEC");
        say("     " + results + "   (and the INCR's own future: " + hits.get(10, TimeUnit.SECONDS) + ")");
    }

    private void pubSub(RedisClient redis) throws Exception {
        heading("4. Pub/Sub: RESP3 pushes arrive between ordinary replies on the same connection");
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        Subscription news = redis.subscribe((channel, message) -> received.add(channel + ": " + message), "news")
                .get(10, TimeUnit.SECONDS);
        for (String message : List.of("aioj 0.1 is out", "pipelining by default", "bye")) {
            long receivers = redis.publish("news", message).get(10, TimeUnit.SECONDS);
            say("   > PUBLISH news \"" + message + "\"   -> " + receivers + " receiver(s)");
        }
        for (int i = 0; i < 3; i++) {
            String message = received.poll(10, TimeUnit.SECONDS);
            say("     listener got  " + (message != null ? message : "(nothing within 10 s)"));
        }
        news.unsubscribe().get(10, TimeUnit.SECONDS);
    }

    private void caching(RedisUri target, RedisClient writer) throws Exception {
        heading("5. Client-side caching: reads answered from memory until the server says the key changed");
        try (RedisClient cached = RedisClient.connect(target, RedisOptions.defaults(), ClientCacheOptions.defaults())
                .get(30, TimeUnit.SECONDS)) {
            ClientCache cache = cached.clientCache().orElseThrow();
            writer.set("product:42", "espresso 2.50").get(10, TimeUnit.SECONDS);
            long start = System.nanoTime();
            String first = cached.get("product:42").get(10, TimeUnit.SECONDS);
            double missMicros = (System.nanoTime() - start) / 1e3;
            for (int i = 0; i < 10_000; i++) {
                cached.get("product:42").get(10, TimeUnit.SECONDS); // warm-up: the JIT compiles the hit path
            }
            start = System.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                cached.get("product:42").get(10, TimeUnit.SECONDS);
            }
            double hitMicros = (System.nanoTime() - start) / 1e3 / 10_000;
            say(String.format(Locale.ROOT, "   > GET product:42   -> \"%s\" from the server in %.0f µs, then 10,000 "
                    + "more from memory at %.2f µs each", first, missMicros, hitMicros));
            long invalidations = cache.stats().invalidations();
            start = System.nanoTime();
            writer.set("product:42", "espresso 2.80").get(10, TimeUnit.SECONDS);
            long deadline = start + TimeUnit.SECONDS.toNanos(10);
            while (cache.stats().invalidations() == invalidations && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000); // the server's push is on its way
            }
            double pushMicros = (System.nanoTime() - start) / 1e3;
            say(String.format(Locale.ROOT, "   another client: SET product:42 \"espresso 2.80\"   -> the server's push "
                    + "\"invalidate [product:42]\" arrived %.0f µs after the SET was sent", pushMicros));
            say("   > GET product:42   -> \"" + cached.get("product:42").get(10, TimeUnit.SECONDS)
                    + "\" (a miss: read again from the server)");
            ClientCache.Stats stats = cache.stats();
            say(String.format(Locale.ROOT, "   hit rate %.2f%%: %,d hits, %d misses, %d invalidation(s), %d entry, "
                    + "%d bytes", stats.hitRate() * 100, stats.hits(), stats.misses(), stats.invalidations(),
                    stats.entries(), stats.bytes()));
        }
    }

    private void load(RedisUri target) throws Exception {
        heading(String.format(Locale.ROOT, "6. Pipelined load: %,d SETs then %,d GETs over %d connections, "
                + "%d in flight each", requests / 2, requests / 2, connections, pipeline));
        try (LoopGroup group = LoopGroup.create(Math.min(connections, Runtime.getRuntime().availableProcessors()),
                b -> b.daemon(true))) {
            List<RedisConnection> pool = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                pool.add(RedisConnection.connect(target, RedisOptions.builder().loop(group.next()).build())
                        .get(30, TimeUnit.SECONDS));
            }
            try {
                LoadRunner runner = new LoadRunner(pool, pipeline, 16, 100_000);
                for (BenchTest test : List.of(BenchTest.SET, BenchTest.GET)) {
                    ProgressBar bar = new ProgressBar(System.err, "   " + test.title, requests / 2, interactive);
                    LoadRunner.Result result = runner.run(test, requests / 2, bar::update).get(5, TimeUnit.MINUTES);
                    bar.finish();
                    Histogram h = result.latencyMicros();
                    say(String.format(Locale.ROOT, "   %-4s %,12.0f ops/s   latency p50 %.3f ms, p99 %.3f ms, "
                            + "p99.9 %.3f ms%s", test.title, result.requestsPerSecond(),
                            h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                            h.getValueAtPercentile(99.9) / 1000.0,
                            result.errors() > 0 ? "   (" + result.errors() + " errors)" : ""));
                }
            } finally {
                for (RedisConnection connection : pool) {
                    connection.close();
                }
            }
        }
        say("   (client and server share this machine's cores; see docs/bench/ for side-by-side numbers)");
    }

    private void heading(String title) {
        out.println();
        out.println(title);
        out.flush();
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }
}
