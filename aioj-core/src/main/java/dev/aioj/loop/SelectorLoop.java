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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The machinery behind an {@link EventLoop}, asyncio's {@code base_events}
 * {@code _run_once} on a selector: the thread's body. Each iteration polls the
 * selector and dispatches ready channels, runs the due timers, takes the tasks
 * other threads queued, runs the callbacks that were ready when the iteration
 * began, then runs the transports' end-of-iteration flushes. It also owns the
 * wake-up protocol and the graceful shutdown.
 *
 * <p>Thread contract: {@link #execute}, {@link #requestShutdown} and the state
 * queries from any thread; everything else on the loop thread.
 */
final class SelectorLoop {

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    /** Tasks taken from other threads per iteration, so I/O is not starved by a flood. */
    private static final int MAX_EXTERNAL_TASKS_PER_ITERATION = 16 * 1024;

    /*
     * Wakeup states. The loop sets SELECTING just before it may block in
     * select() and AWAKE right after. A producer that queues a task calls
     * selector.wakeup() only if it is the one to flip SELECTING to AWAKE, so
     * a busy loop is never woken (a wakeup is a system call) and a blocked
     * loop is woken exactly once. The loop re-checks its queue after setting
     * SELECTING: a task queued before that check is seen, one queued after it
     * finds SELECTING and wakes the loop.
     */
    private static final int AWAKE = 0;
    private static final int SELECTING = 1;

    private static final int RUNNING = 0;
    private static final int SHUTTING_DOWN = 1;
    private static final int TERMINATED = 2;

    private final EventLoop loop;
    private final String name;
    private final Selector selector;
    private final boolean debug;
    private final long slowCallbackNanos;
    private final long shutdownGraceNanos;
    private final Runnable afterTermination;

    private final AtomicInteger wakeupState = new AtomicInteger(AWAKE);
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final ConcurrentLinkedQueue<Runnable> external = new ConcurrentLinkedQueue<>();
    private final AtomicLong wakeups = new AtomicLong();
    /** How other threads wake the loop; null: the selector's own {@link Selector#wakeup()}. */
    private final WakeupPipe wakeupPipe;
    private final LoopFuture<Void> terminated = new LoopFuture<>();
    private Thread thread;
    /** The same thread when it is a {@link LoopThread}: it holds the waiters to unpark after each callback. */
    private LoopThread loopThread;

    // Loop-thread state.
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private final ArrayDeque<Runnable> flushes = new ArrayDeque<>();
    private final TimerQueue timers = new TimerQueue();
    /*
     * Ready keys are collected during select() and dispatched after it returns,
     * not from inside it: a callback may then poll the selector again (the
     * nested pass of runIoWhileBusy), which the JDK refuses during a select.
     * The nested pass has its own list, so it never overwrites the outer one.
     */
    private final Consumer<SelectionKey> dispatch = this::dispatch;
    private final ReadyKeys readyKeys = new ReadyKeys();
    private final ReadyKeys nestedReadyKeys = new ReadyKeys();
    private boolean inNestedPass;
    private long shutdownDeadline;
    private long iterations;
    private long tasksRun;

    SelectorLoop(EventLoop loop, Selector selector, EventLoopBuilder options, Runnable afterTermination) {
        this.loop = loop;
        this.name = loop.name();
        this.selector = selector;
        this.debug = options.debug;
        this.slowCallbackNanos = options.slowCallback.toNanos();
        this.shutdownGraceNanos = options.shutdownGrace.toNanos();
        this.afterTermination = afterTermination;
        this.wakeupPipe = WakeupPipe.open(selector);
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
        wakeup();
    }

    private void wakeup() {
        if (wakeupState.get() == SELECTING && wakeupState.getAndSet(AWAKE) == SELECTING) {
            wakeups.incrementAndGet();
            if (wakeupPipe == null) {
                selector.wakeup();
                return;
            }
            try {
                wakeupPipe.wake();
            } catch (IOException e) { // closed: the loop has ended
                selector.wakeup();
            }
        }
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
        return new LoopStats(iterations, wakeups.get(), tasksRun);
    }

    // ---------------------------------------------------------------- loop thread: for the transports

    void addTimer(TimerHandle handle) {
        timers.add(handle);
    }

    SelectionKey register(SelectableChannel channel, int ops, ChannelHandler handler) throws IOException {
        return channel.register(selector, ops, handler);
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
                select();
                readyKeys.dispatchAll(dispatch);
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

    private void select() throws IOException {
        long timeout = selectTimeoutNanos();
        if (timeout == 0) {
            selector.selectNow(readyKeys);
            return;
        }
        wakeupState.set(SELECTING);
        try {
            if (!external.isEmpty()) {
                selector.selectNow(readyKeys);
            } else {
                // select(action, 0) blocks without limit; round up so a timer never fires early
                long millis = timeout < 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeout + 999_999));
                selector.select(readyKeys, millis);
            }
        } finally {
            wakeupState.set(AWAKE);
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
            selector.selectNow(nestedReadyKeys);
            int handled = nestedReadyKeys.dispatchAll(dispatch);
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
        for (SelectionKey key : selector.keys().toArray(new SelectionKey[0])) {
            if (key.isValid() && key.attachment() instanceof ChannelHandler handler) {
                try {
                    handler.shutdown();
                } catch (RuntimeException e) {
                    loop.callExceptionHandler("error closing " + handler + " for shutdown", e);
                }
            }
        }
    }

    /** During shutdown: true once nothing is left, aborting what outlived the grace period. */
    private boolean shutdownComplete() {
        boolean idle = ready.isEmpty() && flushes.isEmpty() && external.isEmpty();
        if (idle && onlyWakeupPipeLeft()) {
            return true;
        }
        if (System.nanoTime() - shutdownDeadline >= 0) {
            forceCloseAll();
            return true;
        }
        return false;
    }

    private boolean onlyWakeupPipeLeft() {
        for (SelectionKey key : selector.keys()) {
            if (wakeupPipe == null || !wakeupPipe.owns(key)) {
                return false;
            }
        }
        return true;
    }

    private void forceCloseAll() {
        for (SelectionKey key : selector.keys().toArray(new SelectionKey[0])) {
            if (key.attachment() instanceof ChannelHandler handler) {
                try {
                    handler.forceClose();
                } catch (RuntimeException e) {
                    loop.callExceptionHandler("error aborting " + handler, e);
                }
            }
        }
    }

    private void terminate(Throwable fatal) {
        state.set(SHUTTING_DOWN);
        if (fatal != null) {
            forceCloseAll();
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
        if (wakeupPipe != null) {
            wakeupPipe.close();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, name + ": error closing the selector", e);
        }
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

    /**
     * The keys one select reported ready, in order, held in a reused array so
     * that collecting and dispatching them allocates nothing.
     */
    private static final class ReadyKeys implements Consumer<SelectionKey> {
        private SelectionKey[] keys = new SelectionKey[64];
        private int size;

        @Override
        public void accept(SelectionKey key) {
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, size * 2);
            }
            keys[size++] = key;
        }

        /** Hands every collected key to {@code handler} and forgets them; returns how many. */
        int dispatchAll(Consumer<SelectionKey> handler) {
            int n = size;
            for (int i = 0; i < n; i++) {
                SelectionKey key = keys[i];
                keys[i] = null;
                handler.accept(key);
            }
            size = 0;
            return n;
        }
    }
}
