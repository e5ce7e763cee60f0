package dev.aioj.loop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * A {@link CompletableFuture} whose blocking waits refuse to run on an event
 * loop thread: there they would wait for work that only that same thread can
 * do, a deadlock. Futures derived from it ({@code thenApply}, ...) inherit the
 * check. Made by {@link EventLoop#createFuture()} or its constructor; final:
 * a class that needs a future holds one.
 *
 * <p>Its waits also never run other code's callbacks. A plain
 * CompletableFuture's {@code get}/{@code join} "help": the waiting thread,
 * once woken, runs dependents still pending, so a callback that loop code
 * attached could run on a virtual thread blocked in {@code join()}, racing
 * with the loop. Here a waiter parks until a dependent of its own unparks
 * it, and reads the result only once the future is complete, which never
 * helps.
 *
 * <p>Thread contract: any thread, like {@link CompletableFuture}.
 */
public final class LoopFuture<T> extends CompletableFuture<T> {

    /** An incomplete future. */
    public LoopFuture() {}

    @Override
    public T join() {
        EventLoop.refuseOnLoopThread("join()");
        if (!isDone()) {
            Waiter waiter = waiter();
            boolean interrupted = false;
            while (!waiter.done) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true; // join() is not interruptible: keep waiting, restore the flag after
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return super.join();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        EventLoop.refuseOnLoopThread("get()");
        if (!isDone()) {
            Waiter waiter = waiter();
            while (!waiter.done) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        EventLoop.refuseOnLoopThread("get(timeout)");
        if (!isDone()) {
            long nanos = unit.toNanos(timeout);
            long start = System.nanoTime();
            Waiter waiter = waiter();
            while (!waiter.done) {
                long left = nanos - (System.nanoTime() - start); // no overflow, even for Long.MAX_VALUE
                if (left <= 0) {
                    throw new TimeoutException("not complete after " + timeout + " " + unit.toString().toLowerCase());
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
        return super.get();
    }

    /**
     * Registers a dependent that unparks the calling thread once this future
     * is complete, after (or while) the completing thread runs the other
     * dependents. One small object and the dependent's own: no latch, no lock.
     */
    private Waiter waiter() {
        Waiter waiter = new Waiter(Thread.currentThread());
        super.whenComplete(waiter);
        return waiter;
    }

    /** Wakes one waiting thread; {@link #done} is set before the unpark, so a spurious wake-up is told apart. */
    private static final class Waiter implements BiConsumer<Object, Throwable> {
        private final Thread thread;
        volatile boolean done;

        Waiter(Thread thread) {
            this.thread = thread;
        }

        /**
         * On a loop thread the unpark waits until the callback completing this
         * future returns ({@link LoopThread#unparkLater}): a read completing a
         * window of futures wakes their waiter once, when all are done.
         */
        @Override
        public void accept(Object value, Throwable failure) {
            done = true;
            if (Thread.currentThread() instanceof LoopThread loop) {
                loop.unparkLater(thread);
            } else {
                LockSupport.unpark(thread);
            }
        }
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new LoopFuture<>();
    }
}
