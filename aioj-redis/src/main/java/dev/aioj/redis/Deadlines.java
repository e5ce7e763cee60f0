package dev.aioj.redis;

import dev.aioj.loop.EventLoop;
import dev.aioj.loop.TimerHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-command deadlines of one {@link Pipeline}. One loop timer at a
 * time, set for the earliest deadline that matters: the oldest unanswered
 * written command (replies come in order, so later ones cannot finish first)
 * or the oldest unsent one (deadlines keep counting while disconnected).
 *
 * <p>A written command past its deadline fails with {@link
 * RedisTimeoutException} but stays in the FIFO, so its late reply is read and
 * dropped. When written commands time out {@code deadPeerTimeouts} times in a
 * row with no reply in between, the server is deemed gone and the pipeline
 * is told to drop the socket. After each expiry the pipeline may finish a
 * graceful close that was waiting only on the commands that just timed out.
 *
 * <p>Thread contract: loop thread only.
 */
final class Deadlines {

    /** What the pipeline does when the server stopped answering. */
    interface DeadPeer {
        void stoppedAnswering(int timeoutsInARow);
    }

    private final EventLoop loop;
    private final ReplyWaiters waiters;
    private final ArrayDeque<Command<?>> backlog;
    private final AtomicLong pending;
    private final int deadPeerTimeouts;
    private final DeadPeer deadPeer;
    private final Runnable afterExpiry;
    private TimerHandle timer;
    private long timerAt;
    private int timeoutsInARow;

    Deadlines(EventLoop loop, ReplyWaiters waiters, ArrayDeque<Command<?>> backlog, AtomicLong pending,
            int deadPeerTimeouts, DeadPeer deadPeer, Runnable afterExpiry) {
        this.loop = loop;
        this.waiters = waiters;
        this.backlog = backlog;
        this.pending = pending;
        this.deadPeerTimeouts = deadPeerTimeouts;
        this.deadPeer = deadPeer;
        this.afterExpiry = afterExpiry;
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
        Command<?> first = backlog.peek();
        if (first != null && first.deadline != 0 && (best == 0 || first.deadline - best < 0)) {
            best = first.deadline;
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
            c.completeExceptionally(timeout(c));
            expiredInFlight++;
        }
        while (!backlog.isEmpty() && backlog.peek().deadline != 0 && backlog.peek().deadline - now <= 0) {
            Command<?> c = backlog.poll();
            c.completeExceptionally(timeout(c));
            pending.decrementAndGet();
        }
        timeoutsInARow += expiredInFlight;
        if (expiredInFlight > 0 && timeoutsInARow >= deadPeerTimeouts) {
            int count = timeoutsInARow;
            timeoutsInARow = 0;
            deadPeer.stoppedAnswering(count);
        }
        arm();
        afterExpiry.run(); // a close waiting only on what just expired can finish
    }

    private static RedisTimeoutException timeout(Command<?> c) {
        return new RedisTimeoutException(c.name(), Duration.ofNanos(c.settings.timeoutNanos()));
    }
}
