package dev.aioj.redis;

import dev.aioj.redis.resp.RespEncoder;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A connection seen with one codec and one per-command deadline: what
 * {@link RedisConnection#withCodec} and {@link RedisConnection#withTimeout}
 * hand out. Views are cheap and share the connection.
 *
 * <p>Thread contract: any thread.
 */
final class CommandView<V> implements RedisCommands<V> {

    private final Pipeline pipeline;
    private final Codec<V> codec;
    private final CommandSettings settings;

    CommandView(Pipeline pipeline, Codec<V> codec, Duration timeout) {
        this.pipeline = pipeline;
        this.codec = Objects.requireNonNull(codec, "codec");
        this.settings = CommandSettings.of(codec, checkTimeout(timeout));
    }

    static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout < 0: " + timeout);
        }
        return timeout; // zero: no deadline
    }

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, Object... args) {
        Objects.requireNonNull(reply, "reply");
        RespEncoder.checkCommand(args); // fails at once, before anything is queued
        return pipeline.submit(new ArgsCommand<>(args, reply, settings));
    }

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, String name, Object key) {
        Objects.requireNonNull(reply, "reply");
        RespEncoder.checkArgument(name, 0, name);
        RespEncoder.checkArgument(name, 1, key);
        return pipeline.submit(new KeyCommand<>(name, key, reply, settings));
    }

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, String name, Object key, Object value) {
        Objects.requireNonNull(reply, "reply");
        RespEncoder.checkArgument(name, 0, name);
        RespEncoder.checkArgument(name, 1, key);
        RespEncoder.checkArgument(name, 2, value);
        return pipeline.submit(new KeyValueCommand<>(name, key, value, reply, settings));
    }

    @Override
    public Codec<V> codec() {
        return codec;
    }

    @Override
    public Duration timeout() {
        return Duration.ofNanos(settings.timeoutNanos());
    }

    @Override
    public <W> RedisCommands<W> withCodec(Codec<W> newCodec) {
        return new CommandView<>(pipeline, newCodec, timeout());
    }

    @Override
    public RedisCommands<V> withTimeout(Duration timeout) {
        return new CommandView<>(pipeline, codec, timeout);
    }
}
