package dev.aioj.cli;

import dev.aioj.redis.BaseCommands;
import dev.aioj.redis.RedisConnection;
import dev.aioj.redis.Reply;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives one workload over many connections: each connection keeps {@code
 * pipeline} commands in flight and sends the next as each reply arrives,
 * until {@code requests} have completed. Never blocks: the next command is
 * sent from the reply's callback on the connection's loop. Latency is
 * recorded per command, from submit to reply, in microseconds.
 */
final class LoadRunner {

    /** What a run measured. */
    record Result(BenchTest test, long requests, long errors, long elapsedNanos, Histogram latencyMicros) {
        double requestsPerSecond() {
            return requests / (elapsedNanos / 1e9);
        }
    }

    private final List<? extends BaseCommands<?>> connections;
    private final int pipeline;
    private final byte[] value;
    private final BenchTest.Keys keys;

    LoadRunner(List<? extends BaseCommands<?>> connections, int pipeline, int valueSize, long keyspace) {
        if (pipeline < 1) {
            throw new IllegalArgumentException("pipeline < 1: " + pipeline);
        }
        this.connections = connections;
        this.pipeline = pipeline;
        this.value = new byte[valueSize];
        java.util.Arrays.fill(value, (byte) 'x');
        this.keys = new BenchTest.Keys(keyspace);
    }

    /**
     * Runs {@code requests} commands of {@code test}; {@code progress} is told
     * the number completed so far, from the loop threads, about every 1/200th.
     */
    CompletableFuture<Result> run(BenchTest test, long requests, LongConsumer progress) {
        Histogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
        AtomicLong issued = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CompletableFuture<Result> done = new CompletableFuture<>();
        long step = Math.max(1, requests / 200);
        long start = System.nanoTime();
        Runnable finishIfLast = () -> {
            long n = completed.incrementAndGet();
            if (n % step == 0) {
                progress.accept(n);
            }
            if (n == requests) {
                done.complete(new Result(test, requests, errors.get(), System.nanoTime() - start, latency));
            }
        };
        for (BaseCommands<?> connection : connections) {
            for (int i = 0; i < pipeline; i++) {
                sendNext(connection, test, requests, issued, errors, latency, finishIfLast, done);
            }
        }
        if (requests == 0) {
            done.complete(new Result(test, 0, 0, 1, latency));
        }
        return done;
    }

    private void sendNext(BaseCommands<?> connection, BenchTest test, long requests, AtomicLong issued,
            AtomicLong errors, Histogram latency, Runnable finishIfLast, CompletableFuture<Result> done) {
        if (done.isDone() || issued.incrementAndGet() > requests) {
            return;
        }
        long sent = System.nanoTime();
        connection.command(Reply.OBJECT, test.command(keys, value)).whenComplete((reply, error) -> {
            latency.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
            if (error != null) {
                errors.incrementAndGet();
                if (connection instanceof RedisConnection c && !c.isOpen()) {
                    done.completeExceptionally(error); // a closed connection fails at once: stop, do not spin
                    return;
                }
            }
            finishIfLast.run();
            sendNext(connection, test, requests, issued, errors, latency, finishIfLast, done);
        });
    }
}
