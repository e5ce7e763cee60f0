package dev.aioj.redis;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where commands enter a {@link Pipeline} from any number of threads: they
 * are checked against its state and limits, counted, and then either written
 * at once by their caller ({@link CallerWrites}, when the connection is idle)
 * or put on one lock-free queue with at most one drain of it scheduled on
 * the loop. The drain flag stays set while the loop drains, so producers need
 * not schedule another; the loop clears it at the end and checks the queue
 * once more ({@link #drained}).
 *
 * <p>Thread contract: {@link #submit}, {@link #pending} and {@link
 * #drainIfDeferred} from any thread; {@link #poll} and {@link #drained} on
 * the loop.
 */
final class Submissions {

    private final Pipeline pipeline;
    private final CommandQueue queue = new CommandQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask;
    /** Commands submitted and not answered, plus {@link CallerWrites#HELD} while a caller writes. */
    final AtomicLong pending = new AtomicLong();
    final CallerWrites callerWrites;
    /** The loop put commands aside because a caller held the socket: they wait for its release. */
    volatile boolean deferred;

    Submissions(Pipeline pipeline, Runnable drain, Runnable pickUpCallerWrite) {
        this.pipeline = pipeline;
        this.drainTask = drain;
        this.callerWrites = new CallerWrites(pipeline, pending, pickUpCallerWrite);
    }

    /** Writes {@code command} at once if the connection is idle, else queues it for the loop. */
    <T> Command<T> submit(Command<T> command) {
        Pipeline.State s = pipeline.state();
        if (s == Pipeline.State.CLOSING || s == Pipeline.State.CLOSED) {
            command.completeExceptionally(pipeline.closedError());
            return command;
        }
        String endpoint = pipeline.endpoint;
        if ((s == Pipeline.State.RECONNECTING || s == Pipeline.State.GREETING)
                && pipeline.options.failFastWhenDisconnected()) {
            command.completeExceptionally(new RedisConnectionException(
                    "connection to " + endpoint + " is down, reconnecting", endpoint, false, null));
            return command;
        }
        if (callerWrites.tryWrite(command)) {
            return command;
        }
        long max = pipeline.options.maxPending();
        long now = pending.incrementAndGet();
        callerWrites.queuedBehind(now);
        if ((now & CallerWrites.COUNT) > max && max > 0) {
            pending.decrementAndGet();
            command.completeExceptionally(new RedisQueueFullException(max));
            return command;
        }
        queue.offer(command);
        if (!drainScheduled.get() && drainScheduled.compareAndSet(false, true)) {
            try {
                pipeline.loop.execute(drainTask);
            } catch (RejectedExecutionException e) {
                drainScheduled.set(false);
                command.completeExceptionally(new RedisConnectionException(
                        "the event loop of " + endpoint + " has terminated", endpoint, false, e));
            }
        }
        return command;
    }

    /** Commands submitted and not yet answered (or failed). */
    long pending() {
        return pending.get() & CallerWrites.COUNT;
    }

    /** The oldest queued command, or null. Loop only. */
    Command<?> poll() {
        return queue.poll();
    }

    /**
     * The loop finished a drain: clears the flag, then drains again next
     * iteration if commands came meanwhile or were put aside for a caller
     * that has let go since. A command queued after this check finds the
     * flag clear and schedules the drain itself; a caller letting go after it
     * does so in {@link #drainIfDeferred}.
     */
    void drained() {
        drainScheduled.set(false);
        if ((!queue.isEmpty() || deferred) && !callerWrites.held() && drainScheduled.compareAndSet(false, true)) {
            pipeline.loop.execute(drainTask);
        }
    }

    /** A caller gave the socket back: drains what the loop put aside or what came meanwhile. Any thread. */
    void drainIfDeferred() {
        if ((deferred || !queue.isEmpty()) && drainScheduled.compareAndSet(false, true)) {
            try {
                pipeline.loop.execute(drainTask);
            } catch (RejectedExecutionException e) {
                drainScheduled.set(false); // the loop is gone; its shutdown failed what was queued
            }
        }
    }
}
