package dev.aioj.redis;

import dev.aioj.loop.LoopFuture;
import dev.aioj.redis.resp.RespEncoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * A MULTI/EXEC transaction on a Redis Cluster: commands are queued here and
 * their keys checked as they come, so that all of them hash to one slot (a
 * command with a key of another slot fails at once with Redis's {@code
 * CROSSSLOT} error, and so will {@link #exec}); {@code exec()} sends MULTI,
 * the commands and EXEC as one unit to the slot's primary, as {@link
 * Transaction} does on one node. If the slot moved meanwhile (the node
 * answers MOVED while queuing), the whole transaction is sent again to the
 * new owner, at most {@link RedisClusterException#MAX_REDIRECTIONS} times;
 * nothing ran on the node that refused it.
 *
 * <p>For WATCH, use a connection of the slot's owner of your own: {@link
 * RedisClusterClient#dedicated(Object)}.
 *
 * <p>Thread contract: built by one thread; not thread-safe. Futures
 * complete on the client's loop thread.
 *
 * @param <V> what bulk-string replies decode to
 */
public final class ClusterTransaction<V> implements QueuedCommands<V> {

    private record Queued<T>(Reply<T> reply, Object[] args, CompletableFuture<T> future) {}

    private final ClusterRouter router;
    private final Codec<V> codec;
    private final Duration timeout;
    private final State state;

    /** What the views of one transaction share. */
    private static final class State {
        final List<Queued<?>> queued = new ArrayList<>();
        int slot = -1;
        RedisReplyException crossSlot;
        boolean finished;
    }

    ClusterTransaction(ClusterRouter router, Codec<V> codec, Duration timeout) {
        this(router, codec, timeout, new State());
    }

    private ClusterTransaction(ClusterRouter router, Codec<V> codec, Duration timeout, State state) {
        this.router = router;
        this.codec = Objects.requireNonNull(codec, "codec");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.state = state;
    }

    /** Queues a command; its future completes after {@link #exec}. */
    @Override
    public <T> CompletableFuture<T> command(Reply<T> reply, Object... args) {
        Objects.requireNonNull(reply, "reply");
        checkOpen();
        RespEncoder.checkCommand(args);
        CompletableFuture<T> future = new LoopFuture<>();
        for (int position : CommandKeys.positions(args)) {
            int slot = SlotHash.slot(args[position]);
            if (state.slot < 0) {
                state.slot = slot;
            } else if (slot != state.slot) {
                RedisReplyException crossSlot = new RedisReplyException("CROSSSLOT", ClusterView.CROSSSLOT);
                if (state.crossSlot == null) state.crossSlot = crossSlot;
                future.completeExceptionally(crossSlot);
                return future;
            }
        }
        state.queued.add(new Queued<>(reply, args.clone(), future));
        return future;
    }

    /**
     * Sends the transaction to the primary of its slot (a random primary if no
     * command has a key). Completes as {@link Transaction#exec} does; fails
     * with CROSSSLOT, without sending anything, if a queued command had a key
     * of another slot.
     */
    public CompletableFuture<List<Object>> exec() {
        checkOpen();
        state.finished = true;
        CompletableFuture<List<Object>> result = new LoopFuture<>();
        if (state.crossSlot != null) {
            for (Queued<?> q : state.queued) q.future().cancel(false);
            result.completeExceptionally(state.crossSlot);
            return result;
        }
        NodeConnection node = state.slot >= 0 ? router.nodes().owner(state.slot) : router.nodes().anyPrimary();
        if (node == null) {
            result.completeExceptionally(new RedisClusterException("no node owns slot " + state.slot, state.slot,
                    List.of(), false, null));
            return result;
        }
        send(node, 0, new ArrayList<>(), result);
        return result;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void send(NodeConnection node, int redirections, List<String> tried,
            CompletableFuture<List<Object>> result) {
        tried.add(node.endpoint);
        node.multi().whenComplete((tx, connectError) -> {
            if (connectError != null) {
                result.completeExceptionally(ClusterNodes.unwrap(connectError));
                return;
            }
            Transaction<V> typed = tx.withCodec(codec).withTimeout(timeout);
            List<CompletableFuture<?>> attempts = new ArrayList<>();
            for (Queued<?> q : state.queued) attempts.add(typed.command((Reply) q.reply(), q.args()));
            typed.exec().whenComplete((results, error) -> {
                RedisReplyException moved = error == null ? null : movedAmong(attempts);
                if (moved != null && redirections < RedisClusterException.MAX_REDIRECTIONS) {
                    String[] parts = moved.detail().split(" ");
                    int colon = parts[1].lastIndexOf(':');
                    NodeConnection next = router.nodes().moved(Integer.parseInt(parts[0]),
                            parts[1].substring(0, colon), Integer.parseInt(parts[1].substring(colon + 1)));
                    send(next, redirections + 1, tried, result);
                    return;
                }
                if (moved != null) {
                    error = new RedisClusterException("more than " + RedisClusterException.MAX_REDIRECTIONS
                            + " redirections for the transaction on slot " + state.slot + " (nodes tried: "
                            + String.join(", ", tried) + ")", state.slot, tried, false, moved);
                }
                for (int i = 0; i < attempts.size(); i++) {
                    CompletableFuture<Object> mine = (CompletableFuture<Object>) state.queued.get(i).future();
                    attempts.get(i).whenComplete((value, e) -> {
                        if (e == null) mine.complete(value);
                        else mine.completeExceptionally(ClusterNodes.unwrap(e));
                    });
                }
                if (error != null) result.completeExceptionally(ClusterNodes.unwrap(error));
                else result.complete(results);
            });
        });
    }

    /** The MOVED or ASK a command got while queuing, if any (the node does not serve the slot). */
    private static RedisReplyException movedAmong(List<CompletableFuture<?>> attempts) {
        for (CompletableFuture<?> attempt : attempts) {
            if (attempt.isCompletedExceptionally()) {
                try {
                    attempt.getNow(null);
                } catch (RuntimeException e) {
                    Throwable cause = ClusterNodes.unwrap(e);
                    if (cause instanceof RedisReplyException r && (r.kind().equals("MOVED"))) return r;
                }
            }
        }
        return null;
    }

    /** Drops the transaction: nothing is sent, every queued future is cancelled. */
    public void discard() {
        checkOpen();
        state.finished = true;
        for (Queued<?> q : state.queued) {
            q.future().completeExceptionally(new CancellationException("the transaction was discarded"));
        }
    }

    /** Commands queued so far. */
    public int size() {
        return state.queued.size();
    }

    /** The slot every key of the transaction hashes to, or -1 while no command had a key. */
    public int slot() {
        return state.slot;
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

    @Override
    public <W> ClusterTransaction<W> withCodec(Codec<W> newCodec) {
        return new ClusterTransaction<>(router, newCodec, timeout, state);
    }

    @Override
    public ClusterTransaction<V> withTimeout(Duration newTimeout) {
        return new ClusterTransaction<>(router, codec, newTimeout, state);
    }

    private void checkOpen() {
        if (state.finished) {
            throw new IllegalStateException("this transaction was already executed or discarded");
        }
    }
}
