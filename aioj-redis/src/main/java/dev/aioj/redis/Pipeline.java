package dev.aioj.redis;

import dev.aioj.loop.EventLoop;
import dev.aioj.loop.TimerHandle;
import dev.aioj.net.Connection;
import dev.aioj.redis.resp.RespOutput;
import dev.aioj.redis.resp.RespValue;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loop-side half of a {@link RedisConnection}: automatic pipelining.
 * Commands from any number of threads arrive through {@link Submissions};
 * each time the loop runs, it encodes every queued command into one buffer and
 * writes it once (a caller on an idle connection writes its own, {@link
 * CallerWrites}), then matches replies to commands in FIFO order.
 *
 * <p>It also owns the socket's life: connecting and greeting ({@link
 * Handshake}), per-command deadlines checked from the head of the FIFO,
 * failing what was in flight when a connection is lost (never resending a
 * written command), and reconnecting with backoff while unsent commands wait.
 *
 * <pre>
 * CONNECTING -&gt; GREETING -&gt; READY -&gt; (lost) RECONNECTING -&gt; GREETING -&gt; READY ...
 *                                   -&gt; CLOSING (close asked: finish in-flight) -&gt; CLOSED
 * </pre>
 *
 * <p>Thread contract: {@link #submit} from any thread; everything else on the
 * loop thread.
 */
final class Pipeline {

    private static final System.Logger LOG = System.getLogger(Pipeline.class.getName());

    /** Encoded bytes after which a batch is handed to the transport before encoding more. */
    private static final int BATCH_BYTES = 256 * 1024;

    enum State { CONNECTING, GREETING, READY, RECONNECTING, CLOSING, CLOSED }

    final EventLoop loop;
    final RedisUri uri;
    final RedisOptions options;
    final String endpoint;
    private final boolean ownsLoop;

    // Touched by submitting threads.
    private volatile State state = State.CONNECTING;
    final Submissions submissions = new Submissions(this, this::drain, this::pickUpCallerWrite);
    private final AtomicLong pending = submissions.pending;
    private final CallerWrites callerWrites = submissions.callerWrites;

    // Loop thread only.
    private final ReplyWaiters waiters = new ReplyWaiters();
    private final ArrayDeque<Command<?>> backlog = new ArrayDeque<>();
    private final RespOutput out = new RespOutput();
    private final BulkDecoder bulkDecoder = new BulkDecoder();
    private final BackoffPolicy backoff;
    private final CompletableFuture<Void> ready;
    private final CompletableFuture<Void> closed;
    private Link link;
    private boolean writable = true;
    private boolean everReady;
    private int reconnectAttempt;
    private final Deadlines deadlines;
    final PubSub pubSub = new PubSub(this);
    /** Whether the server agreed to RESP3 in the greeting (else RESP2); set by {@link Handshake}. */
    volatile boolean resp3;

    Pipeline(EventLoop loop, boolean ownsLoop, RedisUri uri, RedisOptions options) {
        this.loop = loop;
        this.ownsLoop = ownsLoop;
        this.uri = uri;
        this.options = options;
        this.endpoint = uri.endpoint();
        this.backoff = options.backoff();
        this.ready = loop.createFuture();
        this.closed = loop.createFuture();
        this.deadlines = new Deadlines(loop, waiters, backlog, pending, options.deadPeerTimeouts(), this::deadPeer,
                this::closeIfSettled);
    }

    /** Written commands timed out in a row with no reply: the server is gone, rebuild the connection. */
    private void deadPeer(int timeoutsInARow) {
        if (link != null) {
            LOG.log(System.Logger.Level.WARNING, "{0} commands to {1} timed out in a row with no reply: "
                    + "dropping the connection", timeoutsInARow, endpoint);
            dropLink(new RedisConnectionException("connection to " + endpoint + " stopped answering", endpoint, true,
                    null));
        }
    }

    /** See {@link Submissions#submit}. Any thread. */
    <T> Command<T> submit(Command<T> command) {
        return submissions.submit(command);
    }

    /** Starts the first connection; the future completes once the greeting succeeded. */
    CompletableFuture<Void> start() {
        loop.execute(this::connect);
        return ready;
    }

    State state() { return state; }

    /** False once close or abort began, or the connection was lost with reconnects off. */
    boolean isOpen() {
        State s = state;
        return s != State.CLOSING && s != State.CLOSED;
    }

    // ---------------------------------------------------------------- writing (loop)

    /** Takes what is queued: writes it, or keeps it in the backlog while the socket cannot take it. */
    private void drain() {
        submissions.deferred = false;
        if (state == State.CLOSED) {
            failUnsent(closedError());
        } else if ((state != State.READY && state != State.CLOSING) || !writable || link == null) {
            for (Command<?> c; (c = submissions.poll()) != null; ) {
                backlog.add(c);
            }
            deadlines.arm();
        } else {
            writeBatch();
        }
        submissions.drained();
    }

    /**
     * Encodes the backlog, then the queue, into batches and writes them;
     * while a caller holds the socket, puts them aside instead. Commands
     * unanswered (the backlog's included) keep callers out, so the check is
     * needed only for what the queue gives.
     */
    private void writeBatch() {
        if (callerWrites.held()) {
            submissions.deferred = true;
            return;
        }
        Command<?> c;
        while (writable && link != null && (c = backlog.poll()) != null) {
            encode(c);
        }
        while (writable && link != null && (c = submissions.poll()) != null) {
            if (callerWrites.held()) {
                backlog.add(c);
                submissions.deferred = true;
                break;
            }
            encode(c);
        }
        flushOut();
        deadlines.arm();
    }

    private void encode(Command<?> command) {
        if (command.isDone()) { // timed out or cancelled before it was written: never send it
            pending.decrementAndGet();
            return;
        }
        pickUpCallerWrite(); // a command a caller wrote before this one is answered before it
        int mark = out.size();
        try {
            command.encode(out);
        } catch (RuntimeException e) {
            out.truncate(mark);
            command.completeExceptionally(e);
            pending.decrementAndGet();
            return;
        }
        waiters.add(command);
        if (out.size() >= BATCH_BYTES) {
            flushOut();
        }
    }

    private void flushOut() {
        if (!out.isEmpty()) {
            link.transport.write(out.array(), 0, out.size());
            out.clear();
        }
    }

    /** Writes a command at once, ahead of the queue: the greeting and control commands. Loop only. */
    <T> Command<T> sendNow(Command<T> command) {
        pending.incrementAndGet();
        if (link == null) {
            command.completeExceptionally(new RedisConnectionException(
                    "not connected to " + endpoint, endpoint, false, null));
            pending.decrementAndGet();
            return command;
        }
        encode(command);
        flushOut();
        deadlines.arm();
        return command;
    }

    void onWritable(Link from, boolean nowWritable) {
        if (from != link) {
            return;
        }
        writable = nowWritable;
        if (nowWritable && state == State.READY) {
            writeBatch();
        }
    }

    // ---------------------------------------------------------------- reading (loop)

    void onData(Link from, ByteBuffer data) {
        if (from != link) {
            return;
        }
        pickUpCallerWrite();
        try {
            from.parser.feed(data);
            while (true) {
                Command<?> head = waiters.peek();
                Codec<?> direct = head == null ? null : head.directBulkCodec();
                bulkDecoder.codec = direct;
                Object next = from.parser.next(direct == null ? null : bulkDecoder);
                if (next == null) {
                    break;
                }
                if (!(next instanceof RespValue value)) { // a bulk reply, decoded from the read buffer
                    deadlines.replyArrived();
                    waiters.poll();
                    pending.decrementAndGet();
                    if (next instanceof BulkDecoder.Failure failure) {
                        head.completeExceptionally(failure.error()); // the codec failed: this command only
                    } else {
                        head.onDecodedBulk(next == BulkDecoder.NULL ? null : next);
                    }
                    continue;
                }
                if (value instanceof RespValue.Push push && (head == null || !head.acceptsPush(push))) {
                    pubSub.onPush(push); // out-of-band: pub/sub messages, invalidations
                    continue;
                }
                if (pubSub.isMessage(value)) {
                    continue; // a RESP2 pub/sub message on a subscribed connection
                }
                if (head == null) {
                    throw new RedisProtocolException("a reply arrived with no command waiting: " + value, -1, -1);
                }
                deadlines.replyArrived();
                if (head.isLastReply(value)) {
                    // count it answered before its future completes: completion runs the caller's code
                    waiters.poll();
                    pending.decrementAndGet();
                }
                head.onReply(value);
            }
        } catch (RedisProtocolException e) {
            LOG.log(System.Logger.Level.WARNING, "protocol error from " + endpoint + ", dropping the connection", e);
            dropLink(e);
            return;
        }
        closeIfSettled(); // after the last reply of a graceful close
    }

    // ---------------------------------------------------------------- connecting (loop)

    private void connect() {
        if (!isOpen()) {
            return;
        }
        Link attempt = new Link(this, options.limits());
        CompletableFuture<? extends Connection<Link>> connecting = Dialer.dial(loop, uri, options, attempt);
        TimerHandle connectTimer = loop.callLater(uri.connectTimeout(), () -> {
            RedisConnectionException slow = new RedisConnectionException("connecting to " + endpoint
                    + " took longer than " + uri.connectTimeout().toMillis() + " ms", endpoint, false, null);
            if (!connecting.completeExceptionally(slow) && link == attempt && state == State.GREETING) {
                attempt.transport.abort(); // the greeting hangs: the failed greeting reports it
            }
        });
        connecting.whenComplete((connection, error) -> onLoop(() -> {
            if (error != null) {
                connectTimer.cancel();
                attempt.abandon(); // should the socket still connect, it is closed at once
                connectFailed(Dialer.unwrap(error));
                return;
            }
            link = attempt;
            writable = true;
            state = State.GREETING;
            Handshake.greet(this, uri).whenComplete((ignored, greetError) -> {
                connectTimer.cancel();
                if (greetError != null) {
                    Throwable cause = Dialer.unwrap(greetError);
                    boolean stillOurs = link == attempt;
                    if (stillOurs) {
                        link = null;
                        attempt.transport.abort();
                    }
                    if (stillOurs || !everReady) { // else onLinkLost already scheduled the reconnect
                        connectFailed(cause);
                    }
                } else if (link == attempt) {
                    becameReady();
                }
            });
        }));
    }

    private void becameReady() {
        state = State.READY;
        reconnectAttempt = 0;
        deadlines.replyArrived();
        if (everReady) {
            LOG.log(System.Logger.Level.INFO, "reconnected to {0}", endpoint);
        }
        everReady = true;
        pubSub.onReconnected();
        ready.complete(null);
        writeBatch();
        if (options.callerWrites() && link.transport.writesDirect()) {
            callerWrites.open = link;
        }
    }

    /** Loop: the command a caller wrote joins the reply FIFO, and its deadline is watched. */
    private void pickUpCallerWrite() {
        Command<?> written = callerWrites.take(link);
        if (written != null) {
            waiters.add(written);
            deadlines.arm();
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
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (!isOpen()) {
            return;
        }
        state = State.RECONNECTING;
        Duration delay = backoff.delay(reconnectAttempt++);
        loop.callLater(delay, this::connect);
        if (options.failFastWhenDisconnected()) {
            failUnsent(new RedisConnectionException("connection to " + endpoint + " is down, reconnecting",
                    endpoint, false, null));
        }
        deadlines.arm();
    }

    void onLinkLost(Link from, Throwable cause) {
        if (from != link) {
            return; // a link we already let go of
        }
        linkGone(new RedisConnectionException("connection to " + endpoint + " lost"
                + (cause == null ? "" : ": " + cause.getMessage()), endpoint, true, cause), cause);
    }

    /** Gives up the current socket now (protocol error, dead peer): nothing more is written to it. */
    private void dropLink(RuntimeException reason) {
        Link dropped = link;
        linkGone(reason, reason);
        dropped.transport.abort(); // its connectionLost comes later and is ignored
    }

    private void linkGone(RuntimeException inFlightFailure, Throwable cause) {
        callerWrites.open = null;
        link = null;
        boolean closing = state == State.CLOSING || state == State.CLOSED;
        boolean reconnect = !closing && options.autoReconnect() && everReady;
        pubSub.onLinkLost(); // the client-side cache forgets everything before anyone hears of the loss
        // The new state first: failing the futures runs callers' code, which must see it.
        if (reconnect) {
            state = State.RECONNECTING;
        } else if (closing || everReady) {
            state = State.CLOSED;
        }
        failInFlight(inFlightFailure);
        if (reconnect) {
            LOG.log(System.Logger.Level.WARNING, "connection to {0} lost, reconnecting", endpoint);
            scheduleReconnect();
        } else if (closing) {
            shutDown(closedError());
        } else if (everReady) {
            shutDown(new RedisConnectionException("connection to " + endpoint + " lost", endpoint, false, cause));
        }
    }

    // ---------------------------------------------------------------- closing and failing (loop)

    /** Stops taking commands, lets the submitted ones finish, then closes. Any thread. */
    CompletableFuture<Void> close() {
        onLoop(() -> {
            if (!isOpen()) {
                return;
            }
            boolean connected = link != null && state == State.READY;
            state = State.CLOSING;
            callerWrites.open = null;
            if (!connected) {
                if (link != null) {
                    link.transport.abort();
                    link = null;
                }
                shutDown(closedError());
                return;
            }
            writeBatch(); // what was submitted before close still goes out
            closeIfSettled();
        });
        return closed;
    }

    /** Closing: the socket goes once nothing submitted waits for an answer; a timed-out command does not. */
    private void closeIfSettled() {
        if (state == State.CLOSING && link != null && submissions.pending() == waiters.doneCount()) {
            link.transport.close();
        }
    }

    /** Closes at once; everything pending fails. Any thread. */
    void abort() {
        onLoop(() -> {
            state = State.CLOSING;
            callerWrites.open = null;
            if (link != null) {
                link.transport.abort();
            } else {
                shutDown(closedError());
            }
        });
    }

    private void shutDown(RedisException reason) {
        state = State.CLOSED;
        callerWrites.open = null;
        failInFlight(reason);
        failUnsent(reason);
        deadlines.cancel();
        ready.completeExceptionally(reason);
        if (ownsLoop) {
            loop.shutdownGracefully().whenComplete((v, e) -> closed.complete(null));
        } else {
            closed.complete(null);
        }
    }

    private void failInFlight(RuntimeException reason) {
        pickUpCallerWrite(); // written to a socket let go of: fails as lost
        for (Command<?> c; (c = waiters.poll()) != null; ) {
            c.completeExceptionally(reason);
            pending.decrementAndGet();
        }
    }

    private void failUnsent(RuntimeException reason) {
        RuntimeException unsent = reason instanceof RedisConnectionException rce && rce.mayHaveExecuted()
                ? new RedisConnectionException(rce.getMessage(), endpoint, false, rce.getCause()) : reason;
        for (Command<?> c; (c = backlog.poll()) != null; ) {
            c.completeExceptionally(unsent);
            pending.decrementAndGet();
        }
        for (Command<?> c; (c = submissions.poll()) != null; ) {
            c.completeExceptionally(unsent);
            pending.decrementAndGet();
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

    RedisConnectionException lostError() {
        return new RedisConnectionException("connection to " + endpoint + " lost", endpoint, true, null);
    }

    RedisConnectionException closedError() {
        return new RedisConnectionException("connection to " + endpoint + " is closed", endpoint, false, null);
    }
}
