package dev.aioj.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link RedisClient} seen with one codec and deadline: ordinary commands
 * go to the shared connection, blocking ones to a dedicated connection
 * borrowed for the one command, state-changing ones are refused (see
 * {@link CommandRouting}).
 *
 * <p>Thread contract: any thread.
 */
final class ClientView<V> implements RedisCommands<V> {

    private final RedisClient client;
    private final RedisCommands<V> shared;
    private final Duration timeout;

    ClientView(RedisClient client, RedisCommands<V> shared, Duration timeout) {
        this.client = client;
        this.shared = shared;
        this.timeout = timeout;
    }

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, Object... args) {
        Objects.requireNonNull(reply, "reply");
        if (args == null || args.length == 0 || args[0] == null) {
            dev.aioj.redis.resp.RespEncoder.checkCommand(args); // the shared view checks the rest
        }
        return switch (CommandRouting.route(args)) {
            case SHARED -> shared.command(reply, args);
            case REFUSED -> throw new IllegalArgumentException(CommandRouting.refusal(args));
            case DEDICATED -> client.onDedicated(connection -> connection.withCodec(shared.codec())
                    .withTimeout(timeout).command(reply, args));
        };
    }

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, String name, Object key) {
        return CommandRouting.route(new Object[] {name}) == CommandRouting.Route.SHARED
                ? shared.command(reply, name, key) : command(reply, new Object[] {name, key});
    }

    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, String name, Object key, Object value) {
        return CommandRouting.route(new Object[] {name}) == CommandRouting.Route.SHARED
                ? shared.command(reply, name, key, value) : command(reply, new Object[] {name, key, value});
    }

    @Override
    public Codec<V> codec() {
        return shared.codec();
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public <W> RedisCommands<W> withCodec(Codec<W> codec) {
        return new ClientView<>(client, shared.withCodec(codec), timeout);
    }

    @Override
    public RedisCommands<V> withTimeout(Duration newTimeout) {
        return new ClientView<>(client, shared.withTimeout(newTimeout), newTimeout);
    }
}
