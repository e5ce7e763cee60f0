package dev.aioj.redis;

import dev.aioj.redis.resp.RespEncoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * A MULTI/EXEC transaction being built: every command called on it is queued
 * here, its future completing when {@link #exec} has run; nothing reaches the
 * server before {@code exec()}, which sends MULTI, the commands and EXEC
 * together.
 *
 * <pre>{@code
 * Transaction<String> tx = redis.multi();
 * CompletableFuture<Long> n = tx.incr("counter");
 * tx.set("updated", "yes");
 * List<Object> results = tx.exec().join();   // [1, true]; n is done too
 * }</pre>
 *
 * <p>{@code exec()} completes with null if a key WATCHed on the same
 * (dedicated) connection changed; every queued future is then cancelled. A
 * command the server rejects while queuing (a wrong argument count) makes
 * {@code exec()} fail with EXECABORT.
 *
 * <p>Thread contract: built by one thread; not thread-safe. Futures
 * complete on the connection's loop thread.
 *
 * @param <V> what bulk-string replies decode to
 */
public final class Transaction<V> implements QueuedCommands<V> {

    private final Pipeline pipeline;
    private final Codec<V> codec;
    private final Duration timeout;
    private final List<Command<?>> queued;
    private final CommandSettings queuedSettings;
    private boolean finished;

    Transaction(Pipeline pipeline, Codec<V> codec, Duration timeout) {
        this(pipeline, codec, timeout, new ArrayList<>());
    }

    private Transaction(Pipeline pipeline, Codec<V> codec, Duration timeout, List<Command<?>> queued) {
        this.pipeline = pipeline;
        this.codec = Objects.requireNonNull(codec, "codec");
        this.timeout = CommandView.checkTimeout(timeout);
        this.queued = queued;
        this.queuedSettings = new CommandSettings(codec, 0);
    }

    /** Queues a command in the transaction; its future completes after {@link #exec}. */
    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, Object... args) {
        Objects.requireNonNull(reply, "reply");
        checkOpen();
        RespEncoder.checkCommand(args);
        Command<T> command = new ArgsCommand<>(args, reply, queuedSettings); // the transaction's deadline covers it
        queued.add(command);
        return command.future;
    }

    /**
     * Sends the transaction. Completes with each command's result in order (a
     * command that failed at run time stands as its {@link
     * RedisReplyException}), with null if a WATCHed key changed, or fails
     * with EXECABORT if the server rejected a command while queuing.
     */
    public CompletableFuture<List<Object>> exec() {
        checkOpen();
        finished = true;
        return pipeline.submit(new TransactionCommand(List.copyOf(queued), timeout.toNanos()));
    }

    /** Drops the transaction: nothing is sent, every queued future is cancelled. */
    public void discard() {
        checkOpen();
        finished = true;
        for (Command<?> command : queued) {
            command.completeExceptionally(new CancellationException("the transaction was discarded"));
        }
    }

    /** Commands queued so far. */
    public int size() {
        return queued.size();
    }

    @Override
    public Codec<V> codec() {
        return codec;
    }

    /** The deadline of the whole transaction, from {@link #exec}. */
    @Override
    public Duration timeout() {
        return timeout;
    }

    /** The same transaction, decoding the replies of commands queued through the view with {@code newCodec}. */
    @Override
    public <W> Transaction<W> withCodec(Codec<W> newCodec) {
        return new Transaction<>(pipeline, newCodec, timeout, queued);
    }

    /** The same transaction with another deadline for the whole of it. */
    @Override
    public Transaction<V> withTimeout(Duration newTimeout) {
        return new Transaction<>(pipeline, codec, newTimeout, queued);
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("this transaction was already executed or discarded");
        }
    }
}
