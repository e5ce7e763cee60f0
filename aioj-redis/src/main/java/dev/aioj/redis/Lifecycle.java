package dev.aioj.redis;

import dev.aioj.internal.DirectWrites;
import dev.aioj.loop.EventLoop;
import dev.aioj.loop.TimerHandle;
import dev.aioj.net.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * The life of a {@link Pipeline}'s socket, the state machine drawn in
 * Pipeline's doc: dialing ({@link Dialer}), the greeting ({@link Handshake}),
 * becoming ready, losing the socket and reconnecting after the backoff's
 * delay, and closing, aborting or shutting down. It is split from the
 * pipeline because none of it runs per command: it runs once per socket.
 *
 * <p>The pipeline holds the state the write path reads on every command
 * ({@code state}, {@code link}, {@code writable}); this class is the one that
 * moves it from one state to the next, opens and shuts the callers' turns
 * ({@link CallerTurns}), and asks the pipeline to write its backlog or fail
 * what it holds. It keeps what only a socket's life needs: the backoff and
 * the attempt count, whether the connection was ever ready, the server's last
 * refusal, and the {@code ready} and {@code closed} futures.
 *
 * <p>Thread contract: {@link #start}, {@link #close} and {@link #abort} from
 * any thread (they hop to the loop); everything else on the loop thread.
 */
final class Lifecycle {

    private static final System.Logger LOG = System.getLogger(Pipeline.class.getName());

    private final Pipeline pipeline;
    private final EventLoop loop;
    private final RedisUri uri;
    private final RedisOptions options;
    private final String endpoint;
    private final Telemetry telemetry;
    private final boolean ownsLoop;
    private final BackoffPolicy backoff;
    private final CompletableFuture<Void> ready;
    private final CompletableFuture<Void> closed;
    private boolean everReady;
    private int reconnectAttempt;

    Lifecycle(Pipeline pipeline, boolean ownsLoop) {
        this.pipeline = pipeline;
        this.loop = pipeline.loop;
        this.uri = pipeline.uri;
        this.options = pipeline.options;
        this.endpoint = pipeline.endpoint;
        this.telemetry = pipeline.telemetry;
        this.ownsLoop = ownsLoop;
        this.backoff = options.backoff();
        this.ready = loop.createFuture();
        this.closed = loop.createFuture();
    }

    /** Starts the first connection; the future completes once the greeting succeeded. */
    CompletableFuture<Void> start() {
        loop.execute(this::connect);
        return ready;
    }

    // ---------------------------------------------------------------- connecting (loop)

    private void connect() {
        if (!pipeline.isOpen()) {
            return;
        }
        Link attempt = new Link(pipeline, options.limits());
        telemetry.dialing(reconnectAttempt);
        CompletableFuture<? extends Connection<Link>> connecting = Dialer.dial(loop, uri, options, attempt);
        TimerHandle connectTimer = loop.callLater(uri.connectTimeout(), () -> {
            RedisConnectionException slow = new RedisConnectionException("connecting to " + endpoint
                    + " took longer than " + uri.connectTimeout().toMillis() + " ms", endpoint, false, null);
            if (!connecting.completeExceptionally(slow) && pipeline.link() == attempt
                    && pipeline.state() == Pipeline.State.GREETING) {
                attempt.transport.abort(); // the greeting hangs: the failed greeting reports it
            }
        });
        connecting.whenComplete((connection, error) -> onLoop(() -> {
            if (error != null) {
                connectTimer.cancel();
                attempt.abandon(); // should the socket still connect, it is closed at once
                Throwable cause = Dialer.unwrap(error);
                telemetry.dialed(cause);
                connectFailed(cause);
                return;
            }
            telemetry.dialed(null);
            pipeline.greeting(attempt);
            Handshake.greet(pipeline, uri).whenComplete((ignored, greetError) -> {
                connectTimer.cancel();
                if (greetError != null) {
                    Throwable cause = Dialer.unwrap(greetError);
                    telemetry.greeted(0, cause);
                    boolean stillOurs = pipeline.link() == attempt;
                    if (stillOurs) {
                        pipeline.letGoOfLink();
                        attempt.transport.abort();
                    }
                    if (stillOurs || !everReady) { // else onLinkLost already scheduled the reconnect
                        connectFailed(cause);
                    }
                } else if (pipeline.link() == attempt) {
                    telemetry.greeted(pipeline.resp3() ? 3 : 2, null);
                    becameReady();
                }
            });
        }));
    }

    private void becameReady() {
        pipeline.greeted();
        reconnectAttempt = 0;
        pipeline.deadlines.replyArrived();
        if (everReady) {
            LOG.log(System.Logger.Level.INFO, "reconnected to {0}", endpoint);
        }
        everReady = true;
        pipeline.pubSub.onReconnected();
        ready.complete(null);
        pipeline.writeBatch();
        Link link = pipeline.link();
        if (options.callerWrites() && link.transport instanceof DirectWrites) {
            pipeline.callers.openTo(link); // plain TCP or unix: a caller may write itself (TLS: never)
        }
    }

    private void connectFailed(Throwable cause) {
        if (!everReady) {
            RedisException failure = cause instanceof RedisException re ? re
                    : new RedisConnectionException("cannot connect to " + endpoint + ": "
                            + (cause.getMessage() != null ? cause.getMessage() : cause.toString()), endpoint, false,
                            cause);
            ready.completeExceptionally(failure);
            shutDown(failure);
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "reconnect to " + endpoint + " failed: " + cause);
        if (cause instanceof RedisReplyException r && !r.kind().equals("LOADING") && !r.kind().equals("BUSY")) {
            // the server answered no (WRONGPASS, NOPERM, ...): waiting would only end at the deadline
            pipeline.refused(new RedisConnectionException("reconnect to " + endpoint + " refused: " + r.getMessage(),
                    endpoint, false, r));
        }
        scheduleReconnect(cause);
    }

    /** Tries again after the backoff's delay; {@code cause} is why the connection is down (for telemetry). */
    private void scheduleReconnect(Throwable cause) {
        if (!pipeline.isOpen()) {
            return;
        }
        pipeline.enter(Pipeline.State.RECONNECTING);
        Duration delay = backoff.delay(reconnectAttempt++);
        telemetry.reconnectScheduled(reconnectAttempt, delay, cause);
        loop.callLater(delay, this::connect);
        if (options.failFastWhenDisconnected()) {
            pipeline.failUnsent(new RedisConnectionException("connection to " + endpoint + " is down, reconnecting",
                    endpoint, false, null));
        }
        pipeline.deadlines.arm();
    }

    /** {@code from}'s socket closed (or was reset): the end of that link, unless already let go of. */
    void onLinkLost(Link from, Throwable cause) {
        if (from != pipeline.link()) {
            return; // a link we already let go of
        }
        linkGone(new RedisConnectionException("connection to " + endpoint + " lost"
                + (cause == null ? "" : ": " + cause.getMessage()), endpoint, true, cause), cause);
    }

    /** Gives up the current socket now (protocol error, dead peer): nothing more is written to it. */
    void dropLink(RuntimeException reason) {
        Link dropped = pipeline.link();
        linkGone(reason, reason);
        dropped.transport.abort(); // its connectionLost comes later and is ignored
    }

    /**
     * Deadlines failed commands: drop the unsent ones, let a dead peer go, re-arm, maybe finish a close.
     * {@code deadPeerTimeouts} is how many written commands timed out in a row with no reply, else 0.
     */
    void expired(int deadPeerTimeouts) {
        pipeline.dropExpiredUnsent();
        if (deadPeerTimeouts > 0) {
            deadPeer(deadPeerTimeouts);
        }
        pipeline.deadlines.arm();
        closeIfSettled(); // a close waiting only on what just expired can finish
    }

    /** Written commands timed out in a row with no reply: the server is gone, rebuild the connection. */
    private void deadPeer(int timeoutsInARow) {
        if (pipeline.link() != null) {
            LOG.log(System.Logger.Level.WARNING, "{0} commands to {1} timed out in a row with no reply: "
                    + "dropping the connection", timeoutsInARow, endpoint);
            dropLink(new RedisConnectionException("connection to " + endpoint + " stopped answering", endpoint, true,
                    null));
        }
    }

    private void linkGone(RuntimeException inFlightFailure, Throwable cause) {
        pipeline.callers.shut();
        pipeline.letGoOfLink();
        Pipeline.State state = pipeline.state();
        boolean closing = state == Pipeline.State.CLOSING || state == Pipeline.State.CLOSED;
        telemetry.disconnected(closing ? null : inFlightFailure);
        boolean reconnect = !closing && options.autoReconnect() && everReady;
        pipeline.pubSub.onLinkLost(); // the client-side cache forgets everything before anyone hears of the loss
        // The new state first: failing the futures runs callers' code, which must see it.
        if (reconnect) {
            pipeline.enter(Pipeline.State.RECONNECTING);
        } else if (closing || everReady) {
            pipeline.enter(Pipeline.State.CLOSED);
        }
        pipeline.failInFlight(inFlightFailure);
        if (reconnect) {
            LOG.log(System.Logger.Level.WARNING, "connection to {0} lost, reconnecting", endpoint);
            scheduleReconnect(inFlightFailure);
        } else if (closing) {
            shutDown(pipeline.closedError());
        } else if (everReady) {
            shutDown(new RedisConnectionException("connection to " + endpoint + " lost", endpoint, false, cause));
        }
    }

    // ---------------------------------------------------------------- closing (any thread, then loop)

    /** Stops taking commands, lets the submitted ones finish, then closes. Any thread. */
    CompletableFuture<Void> close() {
        onLoop(() -> {
            if (!pipeline.isOpen()) {
                return;
            }
            Link link = pipeline.link();
            boolean connected = link != null && pipeline.state() == Pipeline.State.READY;
            pipeline.enter(Pipeline.State.CLOSING);
            pipeline.callers.shut();
            if (!connected) {
                if (link != null) {
                    link.transport.abort();
                    pipeline.letGoOfLink();
                }
                shutDown(pipeline.closedError());
                return;
            }
            pipeline.writeBatch(); // what was submitted before close still goes out
            closeIfSettled();
        });
        return closed;
    }

    /** Closing: the socket goes once nothing submitted waits for an answer; a timed-out command does not. */
    void closeIfSettled() {
        Link link = pipeline.link();
        if (pipeline.state() == Pipeline.State.CLOSING && link != null
                && pipeline.pending() == pipeline.waiters.doneCount()) {
            link.transport.close();
        }
    }

    /** Closes at once; everything pending fails. Any thread. */
    void abort() {
        onLoop(() -> {
            pipeline.enter(Pipeline.State.CLOSING);
            pipeline.callers.shut();
            Link link = pipeline.link();
            if (link != null) {
                link.transport.abort();
            } else {
                shutDown(pipeline.closedError());
            }
        });
    }

    private void shutDown(RedisException reason) {
        pipeline.enter(Pipeline.State.CLOSED);
        pipeline.callers.shut();
        pipeline.failInFlight(reason);
        pipeline.failUnsent(reason);
        pipeline.deadlines.cancel();
        ready.completeExceptionally(reason);
        if (ownsLoop) {
            loop.shutdownGracefully().whenComplete((v, e) -> closed.complete(null));
        } else {
            closed.complete(null);
        }
    }

    private void onLoop(Runnable action) {
        if (loop.inEventLoop()) {
            action.run();
        } else {
            try {
                loop.execute(action);
            } catch (RejectedExecutionException e) {
                closed.complete(null); // the loop is gone, and every socket with it
            }
        }
    }
}
