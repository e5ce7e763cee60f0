package dev.aioj.memcached;

import dev.aioj.loop.TimerHandle;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The per-request deadlines of one {@link MemcachedConnection}. Every request
 * gets the same timeout from its submission, so the oldest request of each
 * queue (in flight, waiting to be written) has the earliest deadline: one
 * loop timer, set for the earliest of the two, is all it takes.
 *
 * <p>A written request past its deadline fails with {@link
 * MemcachedTimeoutException} but stays in the FIFO, so that its late reply is
 * recognised and dropped. When written requests time out {@link
 * MemcachedOptions#deadPeerTimeouts} times in a row with no reply in between,
 * the server is deemed gone and the connection's {@link Lifecycle} drops the
 * socket.
 *
 * <p>Thread contract: loop thread only.
 */
final class Deadlines {

    private final MemcachedConnection connection;
    private final InFlight inFlight;
    private final ArrayDeque<Request> backlog;
    private final Duration timeout;
    private final int deadPeerTimeouts;
    private TimerHandle timer;
    private long timerAt;
    private int timeoutsInARow;

    Deadlines(MemcachedConnection connection, InFlight inFlight, ArrayDeque<Request> backlog, Duration timeout,
            int deadPeerTimeouts) {
        this.connection = connection;
        this.inFlight = inFlight;
        this.backlog = backlog;
        this.timeout = timeout;
        this.deadPeerTimeouts = deadPeerTimeouts;
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
        timer = connection.loop.callLater(Duration.ofNanos(Math.max(0, next - System.nanoTime())), this::check);
    }

    void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private long earliest() {
        long best = 0;
        for (Request r = inFlight.peek(); r != null; r = r.nextInFlight) {
            if (!r.isDone()) {
                best = r.deadline;
                break; // later ones were submitted later: their deadlines are later
            }
        }
        Request first = backlog.peek();
        if (first != null && (best == 0 || first.deadline - best < 0)) {
            best = first.deadline;
        }
        return best;
    }

    private void check() {
        timer = null;
        long now = System.nanoTime();
        int expiredInFlight = 0;
        for (Request r = inFlight.peek(); r != null; r = r.nextInFlight) {
            if (r.isDone()) {
                continue;
            }
            if (r.deadline - now > 0) {
                break;
            }
            r.fail(new MemcachedTimeoutException(r.command(), timeout, true, connection.name));
            expiredInFlight++;
        }
        while (!backlog.isEmpty() && backlog.peek().deadline - now <= 0) {
            Request r = backlog.poll();
            r.fail(new MemcachedTimeoutException(r.command(), timeout, false, connection.name));
            connection.pending.decrementAndGet();
        }
        timeoutsInARow += expiredInFlight;
        if (expiredInFlight > 0 && timeoutsInARow >= deadPeerTimeouts) {
            int count = timeoutsInARow;
            timeoutsInARow = 0;
            connection.lifecycle.deadPeer(count);
        }
        arm();
        connection.lifecycle.closeIfSettled(); // a close waiting only on what just expired can finish
    }
}
