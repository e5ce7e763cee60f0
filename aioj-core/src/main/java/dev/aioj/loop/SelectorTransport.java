package dev.aioj.loop;

import java.nio.channels.SelectionKey;
import java.util.concurrent.RejectedExecutionException;

/**
 * What the loop's TCP and UDP transports share: the closing, reading and
 * water-mark state, the public calls that hop to the loop thread when made
 * elsewhere, and the selector interest that follows from that state. The
 * subclasses own the channel, the write queue and the I/O itself.
 *
 * <p>Thread contract: the public methods from any thread (handed to the loop
 * when called elsewhere); everything else on the loop thread.
 */
abstract class SelectorTransport implements ChannelHandler {

    private static final System.Logger LOG = System.getLogger(SelectorTransport.class.getName());

    final EventLoop loop;
    final WaterMarks waterMarks = new WaterMarks();
    private final Runnable flushTask = this::flush;
    SelectionKey key;
    boolean readingPaused;
    boolean flushScheduled;
    boolean waitingForWritable;
    volatile boolean closing;
    boolean closed;

    SelectorTransport(EventLoop loop) {
        this.loop = loop;
    }

    // ---------------------------------------------------------------- what the subclass does

    /** Whether nothing is waiting to be written. */
    abstract boolean queueIsEmpty();

    /** Bytes queued and not yet handed to the operating system. */
    public abstract long writeBufferSize();

    /** Writes what is queued, as far as the socket takes it. */
    abstract void flush();

    /** Reads what the socket has, into the protocol. */
    abstract void read();

    /** Closes the channel at once; the protocol's {@code connectionLost(cause)} runs as the next callback. */
    abstract void closeNow(Throwable cause);

    /** The protocol, for messages. */
    abstract Object protocol();

    abstract void protocolPauseWriting();

    abstract void protocolResumeWriting();

    /** Whether the channel should be polled for reading now. */
    boolean wantsRead() {
        return !closing && !readingPaused;
    }

    // ---------------------------------------------------------------- shared public calls

    public EventLoop loop() {
        return loop;
    }

    public void close() {
        if (!loop.inEventLoop()) {
            onLoop(this::close);
            return;
        }
        if (closing) {
            return;
        }
        closing = true;
        if (queueIsEmpty()) {
            closeNow(null);
        } else {
            updateInterest();
            scheduleFlush();
        }
    }

    public void abort() {
        if (!loop.inEventLoop()) {
            onLoop(this::abort);
            return;
        }
        closeNow(null);
    }

    public boolean isClosing() {
        return closing;
    }

    public void pauseReading() {
        if (!loop.inEventLoop()) {
            onLoop(this::pauseReading);
            return;
        }
        if (!readingPaused && !closing) {
            readingPaused = true;
            updateInterest();
        }
    }

    public void resumeReading() {
        if (!loop.inEventLoop()) {
            onLoop(this::resumeReading);
            return;
        }
        if (readingPaused && !closing) {
            readingPaused = false;
            updateInterest();
        }
    }

    public void setWriteBufferLimits(int high, int low) {
        WaterMarks.check(high, low);
        if (!loop.inEventLoop()) {
            onLoop(() -> setWriteBufferLimits(high, low));
            return;
        }
        waterMarks.set(high, low);
        if (waterMarks.shouldPause(writeBufferSize())) { // lowering the high mark below what is queued pauses at once
            pauseProtocol();
        } else {
            maybeResumeWriting();
        }
    }

    // ---------------------------------------------------------------- loop callbacks

    @Override
    public void channelReady(int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            read();
        }
    }

    @Override
    public void shutdown() {
        close();
    }

    @Override
    public void forceClose() {
        closeNow(null);
    }

    // ---------------------------------------------------------------- helpers for the subclasses (loop thread)

    final void scheduleFlush() {
        if (!flushScheduled && !waitingForWritable) {
            flushScheduled = true;
            loop.flushLater(flushTask);
        }
    }

    final void maybeResumeWriting() {
        if (!closing && waterMarks.shouldResume(writeBufferSize())) { // a closing transport takes no more writes
            try {
                protocolResumeWriting();
            } catch (RuntimeException e) {
                fatal("resumeWriting", e);
            }
        }
    }

    final void pauseProtocol() {
        try {
            protocolPauseWriting();
        } catch (RuntimeException e) {
            fatal("pauseWriting", e);
        }
    }

    final void updateInterest() {
        if (closed || !key.isValid()) {
            return;
        }
        int ops = (wantsRead() ? SelectionKey.OP_READ : 0) | (waitingForWritable ? SelectionKey.OP_WRITE : 0);
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /** A protocol callback threw: report it, abort, and give the protocol the error. */
    final void fatal(String callback, RuntimeException error) {
        loop.callExceptionHandler("fatal error in " + callback + " of " + protocol() + " on " + this, error);
        closeNow(error);
    }

    final void onLoop(Runnable action) {
        try {
            loop.execute(action);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: loop terminated, call dropped", this);
        }
    }
}
