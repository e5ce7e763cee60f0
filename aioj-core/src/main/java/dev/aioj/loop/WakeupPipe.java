package dev.aioj.loop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * How another thread wakes a loop blocked in {@code select}: one byte into a
 * pipe whose read end the loop's selector watches, instead of {@link
 * Selector#wakeup()}. The JDK's wakeup writes its eventfd while holding the
 * selector's {@code interruptLock}, and the woken loop takes that same lock
 * to clear the eventfd; on a busy machine the loop often gets there while the
 * waker is still inside its write, blocks on the monitor, and pays a futex
 * wait and a context switch more per wake-up (seen in strace at 16 commands
 * in flight: about 5 futex calls per window of replies where park and unpark
 * make 2). A pipe shares no lock between the two sides: the waker writes, the
 * loop reads what is there when the read end turns readable.
 *
 * <p>{@link Poller} decides who wakes (only the thread that flips its
 * state from SELECTING to AWAKE), so at most one byte is written per
 * select; the loop drains whatever is there anyway.
 *
 * <p>Thread contract: {@link #wake} from any thread; the rest on the loop thread.
 */
final class WakeupPipe implements ChannelHandler {

    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

    private final Pipe pipe;
    private final SelectionKey key;
    /** The loop's read buffer for the pipe; wakers allocate their one byte each (they may overlap). */
    private final ByteBuffer drain = ByteBuffer.allocateDirect(64);

    private WakeupPipe(Pipe pipe, SelectionKey key) {
        this.pipe = pipe;
        this.key = key;
    }

    /**
     * A pipe registered with {@code selector}, or null if its provider cannot
     * make one (a custom poller): the loop then falls back to {@link Selector#wakeup()}.
     */
    static WakeupPipe open(Selector selector) {
        Pipe pipe = null;
        try {
            pipe = selector.provider().openPipe();
            pipe.source().configureBlocking(false);
            pipe.sink().configureBlocking(false);
            SelectionKey key = pipe.source().register(selector, SelectionKey.OP_READ);
            WakeupPipe registered = new WakeupPipe(pipe, key);
            key.attach(registered);
            return registered;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "no wake-up pipe from " + selector.provider()
                    + ", the loop uses Selector.wakeup(): " + e);
            if (pipe != null) {
                closeQuietly(pipe);
            }
            return null;
        }
    }

    /** Makes the loop's current or next select return. Any thread. */
    void wake() throws IOException {
        pipe.sink().write(ByteBuffer.allocate(1)); // a full pipe (0 written) has bytes pending: the loop wakes anyway
    }

    /** Whether {@code k} is this pipe's key (which does not keep a shutting-down loop alive). */
    boolean owns(SelectionKey k) {
        return k == key;
    }

    @Override
    public void channelReady(int readyOps) {
        try {
            int n;
            do { // one byte per wake-up, so one read nearly always empties it: no second read to learn that
                drain.clear();
                n = pipe.source().read(drain);
            } while (n == drain.capacity());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "reading the loop's wake-up pipe failed", e);
        }
    }

    @Override
    public void shutdown() {
        // stays open until the loop ends: wake-ups are still needed while it shuts down
    }

    @Override
    public void forceClose() {
        // closed by close(), when the loop ends
    }

    /** When the loop ends. Loop thread. */
    void close() {
        key.cancel();
        closeQuietly(pipe);
    }

    private static void closeQuietly(Pipe pipe) {
        try {
            pipe.source().close();
        } catch (IOException ignored) {
            // closing: nothing left to do with it
        }
        try {
            pipe.sink().close();
        } catch (IOException ignored) {
            // closing: nothing left to do with it
        }
    }

    @Override
    public String toString() {
        return "the loop's wake-up pipe";
    }
}
