package dev.aioj.loop;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * How a loop waits for I/O and how other threads wake it: the selector, the
 * channels registered with it, the ready keys of each select, and the wake-up
 * protocol around a select that blocks. asyncio's {@code selector_events}
 * half of the loop (its self-pipe, {@code _process_events}); {@link
 * SelectorLoop} is the {@code base_events} half, which decides how long to
 * wait and runs everything else of an iteration, including the dispatch of
 * each ready key to its {@link ChannelHandler}.
 *
 * <p>Thread contract: {@link #wake} and {@link #wakeups} from any thread;
 * everything else on the loop thread.
 */
final class Poller {

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

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

    /*
     * The state is a volatile field of this class rather than an AtomicInteger
     * it points to, so that a wake-up reads and flips it through the one
     * reference the loop already holds (this poller), not through a second one.
     * Plain reads and writes of the field are volatile; the handle is for the
     * producer's getAndSet.
     */
    private static final VarHandle WAKEUP_STATE;

    static {
        try {
            WAKEUP_STATE = MethodHandles.lookup().findVarHandle(Poller.class, "wakeupState", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EventLoop loop;
    private final String name;
    private final Selector selector;
    /** The loop's queue of tasks from other threads; read here only to know whether a select may block. */
    private final ConcurrentLinkedQueue<Runnable> external;
    /** The loop's handling of one ready key. */
    private final Consumer<SelectionKey> dispatch;
    /** How other threads wake the loop; null: the selector's own {@link Selector#wakeup()}. */
    private final WakeupPipe wakeupPipe;
    private volatile int wakeupState = AWAKE;
    private final AtomicLong wakeups = new AtomicLong();

    /*
     * Ready keys are collected during select() and dispatched after it returns,
     * not from inside it: a callback may then poll the selector again (the
     * nested pass of runIoWhileBusy), which the JDK refuses during a select.
     * The nested pass has its own list, so it never overwrites the outer one.
     */
    private final ReadyKeys readyKeys = new ReadyKeys();
    private final ReadyKeys nestedReadyKeys = new ReadyKeys();

    Poller(EventLoop loop, Selector selector, ConcurrentLinkedQueue<Runnable> external,
            Consumer<SelectionKey> dispatch) {
        this.loop = loop;
        this.name = loop.name();
        this.selector = selector;
        this.external = external;
        this.dispatch = dispatch;
        this.wakeupPipe = WakeupPipe.open(selector);
    }

    // ---------------------------------------------------------------- any thread

    /** Makes a select that blocks now return, unless another thread already did; after a task is queued. */
    void wake() {
        if (wakeupState == SELECTING && (int) WAKEUP_STATE.getAndSet(this, AWAKE) == SELECTING) {
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

    /** How many times {@link #wake} woke the loop. */
    long wakeups() {
        return wakeups.get();
    }

    // ---------------------------------------------------------------- loop thread

    SelectionKey register(SelectableChannel channel, int ops, ChannelHandler handler) throws IOException {
        return channel.register(selector, ops, handler);
    }

    /**
     * Collects the keys ready now or within {@code timeoutNanos}, for {@link
     * #dispatchReady}: 0 polls without blocking; negative blocks until a
     * channel is ready or {@link #wake} is called; else the longest wait.
     */
    void select(long timeoutNanos) throws IOException {
        if (timeoutNanos == 0) {
            selector.selectNow(readyKeys);
            return;
        }
        wakeupState = SELECTING;
        try {
            if (!external.isEmpty()) {
                selector.selectNow(readyKeys);
            } else {
                // select(action, 0) blocks without limit; round up so a timer never fires early
                long millis = timeoutNanos < 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999));
                selector.select(readyKeys, millis);
            }
        } finally {
            wakeupState = AWAKE;
        }
    }

    /** Hands each key the last {@link #select} collected to the loop's dispatch, in order. */
    void dispatchReady() {
        readyKeys.dispatchAll(dispatch);
    }

    /**
     * For the nested pass of {@link SelectorLoop#runIoWhileBusy}: collects the
     * keys ready now, without blocking and in a list of their own, and
     * dispatches them.
     *
     * @return how many keys were dispatched
     */
    int dispatchReadyNow() throws IOException {
        selector.selectNow(nestedReadyKeys);
        return nestedReadyKeys.dispatchAll(dispatch);
    }

    /** Asks every registered channel's handler to close gracefully, for the loop's shutdown. */
    void shutdownChannels() {
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

    /** Whether no channel but the wake-up pipe is registered: nothing keeps a shutting-down loop alive. */
    boolean onlyWakeupPipeLeft() {
        for (SelectionKey key : selector.keys()) {
            if (wakeupPipe == null || !wakeupPipe.owns(key)) {
                return false;
            }
        }
        return true;
    }

    /** Aborts every registered channel: the grace period is over, or the loop dies of an Error. */
    void forceCloseChannels() {
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

    /** Closes the wake-up pipe and the selector, when the loop ends. */
    void close() {
        if (wakeupPipe != null) {
            wakeupPipe.close();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, name + ": error closing the selector", e);
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
