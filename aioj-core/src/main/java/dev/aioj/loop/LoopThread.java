package dev.aioj.loop;

/**
 * The platform thread that runs one {@link EventLoop}. Its own class so that
 * "is this a loop thread?" is one {@code instanceof}, which blocking calls use
 * to refuse to run where they would deadlock.
 */
final class LoopThread extends Thread {

    final EventLoop loop;

    /*
     * Threads to unpark once the callback running now returns (LoopFuture's
     * waiters): a read that completes many futures wakes each waiting thread
     * once, after all of them are complete, instead of waking it at the first
     * and again at the next it finds not yet done. Loop thread only.
     */
    private Thread[] toUnpark = new Thread[8];
    private int toUnparkCount;

    LoopThread(EventLoop loop, Runnable body, String name, boolean daemon) {
        super(body, name);
        this.loop = loop;
        setDaemon(daemon);
    }

    /**
     * Remembers {@code waiter} to unpark when the current callback returns. This thread only. No
     * search for duplicates (a read may complete the futures of thousands of waiting virtual
     * threads): a thread waits in one join at a time, and an unpark too many is a spurious wake-up,
     * which every park caller tolerates.
     */
    void unparkLater(Thread waiter) {
        if (toUnparkCount == toUnpark.length) {
            toUnpark = java.util.Arrays.copyOf(toUnpark, toUnparkCount * 2);
        }
        toUnpark[toUnparkCount++] = waiter;
    }

    /** Unparks what {@link #unparkLater} remembered. This thread only, between callbacks. */
    void unparkWaiters() {
        int n = toUnparkCount;
        if (n == 0) {
            return;
        }
        toUnparkCount = 0;
        for (int i = 0; i < n; i++) {
            java.util.concurrent.locks.LockSupport.unpark(toUnpark[i]);
            toUnpark[i] = null;
        }
    }
}
