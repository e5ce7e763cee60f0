package dev.aioj.redis;

import dev.aioj.redis.resp.RespOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes a command from the caller's thread when its connection is idle, so
 * a lone request is not handed to the loop first: a blocking caller's round
 * trip costs one thread hand-off (the reply), as with a synchronous client,
 * instead of two. Busy connections take the loop's batched path as before.
 *
 * <p>How the order of bytes and the reply FIFO stay right: a caller may write
 * only after moving the pipeline's pending count from 0 to {@code HELD + 1}.
 * At 0 nothing is unanswered, so nothing is queued in the transport or being
 * written; while {@code HELD} is set the loop writes nothing to the socket
 * (commands submitted meanwhile wait, and the release schedules their drain).
 * The command is published before its bytes go out, so the loop {@linkplain
 * #take takes it into the FIFO} before its reply can arrive.
 *
 * <p>When commands are queued while a caller-written one is still unanswered
 * (other threads share the connection, or this one pipelines), the
 * connection is busy rather than idle, and one batch from the loop beats a
 * caller's write plus a batch: the next {@link #BACK_OFF} idle moments go to
 * the queue ({@link #queuedBehind}).
 *
 * <p>Nothing wakes the loop for a command written so until its reply comes;
 * if none comes, a watch ticking every {@link #WATCH} while callers
 * write takes the command in, and the pipeline's deadlines take over. So
 * only commands whose timeout is at least one tick (or none) are written
 * here: their deadline is met exactly.
 *
 * <p>Thread contract: {@link #tryWrite} from any thread but the loop's;
 * {@link #open} is set and {@link #take} called on the loop.
 */
final class CallerWrites {

    /** Set in the pending count while a caller owns the socket. */
    static final long HELD = 1L << 62;
    /** The pending count without {@link #HELD}. */
    static final long COUNT = HELD - 1;
    /** How often the loop takes in written commands no reply has woken it for yet. */
    static final Duration WATCH = Duration.ofMillis(50);
    static final long WATCH_NANOS = WATCH.toNanos();

    /** Idle moments left to the queue after commands queued behind a caller's write. */
    static final int BACK_OFF = 1024;

    private final Pipeline pipeline;
    private final AtomicLong pending;
    /** Loop: take the written command into the FIFO and arm its deadline. */
    private final Runnable pickUp;
    private final Runnable startWatch = this::startWatch;
    private final Runnable watchTick = this::watchTick;

    /** The socket callers may write to now; null while they may not. Written on the loop. */
    volatile Link open;

    // Owned by the caller holding HELD.
    private final RespOutput out = new RespOutput(1024);
    private ByteBuffer outBuffer = ByteBuffer.wrap(out.array());

    /** The command a caller wrote and the loop has not taken yet, and the socket it went to. */
    private final AtomicReference<Command<?>> written = new AtomicReference<>();
    private volatile Link writtenOn;
    private volatile int writes;
    private volatile boolean watching;
    /** Idle moments still to leave to the queue; updated racily, as a hint. */
    private volatile int skips;
    private int writesSeen; // loop

    CallerWrites(Pipeline pipeline, AtomicLong pending, Runnable pickUp) {
        this.pipeline = pipeline;
        this.pending = pending;
        this.pickUp = pickUp;
    }

    /** True while a caller owns the socket: the loop must not write. Any thread. */
    boolean held() {
        return (pending.get() & HELD) != 0;
    }

    /**
     * Writes {@code command} now if the connection is idle; false if it must
     * take the queue. Counts the command as pending when it returns true.
     */
    boolean tryWrite(Command<?> command) {
        Link link = open;
        if (link == null || pending.get() != 0 || !eligible(command) || pipeline.loop.inEventLoop()) {
            return false;
        }
        if (skips > 0) {
            skips--;
            return false;
        }
        if (!pending.compareAndSet(0, HELD | 1)) {
            return false;
        }
        out.clear();
        try {
            command.encode(out);
        } catch (RuntimeException e) {
            release(HELD | 1);
            command.completeExceptionally(e);
            return true;
        }
        writtenOn = link;
        written.set(command); // before the bytes: the reply may be read before writeDirect returns
        writes++;
        ByteBuffer bytes = buffer();
        boolean failed = false;
        try {
            link.transport.writeDirect(bytes); // -1 (closing) leaves every byte for the loop, which drops them
        } catch (IOException e) {
            failed = true; // the loop sees the socket fail and fails the command with the others
        }
        byte[] rest = failed || !bytes.hasRemaining() ? null
                : Arrays.copyOfRange(bytes.array(), bytes.position(), bytes.limit());
        out.clear(); // while still ours: a large command's array is dropped now, not at the next write
        if (rest == null) {
            release(HELD);
        } else {
            handRestToLoop(link, command, rest);
        }
        if (open != link) {
            onLoop(pickUp, command); // the socket went away meanwhile: no reply will wake the loop for it
        } else if (!watching) {
            onLoop(startWatch, command);
        }
        return true;
    }

    /**
     * A command was queued with {@code pendingNow} counted: if a caller held
     * the socket or its command is still unanswered (the loop has not taken
     * it in), leave the next idle moments to the queue. Any thread.
     */
    void queuedBehind(long pendingNow) {
        if ((pendingNow & HELD) != 0 || written.get() != null) { // not taken in: no reply has come for it
            skips = BACK_OFF;
        }
    }

    private static boolean eligible(Command<?> command) {
        long timeout = command.settings.timeoutNanos();
        return (timeout == 0 || timeout >= WATCH_NANOS) && !command.isDone();
    }

    private ByteBuffer buffer() {
        if (outBuffer.array() != out.array()) {
            outBuffer = ByteBuffer.wrap(out.array());
        }
        return outBuffer.limit(out.size()).position(0);
    }

    /** The socket took part of the bytes: the loop queues the rest, still ahead of everything else. */
    private void handRestToLoop(Link link, Command<?> command, byte[] rest) {
        try {
            pipeline.loop.execute(() -> {
                link.transport.write(rest);
                release(HELD);
            });
        } catch (RejectedExecutionException e) {
            release(HELD);
            failIfNotTaken(command);
        }
    }

    /** Gives the socket back; if the loop put commands aside meanwhile, schedules their drain. */
    private void release(long delta) {
        pending.addAndGet(-delta);
        pipeline.submissions.drainIfDeferred();
    }

    private void onLoop(Runnable task, Command<?> command) {
        try {
            pipeline.loop.execute(task);
        } catch (RejectedExecutionException e) {
            failIfNotTaken(command);
        }
    }

    /** The loop is gone: fail the command unless the loop took it in before it stopped. */
    private void failIfNotTaken(Command<?> command) {
        if (written.compareAndSet(command, null)) {
            command.completeExceptionally(pipeline.closedError());
            pending.decrementAndGet();
        }
    }

    /**
     * Loop: the command a caller wrote to {@code current}, to be put at the
     * tail of the reply FIFO, or null. One written to a socket since let go of
     * fails here: its reply can no longer come.
     */
    Command<?> take(Link current) {
        if (written.get() == null) {
            return null;
        }
        Link on = writtenOn;
        Command<?> command = written.getAndSet(null);
        if (command == null || (on == current && current != null)) {
            return command;
        }
        command.completeExceptionally(pipeline.lostError());
        pending.decrementAndGet();
        return null;
    }

    private void startWatch() {
        if (!watching) {
            watching = true;
            writesSeen = writes;
            pipeline.loop.callLater(WATCH, watchTick);
        }
    }

    /** Loop: takes in what was written, and ticks again while callers keep writing. */
    private void watchTick() {
        pickUp.run();
        int now = writes;
        if (now == writesSeen) {
            watching = false;
            if (writes == now) {
                return; // a caller writing after this sees watching false and starts the watch again
            }
            watching = true;
        }
        writesSeen = writes;
        pipeline.loop.callLater(WATCH, watchTick);
    }
}
