package dev.aioj.redis;

import dev.aioj.loop.LoopFuture;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link RedisSentinelClient} seen with one codec and deadline: sends each
 * command through the current primary's {@link RedisClient} and, when the
 * primary turns out gone (the connection down before the command was
 * written) or demoted ({@code READONLY}), asks the Sentinels again and
 * retries after a backoff, within the command's deadline. A command that was
 * written before the primary died fails with {@link
 * RedisConnectionException} ({@code mayHaveExecuted() == true}) and is not
 * resent.
 *
 * <p>Thread contract: any thread.
 */
final class SentinelView<V> implements RedisCommands<V> {

    private final RedisSentinelClient client;
    private final Codec<V> codec;
    private final Duration timeout;

    SentinelView(RedisSentinelClient client, Codec<V> codec, Duration timeout) {
        this.client = client;
        this.codec = codec;
        this.timeout = timeout;
    }

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, Object... args) {
        return send(client.primary(), reply, args).exceptionallyCompose(error -> {
            Throwable cause = ClusterNodes.unwrap(error);
            if (!retriable(cause)) return CompletableFuture.failedFuture(cause);
            CompletableFuture<T> result = new LoopFuture<>();
            retry(reply, args, System.nanoTime() + timeout.toNanos(), 0, cause, result);
            return result;
        });
    }

    private <T> CompletableFuture<T> send(RedisClient primary, Reply<T> reply, Object[] args) {
        RedisCommands<?> target = primary;
        if (codec != Codec.STRING) target = primary.withCodec(codec);
        if (!timeout.equals(primary.timeout())) target = target.withTimeout(timeout);
        return target.command(reply, args);
    }

    private static boolean retriable(Throwable cause) {
        return cause instanceof RedisConnectionException c && !c.mayHaveExecuted()
                || cause instanceof RedisReplyException r && r.kind().equals("READONLY");
    }

    private <T> void retry(Reply<T> reply, Object[] args, long deadline, int attempt, Throwable last,
            CompletableFuture<T> result) {
        long delay = Math.min(ClusterRouter.MAX_BACKOFF.toNanos(), ClusterRouter.MIN_BACKOFF.toNanos()
                << Math.min(attempt, 10));
        if (System.nanoTime() + delay >= deadline) {
            result.completeExceptionally(last);
            return;
        }
        client.resolve(); // coalesced: one resolution at a time
        client.loop().callLater(Duration.ofNanos(delay), () -> send(client.primary(), reply, args)
                .whenComplete((value, error) -> {
                    if (error == null) {
                        result.complete(value);
                        return;
                    }
                    Throwable cause = ClusterNodes.unwrap(error);
                    if (retriable(cause)) {
                        retry(reply, args, deadline, attempt + 1, cause, result);
                    } else {
                        result.completeExceptionally(cause);
                    }
                }));
    }

    @Override
    public Codec<V> codec() {
        return codec;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public <W> RedisCommands<W> withCodec(Codec<W> newCodec) {
        return new SentinelView<>(client, Objects.requireNonNull(newCodec, "codec"), timeout);
    }

    @Override
    public RedisCommands<V> withTimeout(Duration newTimeout) {
        return new SentinelView<>(client, codec, Objects.requireNonNull(newTimeout, "timeout"));
    }
}
