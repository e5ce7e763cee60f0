package dev.aioj.redis;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * The bounded set of connections {@link RedisClient#dedicated()} lends out,
 * for commands that would stall or change a shared connection (BLPOP, WATCH,
 * RESP2 subscriptions). A returned connection is reused unless it may be left
 * in a state the next borrower would trip on (a command still pending, say a
 * BLPOP the client gave up on, or a WATCH or subscription in force): that one
 * is closed instead. Borrowers beyond the limit wait in line.
 *
 * <p>Thread contract: any thread (a monitor guards the bookkeeping; connecting
 * happens outside it).
 */
final class DedicatedPool {

    private final RedisUri uri;
    private final RedisOptions options;
    private final int max;
    private final ArrayDeque<RedisConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<RedisConnection>> waiting = new ArrayDeque<>();
    private int open;
    private boolean closed;

    DedicatedPool(RedisUri uri, RedisOptions options) {
        this.uri = uri;
        this.options = options;
        this.max = options.maxDedicated();
    }

    /** A connection for the caller alone; closing it gives it back. */
    CompletableFuture<RedisConnection> acquire() {
        CompletableFuture<RedisConnection> lease = new CompletableFuture<>();
        boolean connect = false;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new RedisConnectionException(
                        "the client is closed", uri.endpoint(), false, null));
            }
            RedisConnection ready = idle.pollFirst();
            if (ready != null) {
                lease.complete(ready);
                return lease;
            }
            if (open < max) {
                open++;
                connect = true;
            } else {
                waiting.add(lease);
            }
        }
        if (connect) {
            openInto(lease);
        }
        return lease;
    }

    private void openInto(CompletableFuture<RedisConnection> lease) {
        RedisConnection.connect(uri, options).whenComplete((connection, error) -> {
            if (error != null) {
                synchronized (this) {
                    open--;
                }
                lease.completeExceptionally(error);
                return;
            }
            connection.lendFrom(this);
            if (!lease.complete(connection)) {
                release(connection, false); // the borrower gave up meanwhile
            }
        });
    }

    /** Takes a lent connection back; {@code reusable} is false if it must not be lent again. */
    void release(RedisConnection connection, boolean reusable) {
        CompletableFuture<RedisConnection> next;
        boolean replace = false;
        synchronized (this) {
            reusable = reusable && !closed && connection.isOpen();
            if (!reusable) {
                open--;
                next = waiting.isEmpty() || closed ? null : waiting.poll();
                if (next != null) {
                    open++;
                    replace = true;
                }
            } else {
                next = waiting.poll();
                if (next == null) {
                    idle.addLast(connection);
                    return;
                }
            }
        }
        if (!reusable) {
            connection.closeForReal();
        }
        if (next == null) {
            return;
        }
        if (replace) {
            openInto(next);
        } else if (!next.complete(connection)) {
            release(connection, true);
        }
    }

    /** Connections lent out or idle. */
    synchronized int open() {
        return open;
    }

    /** Closes idle connections and fails waiting borrowers; lent ones close when returned. */
    CompletableFuture<Void> close() {
        java.util.List<RedisConnection> toClose;
        java.util.List<CompletableFuture<RedisConnection>> toFail;
        synchronized (this) {
            closed = true;
            toClose = java.util.List.copyOf(idle);
            open -= idle.size();
            idle.clear();
            toFail = java.util.List.copyOf(waiting);
            waiting.clear();
        }
        RedisConnectionException shut = new RedisConnectionException("the client is closed", uri.endpoint(), false,
                null);
        toFail.forEach(f -> f.completeExceptionally(shut));
        return CompletableFuture.allOf(toClose.stream().map(RedisConnection::closeForReal)
                .toArray(CompletableFuture[]::new));
    }
}
