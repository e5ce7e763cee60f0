package dev.aioj.loop;

import dev.aioj.internal.DirectWrites;
import dev.aioj.net.Protocol;
import dev.aioj.net.Transport;
import dev.aioj.net.TransportStats;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A connected TCP socket driven by its loop: asyncio's selector socket
 * transport. Reads go through the loop's shared read buffer straight into
 * {@link Protocol#dataReceived}; writes are queued and flushed at the end of
 * the loop iteration, registering for {@code OP_WRITE} only while the socket
 * is full.
 *
 * <p>States: open, then closing (close asked: reading stopped, queue draining)
 * or closed (channel closed; {@code connectionLost} scheduled exactly once).
 * The write side may end earlier with {@link #writeEof}; when the peer's EOF
 * has also arrived, the transport closes itself.
 *
 * <p>Thread contract: any thread (see {@link Transport}); the state below is
 * touched on the loop thread only.
 */
final class TcpTransport extends SelectorTransport implements Transport, DirectWrites {

    private static final System.Logger LOG = System.getLogger(TcpTransport.class.getName());

    /** Reads per readiness event before other channels get their turn (Netty's default). */
    private static final int MAX_READS_PER_EVENT = 16;

    /** Write calls per flush before other channels get their turn. */
    private static final int MAX_WRITES_PER_FLUSH = 16;

    private final SocketChannel channel;
    private final Protocol protocol;
    private final TcpServer server; // null for client connections
    private final SocketAddress localAddress;
    private final SocketAddress remoteAddress;
    private final WriteQueue queue = new WriteQueue();

    private boolean eofAsked;
    private boolean eofSent;
    private boolean eofReceived;
    private boolean droppedWriteLogged;

    // Plain fields: written on the loop only; stats() read elsewhere may lag.
    private long bytesRead;
    private long bytesWritten;
    private long readCalls;
    private long writeCalls;

    private TcpTransport(EventLoop loop, SocketChannel channel, Protocol protocol, TcpServer server)
            throws IOException {
        super(loop);
        this.channel = channel;
        this.protocol = protocol;
        this.server = server;
        this.localAddress = channel.getLocalAddress();
        this.remoteAddress = channel.getRemoteAddress();
    }

    /**
     * Wraps a connected channel, registers it for reading and calls {@link
     * Protocol#connectionMade}. {@code key} is the channel's key when it is
     * already registered (a finished connect), else null. Loop thread only.
     */
    static TcpTransport start(EventLoop loop, SocketChannel channel, SelectionKey key, Protocol protocol,
            TcpServer server) throws IOException {
        TcpTransport transport = new TcpTransport(loop, channel, protocol, server);
        if (key == null) {
            transport.key = loop.register(channel, SelectionKey.OP_READ, transport);
        } else {
            transport.key = key;
            key.attach(transport);
            key.interestOps(SelectionKey.OP_READ);
        }
        try {
            protocol.connectionMade(transport);
        } catch (RuntimeException e) {
            transport.fatal("connectionMade", e);
        }
        return transport;
    }

    // ---------------------------------------------------------------- Transport

    @Override
    public void write(ByteBuffer data) {
        if (!loop.inEventLoop()) {
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            onLoop(() -> write(copy, 0, copy.length));
            return;
        }
        int n = data.remaining();
        if (!accepts(n)) {
            data.position(data.limit());
            return;
        }
        queue.add(data);
        queued();
    }

    /** Like {@link #write(ByteBuffer)}, without wrapping the array in a buffer (a pipelined client writes so). */
    @Override
    public void write(byte[] data, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        if (!loop.inEventLoop()) {
            byte[] copy = java.util.Arrays.copyOfRange(data, offset, offset + length);
            onLoop(() -> write(copy, 0, copy.length));
            return;
        }
        if (accepts(length)) {
            queue.add(data, offset, length);
            queued();
        }
    }

    /**
     * Any thread, under {@link DirectWrites}'s contract: the queue is
     * empty and the caller is the only writer, so the loop's flush neither
     * writes nor counts meanwhile and the counters below have one writer.
     */
    @Override
    public int writeDirect(ByteBuffer data) throws IOException {
        if (closing) {
            return -1;
        }
        int written = channel.write(data);
        writeCalls++;
        bytesWritten += written;
        return written;
    }

    /** True if {@code n} bytes may be queued now: something to write, and not closing. */
    private boolean accepts(int n) {
        if (closing || eofAsked) {
            if (!droppedWriteLogged) {
                droppedWriteLogged = true;
                LOG.log(System.Logger.Level.DEBUG, "{0}: dropped {1} bytes written after close or writeEof",
                        this, n);
            }
            return false;
        }
        return n > 0;
    }

    private void queued() {
        scheduleFlush();
        if (waterMarks.shouldPause(queue.size())) {
            pauseProtocol();
        }
    }

    @Override
    public void writeEof() {
        if (!loop.inEventLoop()) {
            onLoop(this::writeEof);
            return;
        }
        if (closing || eofAsked) {
            return;
        }
        eofAsked = true;
        scheduleFlush();
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public boolean isReading() {
        return !readingPaused && !closing;
    }

    @Override
    public long writeBufferSize() {
        return queue.size();
    }

    @Override
    public SocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public TransportStats stats() {
        return new TransportStats(bytesRead, bytesWritten, readCalls, writeCalls);
    }

    @Override
    public String toString() {
        return "TcpTransport[" + localAddress + " -> " + remoteAddress + (closed ? ", closed" : "") + "]";
    }

    // ---------------------------------------------------------------- SelectorTransport's hooks

    @Override
    boolean queueIsEmpty() {
        return queue.isEmpty();
    }

    @Override
    Object protocol() {
        return protocol;
    }

    @Override
    void protocolPauseWriting() {
        protocol.pauseWriting();
    }

    @Override
    void protocolResumeWriting() {
        protocol.resumeWriting();
    }

    @Override
    boolean wantsRead() {
        return super.wantsRead() && !eofReceived;
    }

    // ---------------------------------------------------------------- loop callbacks

    @Override
    void read() {
        ByteBuffer buffer = loop.readBuffer;
        for (int i = 0; i < MAX_READS_PER_EVENT; i++) {
            if (closing || readingPaused || eofReceived) {
                return;
            }
            buffer.clear();
            int n;
            try {
                n = channel.read(buffer);
            } catch (IOException e) {
                closeNow(e);
                return;
            }
            if (n > 0) {
                readCalls++;
                bytesRead += n;
                buffer.flip();
                try {
                    protocol.dataReceived(buffer);
                } catch (RuntimeException e) {
                    fatal("dataReceived", e);
                    return;
                }
                if (n < buffer.capacity()) {
                    return; // drained for now; epoll is level-triggered, so more data is reported again
                }
            } else {
                if (n < 0) {
                    onEof();
                }
                return;
            }
        }
    }

    private void onEof() {
        eofReceived = true;
        boolean keepOpen;
        try {
            keepOpen = protocol.eofReceived();
        } catch (RuntimeException e) {
            fatal("eofReceived", e);
            return;
        }
        if (closed) {
            return;
        }
        if (!keepOpen) {
            close();
        } else if (eofSent) {
            closeNow(null); // both directions are finished
        } else {
            updateInterest(); // stop polling a socket that only reports EOF
        }
    }

    @Override
    void flush() {
        flushScheduled = false;
        if (closed) {
            return;
        }
        try {
            for (int i = 0; i < MAX_WRITES_PER_FLUSH && !queue.isEmpty(); i++) {
                long attempted = Math.min(queue.size(), loop.writeStaging.capacity());
                int written = queue.writeTo(channel, loop.writeStaging);
                writeCalls++;
                bytesWritten += written;
                if (written < attempted) {
                    if (!waitingForWritable) {
                        waitingForWritable = true;
                        updateInterest();
                    }
                    maybeResumeWriting();
                    return;
                }
            }
        } catch (IOException e) {
            closeNow(e);
            return;
        }
        if (!queue.isEmpty()) {
            scheduleFlush(); // spin limit reached with the socket still taking bytes: continue next iteration
            maybeResumeWriting();
            return;
        }
        if (waitingForWritable) {
            waitingForWritable = false;
            updateInterest();
        }
        if (closing) {
            closeNow(null);
            return;
        }
        if (eofAsked && !eofSent) {
            sendEof();
            if (closed) {
                return;
            }
        }
        maybeResumeWriting();
    }

    private void sendEof() {
        try {
            channel.shutdownOutput();
            eofSent = true;
        } catch (IOException e) {
            closeNow(e);
            return;
        }
        if (eofReceived) {
            closeNow(null);
        }
    }

    /** Closes the channel at once; {@code connectionLost(cause)} runs as the next callback. */
    @Override
    void closeNow(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        queue.clear();
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "error closing " + this, e);
        }
        loop.execute(() -> connectionLost(cause));
    }

    private void connectionLost(Throwable cause) {
        try {
            protocol.connectionLost(cause);
        } catch (RuntimeException e) {
            loop.callExceptionHandler("exception in connectionLost of " + protocol + " on " + this, e);
        } finally {
            if (server != null) {
                server.connectionClosed();
            }
        }
    }

}
