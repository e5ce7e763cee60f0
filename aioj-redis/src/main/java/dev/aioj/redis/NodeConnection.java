package dev.aioj.redis;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link RedisClusterClient}'s connection to one node: the node's ordinary
 * auto-pipelined {@link RedisConnection}, opened on first use, plus, only
 * while a slot migrates, a second connection for {@code ASKING}-prefixed
 * commands (ASKING applies to the next command of its connection, so it
 * must not share a pipeline with other callers' commands).
 *
 * <p>Commands sent while the connection is still opening wait in a FIFO and
 * are handed to it in the order they were sent, before any later command can
 * pass them: a SET and the GET after it stay in that order on the wire.
 * (Chaining each on the connect future would not do: a {@link
 * CompletableFuture} runs its dependents last-registered first.)
 *
 * <p>Thread contract: any thread.
 */
final class NodeConnection {

    final String endpoint;
    private final RedisUri uri;
    private final RedisOptions options;
    private final CompletableFuture<RedisConnection> connecting;
    private volatile RedisConnection ready;
    /** Sends waiting for the connection, in the order they were asked for; null once it is open or failed. */
    private ArrayDeque<Consumer<RedisConnection>> waiting = new ArrayDeque<>(); // guarded by waitLock
    private final Object waitLock = new Object();
    private final Object askLock = new Object();
    private CompletableFuture<RedisConnection> asking; // guarded by askLock
    private volatile boolean closed;
    /**
     * Closed, or its first connect failed: what {@link #usable} reads for every
     * command, a field of this object's own rather than the state of {@code
     * connecting} (allocated amid the pipeline's busiest fields).
     */
    private volatile boolean unusable;
    private DedicatedPool dedicated; // guarded by askLock; opened on the first blocking command
    private CompletableFuture<RedisConnection> pubSub; // guarded by askLock; opened on the first SSUBSCRIBE

    NodeConnection(RedisUri uri, RedisOptions options, boolean readOnly) {
        this.endpoint = uri.endpoint();
        this.uri = uri;
        this.options = options;
        // READONLY lets a replica serve reads of its primary's slots (ReadFrom); a primary ignores it.
        this.connecting = readOnly ? RedisConnection.connect(uri, options)
                .thenCompose(c -> c.execute("READONLY").handle((ok, e) -> c)) : RedisConnection.connect(uri, options);
        this.connecting.whenComplete((connection, error) -> {
            ArrayDeque<Consumer<RedisConnection>> sends;
            synchronized (waitLock) {
                sends = waiting;
                waiting = null;
                // In order, under the lock, before {@code ready} is published: no later send can pass these.
                if (connection != null) {
                    for (Consumer<RedisConnection> send : sends) send.accept(connection);
                    ready = connection;
                }
            }
            if (connection == null) {
                unusable = true;
                for (Consumer<RedisConnection> send : sends) send.accept(null);
            } else if (closed) {
                connection.closeAsync();
            }
        });
    }

    /**
     * Runs {@code send} with the open connection: now if it is open, else once
     * it is, after every send asked for before it; with {@code null} if it
     * cannot be opened.
     */
    private void whenOpen(Consumer<RedisConnection> send) {
        RedisConnection connection = ready;
        if (connection == null) {
            synchronized (waitLock) {
                connection = ready;
                if (connection == null && waiting != null) {
                    waiting.add(send);
                    return;
                }
            }
        }
        send.accept(connection); // open, or its opening failed (null)
    }

    /** {@code action}'s future with the open connection, failed as the connect failed if it cannot be opened. */
    private <T> CompletableFuture<T> withConnection(Function<RedisConnection, CompletableFuture<T>> action) {
        RedisConnection connection = ready;
        if (connection != null) return action.apply(connection);
        CompletableFuture<T> result = new CompletableFuture<>();
        whenOpen(c -> {
            if (c == null) {
                result.completeExceptionally(connecting.exceptionNow());
                return;
            }
            CompletableFuture<T> sent;
            try {
                sent = action.apply(c);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            sent.whenComplete((value, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
        });
        return result;
    }

    /** Sends READONLY again (after a reconnect the server forgot it). */
    void readOnlyAgain() {
        RedisConnection connection = ready;
        if (connection != null) connection.execute("READONLY");
    }

    /** Whether the cluster lists this node as a replica of {@code slot}'s shard. */
    boolean isReplicaFor(ClusterNodes nodes, int slot) {
        ClusterTopology.Shard shard = nodes.shard(slot);
        if (shard == null) return false;
        for (ClusterTopology.Node replica : shard.replicas()) {
            if (replica.endpoint().equals(endpoint)) return true;
        }
        return false;
    }

    /** Whether commands may be sent here: not closed, and its first connect did not fail. */
    boolean usable() {
        return !unusable;
    }

    /** Whether the first connect failed: the node is unreachable, and this object should be replaced. */
    boolean failed() {
        return connecting.isCompletedExceptionally();
    }

    /** Sends one command on the node's shared pipeline. */
    <T> CompletableFuture<T> command(Reply<T> reply, Object[] args, Codec<?> codec, Duration timeout) {
        RedisConnection connection = ready;
        if (connection != null) {
            return view(connection, codec, timeout).command(reply, args);
        }
        return withConnection(c -> view(c, codec, timeout).command(reply, args));
    }

    /**
     * Submits {@code command} on the node's shared pipeline if the connection
     * is open; false, and nothing done, while it is still opening or if it
     * could not be opened.
     */
    boolean trySubmit(Command<?> command) {
        RedisConnection connection = ready;
        if (connection == null) return false;
        connection.submit(command);
        return true;
    }

    /** Sends {@code ASKING} and then the command, with nothing between them on the wire. */
    <T> CompletableFuture<T> asking(Reply<T> reply, Object[] args, Codec<?> codec, Duration timeout) {
        CompletableFuture<RedisConnection> askConnection;
        synchronized (askLock) {
            if (asking == null || asking.isCompletedExceptionally()) {
                asking = RedisConnection.connect(uri, options);
            }
            askConnection = asking;
        }
        return askConnection.thenCompose(c -> {
            synchronized (askLock) { // one thread at a time: ASKING and its command stay adjacent
                c.execute("ASKING");
                return view(c, codec, timeout).command(reply, args);
            }
        });
    }

    /** The node's connection for shard subscriptions (its own, so RESP2 works too), opened on first use. */
    CompletableFuture<RedisConnection> pubSub() {
        synchronized (askLock) {
            if (pubSub == null || pubSub.isCompletedExceptionally()) pubSub = RedisConnection.connect(uri, options);
            return pubSub;
        }
    }

    /** A MULTI/EXEC transaction on the node's shared pipeline (sent as one unit). */
    CompletableFuture<Transaction<String>> multi() {
        return withConnection(c -> CompletableFuture.completedFuture(c.multi()));
    }

    /** Borrows a connection to this node no one else uses (WATCH); closing it gives it back. */
    CompletableFuture<RedisConnection> dedicated() {
        DedicatedPool pool;
        synchronized (askLock) {
            if (dedicated == null) dedicated = new DedicatedPool(uri, options);
            pool = dedicated;
        }
        return pool.acquire();
    }

    /** Sends a blocking command (BLPOP, ...) on a connection borrowed for it alone, so it stalls no one. */
    <T> CompletableFuture<T> blocking(Reply<T> reply, Object[] args, Codec<?> codec, Duration timeout) {
        return dedicated().thenCompose(c -> {
            CompletableFuture<T> sent = view(c, codec, timeout).command(reply, args);
            return sent.whenComplete((v, e) -> c.closeAsync());
        });
    }

    /** The blocking view of the shared connection's state, for tests and the CLI. */
    RedisConnection readyConnection() {
        return ready;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static BaseCommands<?> view(RedisConnection connection, Codec<?> codec, Duration timeout) {
        BaseCommands<?> view = connection;
        if (codec != Codec.STRING) view = connection.withCodec((Codec) codec);
        // The URI's timeout is the connection's own (its timeout() would build a Duration per call).
        if (!timeout.equals(connection.uri().timeout())) view = ((RedisCommands<?>) view).withTimeout(timeout);
        return view;
    }

    /** Closes both connections, letting submitted commands finish. */
    CompletableFuture<Void> close() {
        closed = true;
        unusable = true;
        CompletableFuture<Void> main = connecting.handle((c, e) -> c)
                .thenCompose(c -> c == null ? CompletableFuture.completedFuture(null) : c.closeAsync());
        CompletableFuture<RedisConnection> ask;
        CompletableFuture<RedisConnection> subscriptions;
        DedicatedPool pool;
        synchronized (askLock) {
            ask = asking;
            pool = dedicated;
            subscriptions = pubSub;
        }
        if (pool != null) pool.close();
        if (subscriptions != null) subscriptions.thenAccept(RedisConnection::closeAsync);
        CompletableFuture<Void> askClosed = ask == null ? CompletableFuture.completedFuture(null)
                : ask.handle((c, e) -> c).thenCompose(c -> c == null
                        ? CompletableFuture.completedFuture(null) : c.closeAsync());
        return CompletableFuture.allOf(main, askClosed);
    }

    @Override
    public String toString() {
        return "NodeConnection[" + endpoint + (ready != null ? ", " + (ready.isConnected() ? "up" : "down") : "") + "]";
    }
}
