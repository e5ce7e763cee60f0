package dev.aioj.memcached;

import dev.aioj.loop.EventLoop;
import dev.aioj.loop.TimerHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * The life of a {@link MemcachedConnection}'s socket and the health of its
 * server: connecting, becoming ready, losing the socket (or dropping it: dead
 * peer, protocol error) and reconnecting after {@link Backoff}'s delay,
 * marking the server down and up again, and closing or aborting. It is split
 * from the connection because none of it runs per request: it runs once per
 * socket.
 *
 * <pre>
 * CONNECTING -&gt; READY -&gt; (lost, dead peer, protocol error) WAITING -&gt; CONNECTING ...
 *            -&gt; (refused) WAITING                  any -&gt; CLOSING (close asked) -&gt; CLOSED
 * </pre>
 *
 * After {@link MemcachedOptions#failureLimit} failures in a row (or a failed
 * first attempt) the server is marked down: requests waiting for it fail with
 * {@link MemcachedConnectionException} (never written, so safe to retry) and
 * the client routes its keys to the next server, while this class keeps
 * retrying; the first successful connect brings it back. A written request is
 * never written again (at most once): when its socket is lost it fails with
 * {@code mayHaveExecuted() == true}.
 *
 * <p>The connection holds the state its request path reads on every request
 * ({@code state}, {@code wire}, {@code writable}, {@code down}); this class is
 * the one that moves it on, through {@link MemcachedConnection#enter}, {@link
 * MemcachedConnection#attach}, {@link MemcachedConnection#letGoOfWire} and
 * {@link MemcachedConnection#markDown}, and asks the connection to write or
 * fail what it holds. It keeps what only a socket's life needs: the backoff,
 * the failure and attempt counts, and the {@code firstAttempt} and {@code
 * closed} futures.
 *
 * <p>Thread contract: {@link #start}, {@link #close} and {@link #abort} from
 * any thread (they hop to the loop); everything else on the loop thread.
 */
final class Lifecycle {

    private static final System.Logger LOG = System.getLogger(MemcachedConnection.class.getName());

    private final MemcachedConnection connection;
    private final EventLoop loop;
    private final String name;
    private final MemcachedOptions options;
    private final InFlight inFlight;
    private final Deadlines deadlines;
    private final Backoff backoff;
    private final CompletableFuture<Boolean> firstAttempt = new CompletableFuture<>();
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
    // Loop thread only.
    private int failuresInARow;
    private int reconnectAttempt;

    Lifecycle(MemcachedConnection connection) {
        this.connection = connection;
        this.loop = connection.loop;
        this.name = connection.name;
        this.options = connection.options;
        this.inFlight = connection.inFlight;
        this.deadlines = connection.deadlines;
        this.backoff = new Backoff(options.backoffMin(), options.backoffMax());
    }

    /** Starts connecting; the future says whether the first attempt succeeded. Any thread. */
    CompletableFuture<Boolean> start() {
        onLoop(this::connect);
        return firstAttempt;
    }

    // ---------------------------------------------------------------- connecting (loop)

    private void connect() {
        MemcachedConnection.State state = connection.state();
        if (state == MemcachedConnection.State.CLOSED || state == MemcachedConnection.State.CLOSING) {
            return;
        }
        connection.enter(MemcachedConnection.State.CONNECTING);
        Wire attempt = new Wire(connection, new MetaReplyParser(name, options.maxValueLength()));
        Endpoint endpoint = connection.endpoint;
        CompletableFuture<?> connecting = loop.createConnection(() -> attempt, endpoint.host(), endpoint.port());
        TimerHandle timer = loop.callLater(options.connectTimeout(), () -> connecting.completeExceptionally(
                new MemcachedConnectionException("connecting to " + name + " took longer than "
                        + options.connectTimeout().toMillis() + " ms", name, false, false, null)));
        connecting.whenComplete((ignored, error) -> onLoop(() -> {
            timer.cancel();
            if (error != null) {
                attempt.abandon(); // should the socket connect after the deadline, it is closed at once
                failed("cannot connect to " + name + ": " + rootMessage(error));
                return;
            }
            if (connection.state() != MemcachedConnection.State.CONNECTING) {
                attempt.transport.abort(); // closed meanwhile
                return;
            }
            connection.attach(attempt);
            becameReady();
        }));
    }

    private void becameReady() {
        connection.enter(MemcachedConnection.State.READY);
        if (connection.isDown()) {
            LOG.log(System.Logger.Level.INFO, "{0} is back up", name);
        } else if (failuresInARow > 0) {
            LOG.log(System.Logger.Level.INFO, "reconnected to {0}", name);
        }
        connection.markDown(false);
        failuresInARow = 0;
        reconnectAttempt = 0;
        deadlines.replyArrived();
        firstAttempt.complete(true);
        connection.writeBacklog();
    }

    /** A connect failed or the socket was lost: count it, maybe mark the server down, retry later. */
    private void failed(String why) {
        failuresInARow++;
        MemcachedConnection.State state = connection.state();
        if (state == MemcachedConnection.State.CLOSING || state == MemcachedConnection.State.CLOSED) {
            finishClose();
            return;
        }
        if (!connection.isDown() && (failuresInARow >= options.failureLimit() || !firstAttempt.isDone())) {
            connection.markDown(true);
            LOG.log(System.Logger.Level.WARNING, "{0} marked down after {1} failure(s) in a row ({2}); its keys go "
                    + "to the next server until it is back", name, failuresInARow, why);
            MemcachedConnectionException error = connection.downError();
            connection.failBacklog(error);
            connection.failQueued(error);
        }
        firstAttempt.complete(false);
        connection.enter(MemcachedConnection.State.WAITING);
        Duration delay = backoff.delay(reconnectAttempt++);
        loop.callLater(delay, this::connect);
        deadlines.arm();
    }

    /** {@code from}'s socket closed (or was reset): the end of that wire, unless already let go of. */
    void onLost(Wire from, Throwable cause) {
        if (from != connection.wire()) {
            return;
        }
        lose(new MemcachedConnectionException("connection to " + name + " lost"
                + (cause == null ? "" : ": " + rootMessage(cause)), name, true, false, cause));
    }

    /** Written requests timed out in a row with no reply: the server is gone, drop the socket. */
    void deadPeer(int timeoutsInARow) {
        if (connection.wire() != null) {
            LOG.log(System.Logger.Level.WARNING, "{0} requests to {1} timed out in a row with no reply: dropping "
                    + "the connection", timeoutsInARow, name);
            dropWire(new MemcachedConnectionException("connection to " + name + " stopped answering", name, true,
                    false, null));
        }
    }

    /** Gives up the current socket now: nothing more is written to it or read from it. */
    void dropWire(MemcachedException reason) {
        Wire dropped = connection.wire();
        lose(reason);
        dropped.transport.abort(); // its connectionLost comes later and is ignored
    }

    private void lose(MemcachedException inFlightFailure) {
        connection.letGoOfWire();
        boolean closing = connection.state() == MemcachedConnection.State.CLOSING;
        connection.enter(closing ? MemcachedConnection.State.CLOSING : MemcachedConnection.State.WAITING);
        inFlight.failAll(inFlightFailure);
        if (closing) {
            finishClose();
        } else {
            failed(inFlightFailure.getMessage());
        }
    }

    // ---------------------------------------------------------------- closing (any thread, then loop)

    /**
     * Lets the written requests finish (or time out), then closes the socket.
     * Any thread; the connection has stopped taking requests already.
     */
    CompletableFuture<Void> close() {
        onLoop(() -> {
            MemcachedConnection.State state = connection.state();
            if (state == MemcachedConnection.State.CLOSING || state == MemcachedConnection.State.CLOSED) {
                return;
            }
            connection.drain(); // what was submitted before close still goes out, if it can
            connection.failBacklog(connection.closedError());
            connection.enter(MemcachedConnection.State.CLOSING);
            if (connection.wire() == null) {
                finishClose();
            } else {
                closeIfSettled();
            }
        });
        return closedFuture;
    }

    /** Closing: the socket goes once no written request waits for an answer (timed-out ones do not count). */
    void closeIfSettled() {
        Wire wire = connection.wire();
        if (connection.state() == MemcachedConnection.State.CLOSING && wire != null && inFlight.allDone()) {
            wire.transport.close();
            connection.letGoOfWire();
            finishClose();
        }
    }

    /** Closes now; everything pending fails. Any thread; the connection has stopped taking requests already. */
    void abort() {
        onLoop(() -> {
            connection.enter(MemcachedConnection.State.CLOSING);
            if (connection.wire() != null) {
                dropWire(connection.closedError());
            } else {
                finishClose();
            }
        });
    }

    private void finishClose() {
        connection.enter(MemcachedConnection.State.CLOSED);
        MemcachedConnectionException error = connection.closedError();
        inFlight.failAll(error);
        connection.failBacklog(error);
        connection.failQueued(error);
        deadlines.cancel();
        firstAttempt.complete(false);
        closedFuture.complete(null);
    }

    private void onLoop(Runnable action) {
        if (loop.inEventLoop()) {
            action.run();
        } else {
            try {
                loop.execute(action);
            } catch (RejectedExecutionException e) {
                closedFuture.complete(null); // the loop is gone, and every socket with it
            }
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
