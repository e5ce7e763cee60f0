package dev.aioj.stream;

import dev.aioj.loop.EventLoop;
import dev.aioj.net.Transport;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * The writing half of a stream connection: asyncio's {@code StreamWriter}.
 * {@link #write} never blocks and never fails: bytes are queued on the
 * transport. {@link #drain()} is the flow control: its future completes at
 * once while the transport's queue is at or below its high-water mark (64 KiB
 * by default), else when the queue has drained to the low-water mark; it
 * fails if the connection is lost. Write, then drain, and a fast producer
 * cannot outrun a slow peer.
 *
 * <p>Thread contract: any thread. Writes from one thread reach the peer in
 * order; futures complete on the loop thread. For blocking code on virtual
 * threads, see {@link #sync()}.
 */
public final class StreamWriter {

    private final Transport transport;
    private final StreamReaderProtocol protocol;
    private final SyncStreamWriter sync = new SyncStreamWriter(this);

    StreamWriter(Transport transport, StreamReaderProtocol protocol) {
        this.transport = transport;
        this.protocol = protocol;
    }

    /** The transport underneath, for what this class does not wrap (water marks, stats). */
    public Transport transport() {
        return transport;
    }

    /** The loop running this connection. */
    public EventLoop loop() {
        return transport.loop();
    }

    /** A blocking view of this writer for code on virtual threads; refuses to run on a loop thread. */
    public SyncStreamWriter sync() {
        return sync;
    }

    /** Queues a copy of {@code data}. Dropped after {@link #close} or {@link #writeEof}. */
    public void write(byte[] data) {
        transport.write(data);
    }

    /** Queues a copy of the remaining bytes of {@code data}, moving its position to its limit. */
    public void write(ByteBuffer data) {
        transport.write(data);
    }

    /**
     * Completes when it is fine to write more: at once below the high-water
     * mark, else once the queue drains. Fails once the connection is gone:
     * with its error, or a {@link java.net.SocketException} "connection lost"
     * if it closed while this side still meant to write. After {@link
     * #writeEof} or {@link #close}, a clean close completes it instead: what
     * was written has been sent.
     */
    public CompletableFuture<Void> drain() {
        EventLoop loop = transport.loop();
        CompletableFuture<Void> future = loop.createFuture();
        if (loop.inEventLoop()) {
            protocol.drain(future);
        } else {
            try {
                loop.execute(() -> protocol.drain(future)); // the protocol's state is confined to the loop
            } catch (RejectedExecutionException e) {
                future.completeExceptionally(e);
            }
        }
        return future;
    }

    /** Whether {@link #writeEof} is supported: true for TCP and unix sockets, false over TLS. */
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /** Closes the write side once queued bytes are sent; the peer reads EOF, this side may still read. */
    public void writeEof() {
        protocol.writeSideDone();
        transport.writeEof();
    }

    /** Sends what is queued, then closes the connection. Idempotent; see {@link #waitClosed}. */
    public void close() {
        protocol.writeSideDone();
        transport.close();
    }

    /** True once {@link #close} was called or the connection was lost. */
    public boolean isClosing() {
        return transport.isClosing();
    }

    /** Completes once the connection has closed; fails with the error it ended with, if any. */
    public CompletableFuture<Void> waitClosed() {
        return protocol.closed();
    }

    /** The peer's address (asyncio's {@code get_extra_info('peername')}). */
    public SocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    /** This side's address ({@code get_extra_info('sockname')}). */
    public SocketAddress localAddress() {
        return transport.localAddress();
    }

    @Override
    public String toString() {
        return "StreamWriter[" + transport + "]";
    }
}
