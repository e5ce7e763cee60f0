package dev.aioj.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The commands of an object that sends them through a view it holds: {@link
 * RedisConnection} (its {@link CommandView}) and {@link RedisClient} (its
 * {@link ClientView}) forward every command here, once, instead of each
 * repeating the same delegation. A package-private superclass, one level
 * deep: its public methods are theirs.
 *
 * <p>Thread contract: as the view's (any thread).
 */
abstract class ForwardingCommands<V> implements RedisCommands<V> {

    /** Where the commands go; package-private, so it adds nothing to the public API. */
    abstract RedisCommands<V> view();

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, Object... args) {
        return view().command(reply, args);
    }

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, String name, Object key) {
        return view().command(reply, name, key);
    }

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, String name, Object key, Object value) {
        return view().command(reply, name, key, value);
    }

    @Override
    public Codec<V> codec() {
        return view().codec();
    }

    @Override
    public Duration timeout() {
        return view().timeout();
    }

    @Override
    public <W> RedisCommands<W> withCodec(Codec<W> codec) {
        return view().withCodec(codec);
    }

    @Override
    public RedisCommands<V> withTimeout(Duration timeout) {
        return view().withTimeout(timeout);
    }
}
