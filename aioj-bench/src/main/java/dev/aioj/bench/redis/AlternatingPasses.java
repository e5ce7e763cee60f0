package dev.aioj.bench.redis;

import dev.aioj.redis.BaseCommands;
import dev.aioj.redis.Reply;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * Scenario (a)'s measured loops, one per client recipe, each serving both the
 * single-node driver and the cluster driver of its library: the single-node
 * and cluster APIs of aioj, Lettuce and Jedis share the supertype these loops
 * call ({@link BaseCommands}, {@link RedisStringAsyncCommands} with {@link
 * StatefulConnection}, {@link AbstractPipeline}), so one loop does both and
 * the two benchmarks cannot drift apart in what they time. The loops call the
 * client directly (no callback per command): what is timed is the client's
 * work and the check of each reply, nothing of this class's making.
 *
 * <p>Thread contract: the calling benchmark thread only.
 */
final class AlternatingPasses {

    private AlternatingPasses() {}

    /**
     * aioj's sliding window: before sending command i, wait for command
     * i - window (replies come in order); returns commands per second.
     */
    static double aiojWindow(String driver, BaseCommands<String> client, Workload workload, int total, int window) {
        @SuppressWarnings("unchecked")
        CompletableFuture<String>[] ring = new CompletableFuture[window];
        String value = workload.value();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            int slot = i % window;
            if (ring[slot] != null) {
                check(driver, i - window, workload, ring[slot].join());
            }
            String key = workload.key(i);
            ring[slot] = Workload.isSet(i)
                    ? client.command(Reply.STATUS, "SET", key, value)
                    : client.command(Reply.<String>value(), "GET", key);
        }
        for (int i = Math.max(0, total - window); i < total; i++) {
            check(driver, i, workload, ring[i % window].join());
        }
        return Passes.perSecond(total, System.nanoTime() - start);
    }

    /** Lettuce's auto-flush: the same sliding window of futures, each command flushed when issued. */
    static double lettuceWindow(String driver, RedisStringAsyncCommands<String, String> async, Workload workload,
            int total, int window) {
        @SuppressWarnings("unchecked")
        RedisFuture<String>[] ring = new RedisFuture[window];
        String value = workload.value();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            int slot = i % window;
            if (ring[slot] != null) {
                check(driver, i - window, workload, ring[slot].toCompletableFuture().join());
            }
            String key = workload.key(i);
            ring[slot] = Workload.isSet(i) ? async.set(key, value) : async.get(key);
        }
        for (int i = Math.max(0, total - window); i < total; i++) {
            check(driver, i, workload, ring[i % window].toCompletableFuture().join());
        }
        return Passes.perSecond(total, System.nanoTime() - start);
    }

    /**
     * Lettuce's manual flush recipe ({@code connection} has auto-flush off):
     * issue a batch of {@code window}, {@code flushCommands()}, await them all.
     */
    static double lettuceBatches(String driver, StatefulConnection<String, String> connection,
            RedisStringAsyncCommands<String, String> async, Workload workload, int total, int window) {
        List<RedisFuture<String>> batch = new ArrayList<>(window);
        String value = workload.value();
        long start = System.nanoTime();
        for (int first = 0; first < total; first += window) {
            int end = Math.min(total, first + window);
            for (int i = first; i < end; i++) {
                String key = workload.key(i);
                batch.add(Workload.isSet(i) ? async.set(key, value) : async.get(key));
            }
            connection.flushCommands();
            for (int i = first; i < end; i++) {
                check(driver, i, workload, batch.get(i - first).toCompletableFuture().join());
            }
            batch.clear();
        }
        return Passes.perSecond(total, System.nanoTime() - start);
    }

    /**
     * Jedis's pipeline ({@code Pipeline} or {@code ClusterPipeline}, opened
     * inside the timed pass): queue {@code window} commands, {@code sync()},
     * check, repeat.
     */
    static double jedisBatches(String driver, Supplier<? extends AbstractPipeline> pipelined, Workload workload,
            int total, int window) {
        List<Response<String>> batch = new ArrayList<>(window);
        String value = workload.value();
        long start = System.nanoTime();
        try (AbstractPipeline pipeline = pipelined.get()) {
            for (int first = 0; first < total; first += window) {
                int end = Math.min(total, first + window);
                for (int i = first; i < end; i++) {
                    String key = workload.key(i);
                    batch.add(Workload.isSet(i) ? pipeline.set(key, value) : pipeline.get(key));
                }
                pipeline.sync();
                for (int i = first; i < end; i++) {
                    check(driver, i, workload, batch.get(i - first).get());
                }
                batch.clear();
            }
        }
        return Passes.perSecond(total, System.nanoTime() - start);
    }

    /** Step {@code i} was a SET (must answer OK) or a GET (must return the workload's value). */
    private static void check(String driver, int i, Workload workload, String reply) {
        if (Workload.isSet(i)) {
            Passes.checkOk(driver, reply);
        } else {
            Passes.checkValue(driver, workload.value(), reply);
        }
    }
}
