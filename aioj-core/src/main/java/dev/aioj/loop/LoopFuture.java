package dev.aioj.loop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * with the loop. Here a waiter waits on a latch counted down by a dependent
 * of its own, and reads the result only once the future is complete, which
 * never helps.
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
            boolean interrupted = false;
            CountDownLatch done = completionLatch();
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
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
            completionLatch().await();
        }
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        EventLoop.refuseOnLoopThread("get(timeout)");
        if (!isDone() && !completionLatch().await(timeout, unit)) {
            throw new TimeoutException("not complete after " + timeout + " " + unit.toString().toLowerCase());
        }
        return super.get();
    }

    /** A latch the completing thread counts down, after (or while) running the other dependents. */
    private CountDownLatch completionLatch() {
        CountDownLatch done = new CountDownLatch(1);
        super.whenComplete((value, error) -> done.countDown());
        return done;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new LoopFuture<>();
    }
}
