package dev.aioj.bench.redis.jmh;

import dev.aioj.redis.RedisConnection;
import dev.aioj.redis.Reply;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The client side of one pipelined GET, end to end, without a real server's
 * noise: run with {@code -prof gc}, {@code gc.alloc.rate.norm} is the bytes
 * allocated per GET.
 *
 * <p>One operation = one {@code GET key} submitted on a connection that keeps
 * {@code window} GETs in flight: before submitting, the benchmark waits for
 * the GET submitted {@code window} operations earlier (replies come in order).
 * Included, on the client's side: the caller's submit (argument array, the
 * command/future object, the MPSC queue, waking the loop), the loop's drain
 * and RESP encoding into the batch buffer, the transport's write queue and
 * socket write, the socket read, RESP parsing, converting the reply to a
 * {@code String}, and completing the future. Not included: the server, which
 * is {@link CannedRedisServer} on its own threads answering {@code
 * $3\r\nbar\r\n} from a fixed array and allocating nothing (the split printed
 * by {@code AllocationSplit} checks this); and the way a caller waits:
 * the benchmark waits by yielding until {@code isDone()}, so it never makes
 * the ~40-byte {@code Signaller} that {@code join()} on an unfinished future
 * allocates.
 *
 * <p>The Lettuce method runs the same loop on Lettuce's async API
 * (auto-flush, default resources), for scale.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PipelinedGetBenchmark {

    static final String KEY = "key";

    /** An aioj connection to the canned server, on a loop of our own (so its thread can be found). */
    @State(Scope.Thread)
    public static class Aioj {
        @Param({"1", "128", "1024"})
        public int window;

        CannedConnection canned;
        RedisConnection connection;
        CompletableFuture<String>[] ring;
        int next;
        /** AllocationSplit only: wait with join(), as most callers would, to show what that costs. */
        boolean joinWait;

        @Setup(Level.Trial)
        @SuppressWarnings("unchecked")
        public void open() {
            canned = CannedConnection.open(options -> { });
            connection = canned.connection;
            ring = new CompletableFuture[window];
        }

        /** One pipelined GET: wait for the one {@code window} GETs ago, then submit. */
        String get() {
            int slot = next;
            next = slot + 1 == window ? 0 : slot + 1;
            CompletableFuture<String> old = ring[slot];
            String reply = old == null ? null : joinWait ? old.join() : await(old);
            ring[slot] = connection.command(Reply.<String>value(), "GET", KEY);
            return reply;
        }

        @TearDown(Level.Trial)
        public void close() {
            awaitAll(ring);
            canned.close();
        }
    }

    /** A Lettuce connection (auto-flush, default resources) to the canned server. */
    @State(Scope.Thread)
    public static class Lettuce {
        @Param({"1", "128", "1024"})
        public int window;

        CannedRedisServer server;
        RedisClient client;
        StatefulRedisConnection<String, String> connection;
        RedisAsyncCommands<String, String> async;
        CompletableFuture<String>[] ring;
        int next;

        @Setup(Level.Trial)
        @SuppressWarnings("unchecked")
        public void open() {
            server = CannedRedisServer.start();
            client = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
            connection = client.connect();
            async = connection.async();
            ring = new CompletableFuture[window];
        }

        String get() {
            int slot = next;
            next = slot + 1 == window ? 0 : slot + 1;
            CompletableFuture<String> old = ring[slot];
            String reply = old == null ? null : await(old);
            ring[slot] = async.get(KEY).toCompletableFuture();
            return reply;
        }

        @TearDown(Level.Trial)
        public void close() {
            awaitAll(ring);
            connection.close();
            client.shutdown();
            server.close();
        }
    }

    /** Waits without allocating: join() on an unfinished future would allocate a Signaller. */
    static <T> T await(CompletableFuture<T> future) {
        while (!future.isDone()) {
            Thread.yield();
        }
        return future.join();
    }

    /** Teardown: waits for the GETs still in flight, so closing does not cut them off. */
    static void awaitAll(CompletableFuture<?>[] ring) {
        for (CompletableFuture<?> f : ring) {
            if (f != null) f.join();
        }
    }

    @Benchmark
    public String aioj(Aioj state) {
        return state.get();
    }

    @Benchmark
    public String lettuce(Lettuce state) {
        return state.get();
    }
}
