package dev.aioj.redis;

import dev.aioj.internal.DirectWrites;
import dev.aioj.loop.EventLoop;
import java.util.concurrent.RejectedExecutionException;

/**
 * A caller's turn at the socket: whether a command submitted on an idle
 * connection is written from its caller's thread ({@link #tryWrite}) instead
 * of the loop's, what happens to the bytes the socket did not take, and the
 * loop's watch that takes in what callers wrote when no reply does. The bytes
 * themselves are {@link CallerWrites}'s business.
 *
 * <p>The turn is the pipeline's claim on its pending count (0 to {@code HELD
 * + 1}, see {@link Pipeline}): this class asks for it ({@link
 * Pipeline#claim}) and gives it back ({@link Pipeline#release}), and never
 * changes the count itself. The written command joins the reply FIFO on the
 * loop, in {@link Pipeline#pickUpCallerWrite}.
 *
 * <p>Thread contract: {@link #tryWrite} and {@link #backOff} from any
 * thread; {@link #openTo} and {@link #shut} on the loop; the watch runs on
 * the loop.
 */
final class CallerTurns {

    /** Idle moments left to the queue after commands queued behind a caller's write. */
    static final int BACK_OFF = 1024;

    private final Pipeline pipeline;
    private final EventLoop loop;
    private final CallerWrites callerWrites;
    /** The socket callers may write to now; null while they may not. Written on the loop. */
    private volatile Link callerOpen;
    /** Idle moments still to leave to the queue; updated racily, as a hint. */
    private volatile int skips;
    private volatile boolean watching;
    private final Runnable startWatch = this::startWatch;
    private final Runnable watchTick = this::watchTick;
    private final Runnable pickUpCallerWrite;
    // Loop thread only.
    private int writesSeen;

    CallerTurns(Pipeline pipeline, CallerWrites callerWrites) {
        this.pipeline = pipeline;
        this.loop = pipeline.loop;
        this.callerWrites = callerWrites;
        this.pickUpCallerWrite = pipeline::pickUpCallerWrite;
    }

    /** Callers may write to {@code link} from now on (plain TCP or unix, and the option on). Loop. */
    void openTo(Link link) {
        callerOpen = link;
    }

    /** Callers may no longer write: the socket is going, or the connection closing. Loop. */
    void shut() {
        callerOpen = null;
    }

    /** A command queued behind a caller's unanswered write: the next {@link #BACK_OFF} idle moments go to the queue. */
    void backOff() {
        skips = BACK_OFF;
    }

    /**
     * Writes {@code command} from the caller's thread if the connection is
     * idle (nothing pending) and callers may write; false if it must take the
     * queue. Counts the command as pending when it returns true.
     */
    boolean tryWrite(Command<?> command) {
        Link to = callerOpen;
        if (to == null || !pipeline.idle() || !CallerWrites.eligible(command) || loop.inEventLoop()) {
            return false;
        }
        if (skips > 0) {
            skips--;
            return false;
        }
        if (!pipeline.claim()) {
            return false;
        }
        byte[] rest;
        try {
            rest = callerWrites.write(to, (DirectWrites) to.transport, command);
        } catch (RuntimeException e) { // encoding failed: nothing was published or written
            pipeline.releaseUnwritten();
            command.completeExceptionally(e);
            return true;
        }
        if (rest == null) {
            pipeline.release();
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
                pipeline.release();
            });
        } catch (RejectedExecutionException e) {
            pipeline.release();
            failIfNotTaken(command);
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
            command.completeExceptionally(pipeline.closedError());
            pipeline.settled();
        }
    }

    // ---------------------------------------------------------------- the watch (loop)

    private void startWatch() {
        if (!watching) {
            watching = true;
            writesSeen = callerWrites.writes();
            loop.callLater(CallerWrites.WATCH, watchTick);
        }
    }

    /** Loop: takes in what callers wrote, and ticks again while they keep writing. */
    private void watchTick() {
        pipeline.pickUpCallerWrite();
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
}
