package dev.aioj.redis;

import dev.aioj.loop.EventLoop;
import dev.aioj.loop.LoopFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a command to the node that owns its slot and follows the cluster's
 * answers until it has a reply, the one place where redirections are handled:
 *
 * <ul>
 * <li>{@code MOVED slot host:port}: the slot table is updated at once, a
 *     refresh is asked for, and the command goes to the new owner;</li>
 * <li>{@code ASK slot host:port}: {@code ASKING} + the command go to that
 *     node once, the table unchanged (the slot is being migrated);</li>
 * <li>{@code TRYAGAIN} (a multi-key command during a migration) and {@code
 *     CLUSTERDOWN}: retried after a short backoff within the command's
 *     deadline (CLUSTERDOWN also asks for a refresh);</li>
 * <li>a connection down or refused before the command was written: a
 *     refresh is asked for and the command is re-routed after a backoff,
 *     within its deadline (this is what carries commands across a failover);
 *     lost after it was written: the caller gets the {@link
 *     RedisConnectionException}, with {@code mayHaveExecuted() == true}.</li>
 * </ul>
 *
 * At most {@link RedisClusterException#MAX_REDIRECTIONS} MOVED/ASK in a row,
 * then {@link RedisClusterException} naming the slot and the nodes tried: a
 * redirection loop fails fast. The count starts again when a retry re-routes
 * the command from the slot table: during a migration every try meets the
 * owner's ASK, so a command retried (TRYAGAIN, CLUSTERDOWN, a node down) is
 * bounded by its deadline like any retry, not failed for the ASKs of its
 * tries (it was: "more than 5 redirections" after five CLUSTERDOWNs, 250 ms
 * into a 10 s deadline).
 *
 * <p>The fast path (no error) costs nothing on top of the node connection's:
 * a {@link RoutedCommand} goes into the node's pipeline as it is, its caller
 * holds its own future, and only a failure builds an {@link Attempt} (which
 * then completes that same future).
 *
 * <p>Thread contract: any thread; retries run on the client's loop.
 */
final class ClusterRouter {

    /** First retry after TRYAGAIN / CLUSTERDOWN / a node down; doubled each time up to {@link #MAX_BACKOFF}. */
    static final Duration MIN_BACKOFF = Duration.ofMillis(5);
    /** Short enough that a failover (about 2 s with node-timeout 2000) is noticed within a few tries of its end. */
    static final Duration MAX_BACKOFF = Duration.ofMillis(200);

    private final ClusterNodes nodes;
    private final EventLoop loop;
    /**
     * With an observer, every node reports its own outcome of a command (a
     * MOVED is a failure where it was sent): commands take the path with a
     * future per node, not the {@link RoutedCommand} one.
     */
    private final boolean observed;

    ClusterRouter(ClusterNodes nodes, EventLoop loop) {
        this.nodes = nodes;
        this.loop = loop;
        this.observed = nodes.observed();
    }

    ClusterNodes nodes() {
        return nodes;
    }

    EventLoop loop() {
        return loop;
    }

    /**
     * Sends {@code args} to the owner of {@code slot} (a random primary if
     * {@code slot} is -1) and follows redirections.
     */
    <T> CompletableFuture<T> send(int slot, Object[] args, Reply<T> reply, Codec<?> codec, Duration timeout) {
        return send(slot, args, reply, codec, timeout, Kind.WRITE);
    }

    /** How a command may be served. */
    enum Kind {
        /** By the slot's primary, on its shared pipeline. */
        WRITE,
        /** By the slot's primary, on a connection borrowed for the one command (BLPOP, ...). */
        BLOCKING,
        /** A read-only command: by a replica too, as the client's {@link ReadFrom} says. */
        READ
    }

    /**
     * Sends {@code command} (not {@link Kind#BLOCKING}) straight into the
     * pipeline of the node its slot and kind call for; its failures come back
     * through {@link #takeOver}. While that node's connection is still
     * opening (or with an observer) it takes the path of {@link #send(int,
     * Object[], Reply, Codec, Duration, Kind)} instead.
     */
    <T> CompletableFuture<T> send(RoutedCommand<T> command, Duration timeout) {
        NodeConnection node = pick(command.slot, command.kind);
        if (node != null && !observed) {
            command.node = node;
            if (node.trySubmit(command)) {
                return command.future;
            }
        }
        return send(command.slot, command.args(), command.reply, command.settings.codec(), timeout, command.kind);
    }

    /**
     * A {@link RoutedCommand} failed with {@code error}: true if the router
     * takes it from here (a redirection, a retry, or a lost connection that
     * asks for a refresh) and completes its future itself; false if the error
     * is simply the caller's.
     */
    <T> boolean takeOver(RoutedCommand<T> command, Throwable error) {
        if (!(error instanceof RedisConnectionException
                || error instanceof RedisReplyException reply && switch (reply.kind()) {
                    case "MOVED", "ASK", "TRYAGAIN", "CLUSTERDOWN" -> true;
                    default -> false;
                })) {
            return false;
        }
        long deadline = command.deadline != 0 ? command.deadline : System.nanoTime(); // no timeout: no retry
        Attempt<T> attempt = new Attempt<>(command.slot, command.args(), command.reply, command.settings.codec(),
                Duration.ofNanos(command.settings.timeoutNanos()), command.node, command.kind, command.future,
                deadline);
        attempt.failed(command.node, error);
        return true;
    }

    /** The node a command of {@code slot} (-1: none) and {@code kind} goes to first, or null if none is known. */
    private NodeConnection pick(int slot, Kind kind) {
        if (slot < 0) return nodes.anyPrimary();
        if (kind == Kind.READ && nodes.readFrom() == ReadFrom.REPLICA_PREFERRED) {
            NodeConnection replica = nodes.replica(slot);
            if (replica != null) return replica;
        }
        return nodes.owner(slot);
    }

    /**
     * {@link #send(int, Object[], Reply, Codec, Duration)} for a command of the
     * given kind, with a future per node: blocking commands, commands to a
     * node still connecting, and every command when an observer listens.
     */
    <T> CompletableFuture<T> send(int slot, Object[] args, Reply<T> reply, Codec<?> codec, Duration timeout,
            Kind kind) {
        NodeConnection node = pick(slot, kind);
        if (node == null) {
            Attempt<T> attempt = new Attempt<>(slot, args, reply, codec, timeout, null, kind);
            attempt.retryLater(new RedisClusterException("no node owns slot " + slot + " (yet)", slot, List.of(),
                    false, null), true);
            return attempt.result;
        }
        CompletableFuture<T> sent = kind == Kind.BLOCKING ? node.blocking(reply, args, codec, timeout)
                : node.command(reply, args, codec, timeout);
        return sent.exceptionallyCompose(error -> {
            Attempt<T> attempt = new Attempt<>(slot, args, reply, codec, timeout, node, kind);
            attempt.failed(node, ClusterNodes.unwrap(error));
            return attempt.result;
        });
    }

    /** Sends {@code args} to {@code node} itself (fan-out to every primary): no slot, no re-routing. */
    <T> CompletableFuture<T> sendTo(NodeConnection node, Object[] args, Reply<T> reply, Codec<?> codec,
            Duration timeout) {
        return node.command(reply, args, codec, timeout);
    }

    /** One command's way through redirections and retries, created only once the first try failed. */
    private final class Attempt<T> {
        final int slot;
        final Object[] args;
        final Reply<T> reply;
        final Codec<?> codec;
        final Duration timeout;
        final long deadline;
        final List<String> tried = new ArrayList<>(4);
        final CompletableFuture<T> result;
        /** MOVED/ASK followed since the command was last routed from the slot table. */
        int redirections;
        int retries;
        final boolean blocking;
        final Kind kind;

        Attempt(int slot, Object[] args, Reply<T> reply, Codec<?> codec, Duration timeout, NodeConnection first,
                Kind kind) {
            this(slot, args, reply, codec, timeout, first, kind, new LoopFuture<>(),
                    System.nanoTime() + timeout.toNanos());
        }

        /** Completes {@code result} (a {@link RoutedCommand}'s own future), retrying until {@code deadline}. */
        Attempt(int slot, Object[] args, Reply<T> reply, Codec<?> codec, Duration timeout, NodeConnection first,
                Kind kind, CompletableFuture<T> result, long deadline) {
            this.kind = kind;
            this.blocking = kind == Kind.BLOCKING;
            this.slot = slot;
            this.args = args;
            this.reply = reply;
            this.codec = codec;
            this.timeout = timeout;
            this.deadline = deadline;
            this.result = result;
            if (first != null) tried.add(first.endpoint);
        }

        void send(NodeConnection node, boolean asking) {
            tried.add(node.endpoint);
            CompletableFuture<T> sent = asking ? node.asking(reply, args, codec, timeout)
                    : blocking ? node.blocking(reply, args, codec, timeout)
                    : node.command(reply, args, codec, timeout);
            sent.whenComplete((value, error) -> {
                if (error == null) {
                    result.complete(value);
                } else {
                    failed(node, ClusterNodes.unwrap(error));
                }
            });
        }

        void failed(NodeConnection node, Throwable error) {
            if (error instanceof RedisReplyException reply) {
                switch (reply.kind()) {
                    case "MOVED", "ASK" -> redirect(reply, node);
                    case "TRYAGAIN" -> retryLater(reply, false);
                    case "CLUSTERDOWN" -> {
                        nodes.requestRefresh();
                        retryLater(reply, false);
                    }
                    default -> result.completeExceptionally(reply);
                }
            } else if (error instanceof RedisConnectionException lost && !lost.mayHaveExecuted()) {
                nodes.requestRefresh(); // the node may be gone: find who serves the slot now
                NodeConnection replica = kind == Kind.READ && slot >= 0 && nodes.readFrom() != ReadFrom.PRIMARY
                        ? nodes.replica(slot) : null;
                if (replica != null && replica != node && retries++ < 3) {
                    send(replica, false); // PRIMARY_PREFERRED (or a replica gone): read from a replica meanwhile
                } else {
                    retryLater(lost, true);
                }
            } else {
                if (error instanceof RedisConnectionException) nodes.requestRefresh();
                result.completeExceptionally(error);
            }
        }

        private void redirect(RedisReplyException reply, NodeConnection from) {
            if (kind == Kind.READ && reply.kind().equals("MOVED") && from.isReplicaFor(nodes, slot)) {
                from.readOnlyAgain(); // a replica that reconnected forgot READONLY: the next read may use it again
            }
            if (++redirections > RedisClusterException.MAX_REDIRECTIONS) {
                result.completeExceptionally(new RedisClusterException("more than "
                        + RedisClusterException.MAX_REDIRECTIONS + " redirections for slot " + slot + " (nodes tried: "
                        + String.join(", ", tried) + "); last: " + reply.getMessage(), slot, tried, false, reply));
                return;
            }
            // "MOVED 3999 127.0.0.1:6381"; the host may be empty when the node does not know its address.
            String[] parts = reply.detail().split(" ");
            int movedSlot;
            String host;
            int port;
            try {
                movedSlot = Integer.parseInt(parts[0]);
                int colon = parts[1].lastIndexOf(':');
                host = parts[1].substring(0, colon);
                port = Integer.parseInt(parts[1].substring(colon + 1));
            } catch (RuntimeException e) {
                result.completeExceptionally(reply);
                return;
            }
            if (host.isEmpty()) {
                host = from.endpoint.substring(0, from.endpoint.lastIndexOf(':'));
            }
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            if (reply.kind().equals("MOVED")) {
                send(nodes.moved(movedSlot, host, port), false);
            } else {
                send(nodes.connection(host, port), true);
            }
        }

        /** Tries again after a backoff, re-routed by slot, unless the deadline would pass first. */
        void retryLater(RuntimeException why, boolean mayHaveExecutedFalse) {
            long delay = Math.min(MAX_BACKOFF.toNanos(), MIN_BACKOFF.toNanos() << Math.min(retries++, 10));
            if (System.nanoTime() + delay >= deadline) {
                result.completeExceptionally(new RedisClusterException("no answer for slot " + slot + " within "
                        + timeout.toMillis() + " ms (nodes tried: " + String.join(", ", tried) + "); last: "
                        + why.getMessage(), slot, tried, false, why));
                return;
            }
            loop.callLater(Duration.ofNanos(delay), () -> {
                NodeConnection node = slot >= 0 ? nodes.owner(slot) : nodes.anyPrimary();
                if (node == null) {
                    nodes.requestRefresh();
                    retryLater(why, mayHaveExecutedFalse);
                } else {
                    redirections = 0; // a new try from the table: its own redirections
                    send(node, false);
                }
            });
        }
    }
}
