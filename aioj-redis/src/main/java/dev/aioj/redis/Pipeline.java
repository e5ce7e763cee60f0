package dev.aioj.redis;

import dev.aioj.internal.DirectWrites;
import dev.aioj.loop.EventLoop;
import dev.aioj.loop.TimerHandle;
import dev.aioj.net.Connection;
import dev.aioj.redis.resp.FrameHandler;
import dev.aioj.redis.resp.RespOutput;
import dev.aioj.redis.resp.RespProtocolException;
import dev.aioj.redis.resp.RespValue;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one owner of a {@link RedisConnection}'s state: what is submitted and
 * not yet written, what is written and awaits its reply, whether a caller may
 * write to the socket itself, and the socket's life. Every other class of the
 * write path is a leaf it calls: {@link CommandQueue} (the lock-free
 * submission queue), {@link ReplyWaiters} (the reply FIFO), {@link
 * CallerWrites} (a caller's own encoding and write), {@link Deadlines}
 * (timeouts; it reports back through {@link Deadlines.Expired}). None of them
 * changes the pending count or the claim on the socket; only this class does.
 *
 * <p>The walk of one command ({@code docs/architecture.md} lists it step by step):
 * <ol>
 *   <li>{@link #submit} (caller's thread): on an idle connection the caller
 *       claims the socket and writes the command itself ({@link
 *       #tryCallerWrite}); otherwise it is counted, queued, and at most one
 *       drain is scheduled on the loop.</li>
 *   <li>{@link #drain} (loop): encodes every queued command into one buffer
 *       and writes it once; each written command joins the reply FIFO.</li>
 *   <li>{@link #onData} (loop): the parser gives each complete reply to
 *       {@link Replies}, which matches it to the head of the FIFO and
 *       completes that command's future, on the loop thread.</li>
 * </ol>
 *
 * <p>Pending count and claim: {@code pending} counts commands submitted and
 * not answered, with {@code HELD} set while a caller owns the socket. A
 * caller may write only after moving it from 0 to {@code HELD + 1}: at 0
 * nothing is unanswered, so nothing is queued in the transport or being
 * written; while {@code HELD} is set the loop writes nothing (what is
 * submitted meanwhile waits, {@code deferred}, and the release schedules the
 * drain). Nothing wakes the loop for a caller's command until its reply
 * comes; a watch ticking every {@link CallerWrites#WATCH} while callers write
 * takes it in if no reply does, and the deadlines take over. When commands
 * queue behind a caller's unanswered write, the connection is busy, and one
 * batch from the loop beats a write plus a batch: the next {@link #BACK_OFF}
 * idle moments go to the queue.
 *
 * <p>Who encodes where, who wakes whom: a queued command is encoded on the
 * loop, in the drain; a caller-written one on its caller's thread. A
 * submitting thread wakes the loop only to schedule a drain when none is
 * scheduled; a caller that writes itself wakes nobody, its reply wakes the
 * loop (the socket turns readable). The loop completes each future; that
 * wakes a caller blocked in {@code join()} (the future's own waiter, see
 * {@code LoopFuture}).
 *
 * <pre>
 * CONNECTING -&gt; GREETING -&gt; READY -&gt; (lost) RECONNECTING -&gt; GREETING -&gt; READY ...
 *                                   -&gt; CLOSING (close asked: finish in-flight) -&gt; CLOSED
 * </pre>
 *
 * <p>Thread contract: {@link #submit}, {@link #pending}, {@link #state},
 * {@link #isOpen}, {@link #close} and {@link #abort} from any thread;
 * everything else on the loop thread.
 */
final class Pipeline {

    private static final System.Logger LOG = System.getLogger(Pipeline.class.getName());

    /** Encoded bytes after which a batch is handed to the transport before encoding more. */
    private static final int BATCH_BYTES = 256 * 1024;

    /** Set in {@link #pending} while a caller owns the socket; private to this class. */
    private static final long HELD = 1L << 62;
    private static final long COUNT = HELD - 1;

    /** Idle moments left to the queue after commands queued behind a caller's write. */
    static final int BACK_OFF = 1024;

    enum State { CONNECTING, GREETING, READY, RECONNECTING, CLOSING, CLOSED }

    final EventLoop loop;
    final RedisUri uri;
    final RedisOptions options;
    final String endpoint;
    private final boolean ownsLoop;

    // Touched by submitting threads.
    private volatile State state = State.CONNECTING;
    /** Commands submitted and not answered (or failed), plus {@link #HELD} while a caller writes. */
    private final AtomicLong pending = new AtomicLong();
    private final CommandQueue queue = new CommandQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    /** The loop put commands aside because a caller held the socket: they wait for its release. */
    private volatile boolean deferred;
    /** The socket callers may write to now; null while they may not. Written on the loop. */
    private volatile Link callerOpen;
    private final CallerWrites callerWrites = new CallerWrites();
    /** Idle moments still to leave to the queue; updated racily, as a hint. */
    private volatile int skips;
    private volatile boolean watching;
    private final Runnable startWatch = this::startWatch;
    private final Runnable watchTick = this::watchTick;
    private final Runnable pickUpCallerWrite = this::pickUpCallerWrite;

    // Loop thread only.
    private final ReplyWaiters waiters = new ReplyWaiters();
    private final ArrayDeque<Command<?>> backlog = new ArrayDeque<>();
    private final RespOutput out = new RespOutput();
    private final Replies replies = new Replies();
    private final BackoffPolicy backoff;
    private final CompletableFuture<Void> ready;
    private final CompletableFuture<Void> closed;
    private final Deadlines deadlines;
    private Link link;
    private boolean writable = true;
    private boolean everReady;
    private int reconnectAttempt;
    private int writesSeen;
    /** The server refused the last greeting (wrong password, ...): unsent commands fail with it until one succeeds. */
    private RedisConnectionException refused;
    final PubSub pubSub = new PubSub(this);
    /** JFR events and the user's observer; {@code telemetry.observer} is null when none is registered. */
    final Telemetry telemetry;
    /** Commands encoded into {@link #out} since its last write: the batch size JFR and observers hear. */
    private int batchCommands;
    /** Whether the server agreed to RESP3 in the greeting (else RESP2). */
    private volatile boolean resp3;

    Pipeline(EventLoop loop, boolean ownsLoop, RedisUri uri, RedisOptions options) {
        this.loop = loop;
        this.ownsLoop = ownsLoop;
        this.uri = uri;
        this.options = options;
        this.endpoint = uri.endpoint();
        this.backoff = options.backoff();
        this.telemetry = new Telemetry(RedisEndpoint.of(uri), options.observer());
        this.ready = loop.createFuture();
        this.closed = loop.createFuture();
        this.deadlines = new Deadlines(loop, waiters, backlog, options.deadPeerTimeouts(), this::expired,
                telemetry);
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

    /** Commands submitted and not yet answered (or failed). Any thread. */
    long pending() {
        return pending.get() & COUNT;
    }

    /** The greeting settled the protocol. Loop, from {@link Handshake}. */
    void negotiated(boolean resp3) {
        this.resp3 = resp3;
    }

    /** Whether the server speaks RESP3 to us. */
    boolean resp3() {
        return resp3;
    }

    // ---------------------------------------------------------------- submitting (any thread)

    /** Writes {@code command} at once if the connection is idle, else queues it for the loop. Any thread. */
    <T> CompletableFuture<T> submit(Command<T> command) {
        if (telemetry.observer != null) telemetry.commandSubmitted(command);
        State s = state;
        if (s == State.CLOSING || s == State.CLOSED) {
            command.completeExceptionally(closedError());
            return command.future;
        }
        if ((s == State.RECONNECTING || s == State.GREETING) && options.failFastWhenDisconnected()) {
            command.completeExceptionally(new RedisConnectionException(
                    "connection to " + endpoint + " is down, reconnecting", endpoint, false, null));
            return command.future;
        }
        if (tryCallerWrite(command)) {
            return command.future;
        }
        long max = options.maxPending();
        long now = pending.incrementAndGet();
        if ((now & HELD) != 0 || callerWrites.hasUntaken()) { // queued behind a caller's unanswered write
            skips = BACK_OFF;
        }
        if ((now & COUNT) > max && max > 0) {
            pending.decrementAndGet();
            command.completeExceptionally(new RedisQueueFullException(max));
            return command.future;
        }
        queue.offer(command);
        if (!drainScheduled.get() && drainScheduled.compareAndSet(false, true)) {
            try {
                loop.execute(drainTask);
            } catch (RejectedExecutionException e) {
                drainScheduled.set(false);
                command.completeExceptionally(new RedisConnectionException(
                        "the event loop of " + endpoint + " has terminated", endpoint, false, e));
            }
        }
        return command.future;
    }

    /**
     * Writes {@code command} from the caller's thread if the connection is
     * idle (nothing pending) and callers may write; false if it must take the
     * queue. Counts the command as pending when it returns true.
     */
    private boolean tryCallerWrite(Command<?> command) {
        Link to = callerOpen;
        if (to == null || pending.get() != 0 || !CallerWrites.eligible(command) || loop.inEventLoop()) {
            return false;
        }
        if (skips > 0) {
            skips--;
            return false;
        }
        if (!pending.compareAndSet(0, HELD | 1)) {
            return false;
        }
        byte[] rest;
        try {
            rest = callerWrites.write(to, (DirectWrites) to.transport, command);
        } catch (RuntimeException e) { // encoding failed: nothing was published or written
            release(HELD | 1);
            command.completeExceptionally(e);
            return true;
        }
        if (rest == null) {
            release(HELD);
        } else {
            handRestToLoop(to, command, rest);
        }
        if (callerOpen != to) {
            onLoop(pickUpCallerWrite, command); // the socket went away meanwhile: no reply will wake the loop
        } else if (!watching) {
            onLoop(startWatch, command);
        }
        return true;
    }

    /** The socket took part of a caller's bytes: the loop queues the rest, still ahead of everything else. */
    private void handRestToLoop(Link to, Command<?> command, byte[] rest) {
        try {
            loop.execute(() -> {
                to.transport.write(rest);
                release(HELD);
            });
        } catch (RejectedExecutionException e) {
            release(HELD);
            failIfNotTaken(command);
        }
    }

    /** A caller gives the socket back; what the loop put aside meanwhile (or what came since) is drained. */
    private void release(long delta) {
        pending.addAndGet(-delta);
        if ((deferred || !queue.isEmpty()) && drainScheduled.compareAndSet(false, true)) {
            try {
                loop.execute(drainTask);
            } catch (RejectedExecutionException e) {
                drainScheduled.set(false); // the loop is gone; its shutdown failed what was queued
            }
        }
    }

    private void onLoop(Runnable task, Command<?> command) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            failIfNotTaken(command);
        }
    }

    /** The loop is gone: fail the caller's command unless the loop took it in before it stopped. */
    private void failIfNotTaken(Command<?> command) {
        if (callerWrites.untake(command)) {
            command.completeExceptionally(closedError());
            pending.decrementAndGet();
        }
    }

    private boolean held() {
        return (pending.get() & HELD) != 0;
    }

    // ---------------------------------------------------------------- writing (loop)

    /** Takes what is queued: writes it, or keeps it in the backlog while the socket cannot take it. */
    private void drain() {
        deferred = false;
        if (state == State.CLOSED) {
            failUnsent(closedError());
        } else if (refused != null && state != State.READY && state != State.CLOSING) {
            failUnsent(refused);
        } else if ((state != State.READY && state != State.CLOSING) || !writable || link == null) {
            for (Command<?> c; (c = queue.poll()) != null; ) {
                backlog.add(c);
            }
            deadlines.arm();
        } else {
            writeBatch();
        }
        // Clear the flag, then look again: a command queued after this check finds the flag clear and
        // schedules the drain itself; a caller letting go after it does so in release.
        drainScheduled.set(false);
        if ((!queue.isEmpty() || deferred) && !held() && drainScheduled.compareAndSet(false, true)) {
            loop.execute(drainTask);
        }
    }

    /**
     * Encodes the backlog, then the queue, into batches and writes them;
     * while a caller holds the socket, puts them aside instead. Commands
     * unanswered (the backlog's included) keep callers out, so the check is
     * needed only for what the queue gives.
     */
    private void writeBatch() {
        if (held()) {
            deferred = true;
            return;
        }
        Command<?> c;
        while (writable && link != null && (c = backlog.poll()) != null) {
            encode(c);
        }
        while (writable && link != null && (c = queue.poll()) != null) {
            if (held()) {
                backlog.add(c);
                deferred = true;
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
        batchCommands++;
        if (out.size() >= BATCH_BYTES) {
            flushOut();
        }
    }

    private void flushOut() {
        if (!out.isEmpty()) {
            link.transport.write(out.array(), 0, out.size());
            telemetry.batchWritten(batchCommands, out.size()); // JFR's isEnabled and the observer's null check
            batchCommands = 0;
            out.clear();
        }
    }

    /** Writes a command at once, ahead of the queue: the greeting and control commands. Loop only. */
    <T> CompletableFuture<T> sendNow(Command<T> command) {
        pending.incrementAndGet();
        if (link == null) {
            command.completeExceptionally(new RedisConnectionException(
                    "not connected to " + endpoint, endpoint, false, null));
            pending.decrementAndGet();
            return command.future;
        }
        encode(command);
        flushOut();
        deadlines.arm();
        return command.future;
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

    /** Loop: the command a caller wrote joins the reply FIFO, and its deadline is watched. */
    private void pickUpCallerWrite() {
        Command<?> written = callerWrites.take();
        if (written == null) {
            return;
        }
        if (link != null && callerWrites.takenFrom() == link) {
            waiters.add(written);
            deadlines.arm();
        } else { // written to a socket since let go of: its reply can no longer come
            written.completeExceptionally(lostError());
            pending.decrementAndGet();
        }
    }

    private void startWatch() {
        if (!watching) {
            watching = true;
            writesSeen = callerWrites.writes();
            loop.callLater(CallerWrites.WATCH, watchTick);
        }
    }

    /** Loop: takes in what callers wrote, and ticks again while they keep writing. */
    private void watchTick() {
        pickUpCallerWrite();
        int now = callerWrites.writes();
        if (now == writesSeen) {
            watching = false;
            if (callerWrites.writes() == now) {
                return; // a caller writing after this sees watching false and starts the watch again
            }
            watching = true;
        }
        writesSeen = callerWrites.writes();
        loop.callLater(CallerWrites.WATCH, watchTick);
    }

    /**
     * Deadlines failed commands: drop the unsent ones (they expire oldest first, so from the head of the
     * backlog: no walk over a long backlog per timer), let a dead peer go, re-arm, maybe finish a close.
     * A cancelled command further back is dropped when the drain reaches it.
     */
    private void expired(int deadPeerTimeouts) {
        int dropped = 0;
        while (!backlog.isEmpty() && backlog.peek().isDone()) {
            backlog.poll();
            dropped++;
        }
        pending.addAndGet(-dropped);
        if (deadPeerTimeouts > 0) {
            deadPeer(deadPeerTimeouts);
        }
        deadlines.arm();
        closeIfSettled(); // a close waiting only on what just expired can finish
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

    // ---------------------------------------------------------------- reading (loop)

    /** Bytes from {@code from}'s socket: every complete reply goes to {@link #replies}. */
    void onData(Link from, ByteBuffer data) {
        if (from != link) {
            return;
        }
        pickUpCallerWrite();
        try {
            from.parser.feed(data);
            while (from.parser.next(replies)) {
                if (link != from) {
                    return; // a reply's callback closed or aborted the connection
                }
            }
        } catch (RespProtocolException e) {
            protocolError(RedisProtocolException.from(e));
            return;
        } catch (RedisProtocolException e) {
            protocolError(e);
            return;
        }
        closeIfSettled(); // after the last reply of a graceful close
    }

    private void protocolError(RedisProtocolException e) {
        LOG.log(System.Logger.Level.WARNING, "protocol error from " + endpoint + ", dropping the connection", e);
        dropLink(e);
    }

    /**
     * Matches each reply to the command at the head of the FIFO, in order,
     * and completes its future there, on the loop thread. Out-of-band frames
     * (RESP3 pushes, RESP2 pub/sub messages) go to {@link PubSub}.
     */
    private final class Replies implements FrameHandler {

        @Override
        public boolean takesBulk() {
            Command<?> head = waiters.peek();
            return head != null && head.takesBulk();
        }

        /** A GET-like command's bulk reply, decoded from the parser's buffer by the command's codec. */
        @Override
        public void bulk(byte[] buffer, int offset, int length) {
            deadlines.replyArrived();
            Command<?> head = waiters.poll();
            pending.decrementAndGet(); // counted answered before its future completes: that runs the caller's code
            head.onBulk(buffer, offset, length);
        }

        @Override
        public void value(RespValue value) {
            while (value instanceof RespValue.Attributed attributed) {
                value = attributed.value(); // RESP3 attributes decorate any frame, pushes too: metadata only
            }
            Command<?> head = waiters.peek();
            if (value instanceof RespValue.Push push && (head == null || !head.acceptsPush(push))) {
                pubSub.onPush(push); // out-of-band: pub/sub messages, invalidations
                return;
            }
            if (pubSub.isMessage(value)) {
                return; // a RESP2 pub/sub message on a subscribed connection
            }
            if (head == null) {
                throw new RedisProtocolException("a reply arrived with no command waiting: " + value,
                        link.parser.position(), -1);
            }
            deadlines.replyArrived();
            if (head.isLastReply(value)) {
                waiters.poll();
                pending.decrementAndGet(); // counted answered before its future completes
            }
            head.onReply(value);
        }
    }

    // ---------------------------------------------------------------- connecting (loop)

    private void connect() {
        if (!isOpen()) {
            return;
        }
        Link attempt = new Link(this, options.limits());
        telemetry.dialing(reconnectAttempt);
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
                Throwable cause = Dialer.unwrap(error);
                telemetry.dialed(cause);
                connectFailed(cause);
                return;
            }
            telemetry.dialed(null);
            link = attempt;
            writable = true;
            state = State.GREETING;
            Handshake.greet(this, uri).whenComplete((ignored, greetError) -> {
                connectTimer.cancel();
                if (greetError != null) {
                    Throwable cause = Dialer.unwrap(greetError);
                    telemetry.greeted(0, cause);
                    boolean stillOurs = link == attempt;
                    if (stillOurs) {
                        link = null;
                        attempt.transport.abort();
                    }
                    if (stillOurs || !everReady) { // else onLinkLost already scheduled the reconnect
                        connectFailed(cause);
                    }
                } else if (link == attempt) {
                    telemetry.greeted(resp3 ? 3 : 2, null);
                    becameReady();
                }
            });
        }));
    }

    private void becameReady() {
        state = State.READY;
        reconnectAttempt = 0;
        refused = null;
        deadlines.replyArrived();
        if (everReady) {
            LOG.log(System.Logger.Level.INFO, "reconnected to {0}", endpoint);
        }
        everReady = true;
        pubSub.onReconnected();
        ready.complete(null);
        writeBatch();
        if (options.callerWrites() && link.transport instanceof DirectWrites) {
            callerOpen = link; // plain TCP or unix: a caller may write itself (TLS: never)
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
            refused = new RedisConnectionException("reconnect to " + endpoint + " refused: " + r.getMessage(), endpoint,
                    false, r);
            failUnsent(refused);
        }
        scheduleReconnect(cause);
    }

    /** Tries again after the backoff's delay; {@code cause} is why the connection is down (for telemetry). */
    private void scheduleReconnect(Throwable cause) {
        if (!isOpen()) {
            return;
        }
        state = State.RECONNECTING;
        Duration delay = backoff.delay(reconnectAttempt++);
        telemetry.reconnectScheduled(reconnectAttempt, delay, cause);
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
        callerOpen = null;
        link = null;
        boolean closing = state == State.CLOSING || state == State.CLOSED;
        telemetry.disconnected(closing ? null : inFlightFailure);
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
            scheduleReconnect(inFlightFailure);
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
            callerOpen = null;
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
        if (state == State.CLOSING && link != null && pending() == waiters.doneCount()) {
            link.transport.close();
        }
    }

    /** Closes at once; everything pending fails. Any thread. */
    void abort() {
        onLoop(() -> {
            state = State.CLOSING;
            callerOpen = null;
            if (link != null) {
                link.transport.abort();
            } else {
                shutDown(closedError());
            }
        });
    }

    private void shutDown(RedisException reason) {
        state = State.CLOSED;
        callerOpen = null;
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
        for (Command<?> c; (c = queue.poll()) != null; ) {
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
