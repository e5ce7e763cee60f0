package dev.aioj.stream;

import dev.aioj.net.Protocol;
import dev.aioj.net.Transport;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The protocol under a stream connection: asyncio's {@code
 * StreamReaderProtocol}. It feeds received bytes, EOF and errors to the
 * {@link StreamReader}, and tracks what {@link StreamWriter#drain()} waits
 * for: writing paused above the transport's high-water mark, and connection
 * loss. EOF from the peer keeps this side open for writing (half-close), so
 * an echo server can answer after its client's {@code writeEof}.
 *
 * <p>Thread contract: loop thread only, like every protocol.
 */
final class StreamReaderProtocol implements Protocol {

    private final int limit;
    private final Consumer<StreamConnection> onConnected;
    private StreamReader reader;
    private StreamWriter writer;
    private CompletableFuture<Void> closed;
    private final ArrayDeque<CompletableFuture<Void>> drainWaiters = new ArrayDeque<>();
    private volatile boolean writeSideDone; // writeEof or close was called: this side means to write no more
    private boolean writingPaused;
    private boolean lost;
    private Throwable lostCause;

    /** {@code onConnected} runs in {@link #connectionMade}, with the new reader and writer. */
    StreamReaderProtocol(int limit, Consumer<StreamConnection> onConnected) {
        this.limit = limit;
        this.onConnected = onConnected;
    }

    @Override
    public void connectionMade(Transport transport) {
        reader = new StreamReader(transport.loop(), limit);
        reader.attach(transport);
        closed = transport.loop().createFuture();
        writer = new StreamWriter(transport, this);
        onConnected.accept(new StreamConnection(reader, writer));
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        reader.feedData(data);
    }

    @Override
    public boolean eofReceived() {
        reader.feedEof();
        return true;
    }

    @Override
    public void connectionLost(Throwable cause) {
        lost = true;
        lostCause = cause;
        if (cause == null) {
            reader.feedEof();
        } else {
            reader.setException(cause);
        }
        CompletableFuture<Void> waiter;
        while ((waiter = drainWaiters.poll()) != null) {
            waiter.completeExceptionally(connectionLostError());
        }
        if (cause == null) {
            closed.complete(null);
        } else {
            closed.completeExceptionally(cause);
        }
    }

    @Override
    public void pauseWriting() {
        writingPaused = true;
    }

    @Override
    public void resumeWriting() {
        writingPaused = false;
        CompletableFuture<Void> waiter;
        while ((waiter = drainWaiters.poll()) != null) {
            waiter.complete(null);
        }
    }

    /** The writer called writeEof or close; any thread. */
    void writeSideDone() {
        writeSideDone = true;
    }

    /**
     * asyncio's drain: fail if the connection is gone, wait while writing is
     * paused. One difference: once this side called writeEof or close, a
     * clean close completes the drain, since everything written was sent
     * (asyncio would raise if the peer's close won the race, which with a
     * loop on its own thread it often does).
     */
    void drain(CompletableFuture<Void> future) {
        if (reader.exception() != null) {
            future.completeExceptionally(reader.exception());
        } else if (lost && lostCause == null && writeSideDone) {
            future.complete(null);
        } else if (lost) {
            future.completeExceptionally(connectionLostError());
        } else if (writingPaused) {
            drainWaiters.add(future);
        } else {
            future.complete(null);
        }
    }

    /** Completes when the connection has closed; fails with the error it closed with, if any. */
    CompletableFuture<Void> closed() {
        return closed;
    }

    private SocketException connectionLostError() {
        SocketException error = new SocketException("connection lost");
        if (lostCause != null) {
            error.initCause(lostCause);
        }
        return error;
    }
}
