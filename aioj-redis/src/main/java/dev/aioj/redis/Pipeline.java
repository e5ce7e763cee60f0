package dev.aioj.redis;

import dev.aioj.loop.EventLoop;
import dev.aioj.redis.resp.RespOutput;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one owner of a {@link RedisConnection}'s state: what is submitted and
 * not yet written, what is written and awaits its reply, whether a caller may
 * write to the socket itself, and the socket's life. This file holds that
 * state, the submission and the loop's write path. Three parts, one concept
 * each, hold a reference back to it and ask it, never writing its fields:
 * {@link CallerTurns} (a caller's turn at writing the socket itself), {@link
 * Replies} (reading: each reply matched to the head of the FIFO) and {@link
 * Lifecycle} (connect, greet, reconnect, close: it moves {@code state} and
 * {@code link} on, through {@link #greeting}, {@link #greeted}, {@link
 * #enter} and {@link #letGoOfLink}). The other classes of the write path are
 * leaves: {@link CommandQueue} (the lock-free submission queue), {@link
 * ReplyWaiters} (the reply FIFO), {@link CallerWrites} (a caller's own
 * encoding and write), {@link Deadlines} (timeouts; it reports to {@link
 * Lifecycle#expired}). Only this class changes the pending count and the
 * claim on the socket ({@link #claim}, {@link #release}, {@link #settled}),
 * and commands join the reply FIFO only here ({@link #encode}, {@link
 * #pickUpCallerWrite}).
 *
 * <p>The walk of one command ({@code docs/architecture.md} lists it step by step):
 * <ol>
 *   <li>{@link #submit} (caller's thread): on an idle connection the caller
 *       claims the socket and writes the command itself ({@link
 *       CallerTurns#tryWrite}); otherwise it is counted, queued, and at most
 *       one drain is scheduled on the loop.</li>
 *   <li>{@link #drain} (loop): encodes every queued command into one buffer
 *       and writes it once; each written command joins the reply FIFO.</li>
 *   <li>{@link Replies#onData} (loop): the parser gives each complete reply
 *       to {@link Replies}, which matches it to the head of the FIFO and
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
 * batch from the loop beats a write plus a batch: the next {@link
 * CallerTurns#BACK_OFF} idle moments go to the queue.
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
 * <p>Thread contract: {@link #submit}, {@link #pending}, {@link #state} and
 * {@link #isOpen} from any thread, and {@link #idle}, {@link #claim}, {@link
 * #release} and {@link #releaseUnwritten} from a submitting caller's (closing
 * is {@link Lifecycle#close}'s, from any thread); everything else on the loop
 * thread.
 */
final class Pipeline {

    /** Encoded bytes after which a batch is handed to the transport before encoding more. */
    private static final int BATCH_BYTES = 256 * 1024;

    /** Set in {@link #pending} while a caller owns the socket; private to this class. */
    private static final long HELD = 1L << 62;
    private static final long COUNT = HELD - 1;

    enum State { CONNECTING, GREETING, READY, RECONNECTING, CLOSING, CLOSED }

    final EventLoop loop;
    final RedisUri uri;
    final RedisOptions options;
    final String endpoint;

    // Touched by submitting threads.
    /** Moved on by {@link Lifecycle}, on the loop ({@link #greeting}, {@link #greeted}, {@link #enter}). */
    private volatile State state = State.CONNECTING;
    /** Commands submitted and not answered (or failed), plus {@link #HELD} while a caller writes. */
    private final AtomicLong pending = new AtomicLong();
    private final CommandQueue queue = new CommandQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    /** The loop put commands aside because a caller held the socket: they wait for its release. */
    private volatile boolean deferred;
    private final CallerWrites callerWrites = new CallerWrites();
    final CallerTurns callers;

    // Loop thread only.
    final ReplyWaiters waiters = new ReplyWaiters();
    private final ArrayDeque<Command<?>> backlog = new ArrayDeque<>();
    private final RespOutput out = new RespOutput();
    final Deadlines deadlines;
    final Lifecycle lifecycle;
    final Replies replies;
    /** The socket commands are written to; null between sockets. */
    private Link link;
    /** The transport takes more bytes: false between its pauseWriting and resumeWriting. */
    private boolean writable = true;
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
        this.uri = uri;
        this.options = options;
        this.endpoint = uri.endpoint();
        this.telemetry = new Telemetry(RedisEndpoint.of(uri), options.observer());
        this.callers = new CallerTurns(this, callerWrites);
        this.lifecycle = new Lifecycle(this, ownsLoop);
        this.deadlines = new Deadlines(loop, waiters, backlog, options.deadPeerTimeouts(), lifecycle::expired,
                telemetry);
        this.replies = new Replies(this);
    }

    State state() { return state; }

    /** The socket commands are written to, null between sockets. Loop. */
    Link link() {
        return link;
    }

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
        if (callers.tryWrite(command)) {
            return command.future;
        }
        long max = options.maxPending();
        long now = pending.incrementAndGet();
        if ((now & HELD) != 0 || callerWrites.hasUntaken()) { // queued behind a caller's unanswered write
            callers.backOff();
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

    /** Whether nothing is pending and no caller holds the socket: a caller may try to claim it. Any thread. */
    boolean idle() {
        return pending.get() == 0;
    }

    /** A caller claims the socket and counts its command: pending goes from 0 to {@link #HELD} + 1. Any thread. */
    boolean claim() {
        return pending.compareAndSet(0, HELD | 1);
    }

    /** The claiming caller wrote its command (or handed its rest to the loop, which wrote it). Any thread. */
    void release() {
        release(HELD);
    }

    /** The claiming caller's command failed to encode: nothing was written, it leaves the count too. Any thread. */
    void releaseUnwritten() {
        release(HELD | 1);
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
    void writeBatch() {
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
    void pickUpCallerWrite() {
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

    /**
     * Deadlines failed commands: drops the unsent ones. They expire oldest first, so from the head of the
     * backlog: no walk over a long backlog per timer. A cancelled command further back is dropped when the
     * drain reaches it. Loop, from {@link Lifecycle#expired}.
     */
    void dropExpiredUnsent() {
        int dropped = 0;
        while (!backlog.isEmpty() && backlog.peek().isDone()) {
            backlog.poll();
            dropped++;
        }
        pending.addAndGet(-dropped);
    }

    // ---------------------------------------------------------------- the socket's life, moved by Lifecycle (loop)

    /** A socket connected: commands go to it from now on, the greeting's first. */
    void greeting(Link attempt) {
        link = attempt;
        writable = true;
        state = State.GREETING;
    }

    /** The greeting succeeded: the server no longer refuses us. */
    void greeted() {
        state = State.READY;
        refused = null;
    }

    /** The server refused the greeting: unsent commands fail with {@code refusal} until one succeeds. */
    void refused(RedisConnectionException refusal) {
        refused = refusal;
        failUnsent(refusal);
    }

    /** RECONNECTING, CLOSING or CLOSED. */
    void enter(State next) {
        state = next;
    }

    /** The socket is let go of: nothing more is written to it, and its callbacks are ignored. */
    void letGoOfLink() {
        link = null;
    }

    // ---------------------------------------------------------------- failing (loop)

    /** One command leaves the count: answered ({@link Replies}) or failed ({@link CallerTurns}). */
    void settled() {
        pending.decrementAndGet();
    }

    /** Fails every command written and not answered: they may have run on the server. Loop. */
    void failInFlight(RuntimeException reason) {
        pickUpCallerWrite(); // written to a socket let go of: fails as lost
        for (Command<?> c; (c = waiters.poll()) != null; ) {
            c.completeExceptionally(reason);
            pending.decrementAndGet();
        }
    }

    /** Fails every command not yet written: they never reached the server. Loop. */
    void failUnsent(RuntimeException reason) {
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

    RedisConnectionException lostError() {
        return new RedisConnectionException("connection to " + endpoint + " lost", endpoint, true, null);
    }

    RedisConnectionException closedError() {
        return new RedisConnectionException("connection to " + endpoint + " is closed", endpoint, false, null);
    }
}
