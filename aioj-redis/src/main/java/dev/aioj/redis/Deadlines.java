package dev.aioj.redis;

import dev.aioj.loop.EventLoop;
import dev.aioj.loop.TimerHandle;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The per-command deadlines of one {@link Pipeline}. One loop timer at a
 * time, set for the earliest deadline that matters: the oldest unanswered
 * written command (replies come in order, so later ones cannot finish first)
 * or the oldest unsent one (deadlines keep counting while disconnected).
 *
 * <p>A command past its deadline fails with {@link RedisTimeoutException};
 * this class completes the command's future and nothing else. It reads the
 * pipeline's reply FIFO and backlog but never changes them: a written command
 * stays in the FIFO so its late reply is read and dropped, and the pipeline
 * takes unsent ones out of its backlog when told ({@link Expired}). When
 * written commands time out {@code deadPeerTimeouts} times in a row with no
 * reply in between, the pipeline is told the server stopped answering.
 *
 * <p>Thread contract: loop thread only.
 */
final class Deadlines {

    /** What the pipeline hears after each check that failed commands. */
    interface Expired {
        /**
         * Commands just timed out; {@code deadPeerTimeouts} is how many written
         * ones did so in a row with no reply (the server is gone), else 0.
         */
        void expired(int deadPeerTimeouts);
    }

    private final EventLoop loop;
    private final ReplyWaiters waiters;
    private final ArrayDeque<Command<?>> backlog;
    private final int deadPeerTimeouts;
    private final Expired listener;
    private final Telemetry telemetry;
    private TimerHandle timer;
    private long timerAt;
    private int timeoutsInARow;

    Deadlines(EventLoop loop, ReplyWaiters waiters, ArrayDeque<Command<?>> backlog, int deadPeerTimeouts,
            Expired listener, Telemetry telemetry) {
        this.loop = loop;
        this.waiters = waiters;
        this.backlog = backlog;
        this.deadPeerTimeouts = deadPeerTimeouts;
        this.listener = listener;
        this.telemetry = telemetry;
    }

    /** A reply arrived: the server is alive. */
    void replyArrived() {
        timeoutsInARow = 0;
    }

    /** Makes sure a check is due at the earliest deadline that matters now. */
    void arm() {
        long next = earliest();
        if (next == 0) {
            return;
        }
        if (timer != null && !timer.isCancelled() && timerAt - next <= 0) {
            return; // an earlier or equal check is already due
        }
        if (timer != null) {
            timer.cancel();
        }
        timerAt = next;
        timer = loop.callLater(Duration.ofNanos(Math.max(0, next - System.nanoTime())), this::check);
    }

    void cancel() {
        if (timer != null) {
            timer.cancel();
        }
    }

    private long earliest() {
        long best = 0;
        for (Command<?> c = waiters.peek(); c != null; c = c.waiterNext) {
            if (!c.isDone()) {
                if (c.deadline != 0) {
                    best = c.deadline;
                }
                break; // replies come in order: later commands cannot finish before this one
            }
        }
        for (Command<?> c : backlog) {
            if (!c.isDone()) {
                if (c.deadline != 0 && (best == 0 || c.deadline - best < 0)) {
                    best = c.deadline;
                }
                break;
            }
        }
        return best;
    }

    private void check() {
        timer = null;
        long now = System.nanoTime();
        int expiredInFlight = 0;
        for (Command<?> c = waiters.peek(); c != null; c = c.waiterNext) {
            if (c.isDone()) {
                continue; // already timed out: still waits for its reply to drop it
            }
            if (c.deadline == 0 || c.deadline - now > 0) {
                break;
            }
            c.completeExceptionally(timeout(c, true));
            expiredInFlight++;
        }
        for (Command<?> c : backlog) {
            if (c.isDone()) {
                continue; // cancelled: the pipeline drops it
            }
            if (c.deadline == 0 || c.deadline - now > 0) {
                break;
            }
            c.completeExceptionally(timeout(c, false));
        }
        timeoutsInARow += expiredInFlight;
        int deadPeer = 0;
        if (expiredInFlight > 0 && timeoutsInARow >= deadPeerTimeouts) {
            deadPeer = timeoutsInARow;
            timeoutsInARow = 0;
        }
        listener.expired(deadPeer); // the pipeline drops what expired unsent, then re-arms
    }

    private RedisTimeoutException timeout(Command<?> c, boolean written) {
        telemetry.commandTimedOut(c, written);
        return new RedisTimeoutException(c.name(), Duration.ofNanos(c.settings.timeoutNanos()));
    }
}
