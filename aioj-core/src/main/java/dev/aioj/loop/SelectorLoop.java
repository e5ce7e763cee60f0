package dev.aioj.loop;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The machinery behind an {@link EventLoop}, asyncio's {@code base_events}
 * {@code _run_once} on a selector: the thread's body. Each iteration polls the
 * selector and dispatches ready channels, runs the due timers, takes the tasks
 * other threads queued, runs the callbacks that were ready when the iteration
 * began, then runs the transports' end-of-iteration flushes. It also owns the
 * graceful shutdown. The waiting itself (the selector, its ready keys, and
 * the wake-up protocol that lets other threads cut a blocking select short)
 * is the {@link Poller}'s: this class decides how long it may wait and what
 * runs after.
 *
 * <p>Thread contract: {@link #execute}, {@link #requestShutdown} and the state
 * queries from any thread; everything else on the loop thread.
 */
final class SelectorLoop {

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    /** Tasks taken from other threads per iteration, so I/O is not starved by a flood. */
    private static final int MAX_EXTERNAL_TASKS_PER_ITERATION = 16 * 1024;

    private static final int RUNNING = 0;
    private static final int SHUTTING_DOWN = 1;
    private static final int TERMINATED = 2;

    private final EventLoop loop;
    private final String name;
    private final boolean debug;
    private final long slowCallbackNanos;
    private final long shutdownGraceNanos;
    private final Runnable afterTermination;

    private final AtomicInteger state = new AtomicInteger(RUNNING);
    /** Tasks from other threads; the poller reads it too, to know whether a select may block. */
    private final ConcurrentLinkedQueue<Runnable> external = new ConcurrentLinkedQueue<>();
    private final Poller poller;
    private final LoopFuture<Void> terminated = new LoopFuture<>();
    private Thread thread;
    /** The same thread when it is a {@link LoopThread}: it holds the waiters to unpark after each callback. */
    private LoopThread loopThread;

    // Loop-thread state.
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private final ArrayDeque<Runnable> flushes = new ArrayDeque<>();
    private final TimerQueue timers = new TimerQueue();
    private boolean inNestedPass;
    private long shutdownDeadline;
    private long iterations;
    private long tasksRun;

    SelectorLoop(EventLoop loop, Selector selector, EventLoopBuilder options, Runnable afterTermination) {
        this.loop = loop;
        this.name = loop.name();
        this.debug = options.debug;
        this.slowCallbackNanos = options.slowCallback.toNanos();
        this.shutdownGraceNanos = options.shutdownGrace.toNanos();
        this.afterTermination = afterTermination;
        this.poller = new Poller(loop, selector, external, this::dispatch);
    }

    /** Names the thread that will run {@link #run}; before it starts. */
    void runOn(Thread loopThread) {
        this.thread = loopThread;
        this.loopThread = loopThread instanceof LoopThread lt ? lt : null;
    }

    /** Wakes the threads whose futures the last callback completed (see {@link LoopThread#unparkLater}). */
    private void unparkWaiters() {
        if (loopThread != null) {
            loopThread.unparkWaiters();
        }
    }

    private boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    // ---------------------------------------------------------------- any thread

    /** See {@link EventLoop#execute}. */
    void execute(Runnable task) {
        if (inLoop()) {
            if (state.get() == TERMINATED) {
                throw new RejectedExecutionException(name + " has terminated");
            }
            ready.add(task);
            return;
        }
        external.offer(task);
        if (state.get() == TERMINATED && external.remove(task)) {
            // The loop's last drain did not see it: refuse rather than lose it.
            throw new RejectedExecutionException(name + " has terminated");
        }
        poller.wake();
    }

    /** Begins a graceful shutdown unless one has begun. */
    void requestShutdown() {
        if (state.get() == RUNNING) {
            try {
                execute(this::beginShutdown);
            } catch (RejectedExecutionException alreadyTerminated) {
                // terminated meanwhile: its future is already complete
            }
        }
    }

    LoopFuture<Void> terminated() {
        return terminated;
    }

    boolean isRunning() {
        return state.get() == RUNNING;
    }

    boolean isTerminated() {
        return state.get() == TERMINATED;
    }

    LoopStats stats() {
        return new LoopStats(iterations, poller.wakeups(), tasksRun);
    }

    // ---------------------------------------------------------------- loop thread: for the transports

    void addTimer(TimerHandle handle) {
        timers.add(handle);
    }

    SelectionKey register(SelectableChannel channel, int ops, ChannelHandler handler) throws IOException {
        return poller.register(channel, ops, handler);
    }

    void flushLater(Runnable flush) {
        flushes.add(flush);
    }

    // ---------------------------------------------------------------- the loop

    /** The loop thread's body: iterations until shutdown completes (or an Error). */
    void run() {
        Throwable fatal = null;
        try {
            while (true) {
                if (state.get() == SHUTTING_DOWN && shutdownComplete()) {
                    break;
                }
                unparkWaiters(); // never sleep in select with a waiter not yet woken
                poller.select(selectTimeoutNanos());
                poller.dispatchReady();
                iterations++;
                runDueTimers();
                takeExternalTasks();
                runReadyTasks();
                runFlushes();
            }
        } catch (Throwable t) {
            fatal = t;
            LOG.log(System.Logger.Level.ERROR, name + " stopped by a fatal error", t);
        } finally {
            terminate(fatal);
        }
    }

    /** 0: poll without blocking; negative: block until woken; else the wait in nanoseconds. */
    private long selectTimeoutNanos() {
        if (!ready.isEmpty() || !flushes.isEmpty()) {
            return 0;
        }
        long limit = -1;
        TimerHandle next = timers.peek();
        if (next != null) {
            limit = Math.max(0, next.deadline - System.nanoTime());
        }
        if (state.get() == SHUTTING_DOWN) {
            long toDeadline = Math.max(0, shutdownDeadline - System.nanoTime());
            limit = limit < 0 ? toDeadline : Math.min(limit, toDeadline);
            // Poll at least every 10 ms: closing channels leave the key set only on a select.
            limit = Math.min(limit, TimeUnit.MILLISECONDS.toNanos(10));
        }
        return limit;
    }

    /** Hands one ready key to its channel's handler; the loop survives what the handler throws. */
    private void dispatch(SelectionKey key) {
        if (!key.isValid()) {
            return; // closed by an earlier callback, or in a nested pass
        }
        ChannelHandler handler = (ChannelHandler) key.attachment();
        long start = debug ? System.nanoTime() : 0;
        try {
            handler.channelReady(key.readyOps());
        } catch (java.nio.channels.CancelledKeyException e) {
            // closed by an earlier callback of this same poll
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            loop.callExceptionHandler("error handling I/O of " + handler, t);
            try {
                handler.forceClose();
            } catch (RuntimeException closeError) {
                loop.callExceptionHandler("error closing " + handler, closeError);
            }
        } finally {
            unparkWaiters();
        }
        tasksRun++;
        if (debug) {
            warnIfSlow(handler, start);
        }
    }

    /**
     * See {@link EventLoop#runIoWhileBusy}: handles the channels ready now,
     * without blocking, then runs the transports' flushes. Timers, queued
     * tasks and callbacks wait for the next iteration. A call from inside a
     * nested pass does nothing.
     *
     * @return how many channels were handled
     */
    int runIoWhileBusy() throws IOException {
        if (inNestedPass) {
            return 0;
        }
        inNestedPass = true;
        try {
            int handled = poller.dispatchReadyNow();
            runFlushes();
            return handled;
        } finally {
            inNestedPass = false;
        }
    }

    private void runDueTimers() {
        if (timers.size() == 0) {
            return;
        }
        long now = System.nanoTime();
        TimerHandle next;
        while ((next = timers.peek()) != null && next.deadline - now <= 0) {
            timers.poll();
            runTask(next::fire, next);
        }
    }

    private void takeExternalTasks() {
        Runnable task;
        for (int i = 0; i < MAX_EXTERNAL_TASKS_PER_ITERATION && (task = external.poll()) != null; i++) {
            ready.add(task);
        }
    }

    private void runReadyTasks() {
        // Only the tasks present now: those they add run next iteration, after a poll.
        for (int n = ready.size(); n > 0; n--) {
            Runnable task = ready.poll();
            runTask(task, task);
        }
    }

    private void runFlushes() {
        for (int n = flushes.size(); n > 0; n--) {
            Runnable flush = flushes.poll();
            runTask(flush, flush);
        }
    }

    private void runTask(Runnable task, Object description) {
        long start = debug ? System.nanoTime() : 0;
        try {
            task.run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            loop.callExceptionHandler("exception in callback " + description, t);
        } finally {
            unparkWaiters();
        }
        tasksRun++;
        if (debug) {
            warnIfSlow(description, start);
        }
    }

    private void warnIfSlow(Object what, long startNanos) {
        long took = System.nanoTime() - startNanos;
        if (took > slowCallbackNanos) {
            LOG.log(System.Logger.Level.WARNING, "{0}: executing {1} took {2} ms",
                    name, what, String.format("%.3f", took / 1e6));
        }
    }

    // ---------------------------------------------------------------- shutdown (loop thread)

    private void beginShutdown() {
        if (!state.compareAndSet(RUNNING, SHUTTING_DOWN)) {
            return;
        }
        shutdownDeadline = System.nanoTime() + shutdownGraceNanos;
        poller.shutdownChannels();
    }

    /** During shutdown: true once nothing is left, aborting what outlived the grace period. */
    private boolean shutdownComplete() {
        boolean idle = ready.isEmpty() && flushes.isEmpty() && external.isEmpty();
        if (idle && poller.onlyWakeupPipeLeft()) {
            return true;
        }
        if (System.nanoTime() - shutdownDeadline >= 0) {
            poller.forceCloseChannels();
            return true;
        }
        return false;
    }

    private void terminate(Throwable fatal) {
        state.set(SHUTTING_DOWN);
        if (fatal != null) {
            poller.forceCloseChannels();
        }
        // Let connectionLost callbacks and other last tasks run, within bounds.
        for (int round = 0; round < 3; round++) {
            takeExternalTasks();
            runReadyTasks();
            runFlushes();
        }
        timers.clear();
        state.set(TERMINATED);
        Runnable task;
        while ((task = external.poll()) != null) {
            runTask(task, task);
        }
        ready.forEach(t -> runTask(t, t));
        ready.clear();
        poller.close();
        afterTermination.run();
        try {
            if (fatal == null) {
                terminated.complete(null);
            } else {
                terminated.completeExceptionally(fatal);
            }
        } finally {
            unparkWaiters();
        }
    }
}
