package dev.aioj.loop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link CompletableFuture} whose blocking waits refuse to run on an event
 * loop thread: there they would wait for work that only that same thread can
 * do, a deadlock. Futures derived from it ({@code thenApply}, ...) inherit the
 * check. Made by {@link EventLoop#createFuture()}, or extended by a class
 * that is its own future (a Redis command is, to save an object per command).
 *
 * <p>Thread contract: any thread, like {@link CompletableFuture}.
 */
public class LoopFuture<T> extends CompletableFuture<T> {

    /** An incomplete future. */
    public LoopFuture() {}

    @Override
    public T join() {
        EventLoop.refuseOnLoopThread("join()");
        return super.join();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        EventLoop.refuseOnLoopThread("get()");
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        EventLoop.refuseOnLoopThread("get(timeout)");
        return super.get(timeout, unit);
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new LoopFuture<>();
    }
}
