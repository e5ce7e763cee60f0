package dev.aioj.loop;

/**
 * A callback scheduled with {@link EventLoop#callLater}: asyncio's
 * {@code TimerHandle}. Cancelling is cheap and final; a cancelled callback
 * never runs, and the loop drops the entry lazily.
 *
 * <p>Thread contract: any thread.
 */
public final class TimerHandle {

    final long deadline;
    long sequence; // set by TimerQueue.add on the loop thread
    private Runnable task;
    private volatile boolean cancelled;

    TimerHandle(long deadline, Runnable task) {
        this.deadline = deadline;
        this.task = task;
    }

    /** Stops the callback from running, if it has not started yet. Idempotent. */
    public void cancel() {
        task = null; // let the callback's captured state go before the heap drops the entry
        cancelled = true;
    }

    /** True once {@link #cancel} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** The {@link System#nanoTime} at which the callback is due. */
    public long deadlineNanos() {
        return deadline;
    }

    /** Runs the callback unless cancelled; loop thread only. */
    void fire() {
        Runnable t = task;
        if (cancelled || t == null) {
            return;
        }
        task = null;
        t.run();
    }

    @Override
    public String toString() {
        return "TimerHandle[" + (cancelled ? "cancelled" : String.valueOf(task)) + "]";
    }
}
