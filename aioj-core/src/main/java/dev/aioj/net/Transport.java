package dev.aioj.net;

import dev.aioj.loop.EventLoop;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * One connection's byte pipe, owned by one {@link EventLoop}: asyncio's
 * {@code Transport}. Writes are queued and flushed once per loop iteration, so
 * many small writes cost one system call; above the high-water mark the
 * protocol is told to {@link Protocol#pauseWriting pause}.
 *
 * <p>Thread contract: any thread. Calls made off the loop thread are handed to
 * the loop (written bytes are copied first), so they take effect in order with
 * other calls from that thread, but after the call returns.
 */
public interface Transport {

    /** asyncio's defaults: pause strictly above 64 KiB queued, resume at 16 KiB or below. */
    int DEFAULT_HIGH_WATER = 64 * 1024;

    /** See {@link #DEFAULT_HIGH_WATER}. */
    int DEFAULT_LOW_WATER = 16 * 1024;

    /** The loop that runs this transport and calls its protocol. */
    EventLoop loop();

    /**
     * Queues the remaining bytes of {@code data} (copied; the buffer's position
     * moves to its limit). Bytes written after {@link #close}, {@link #abort}
     * or {@link #writeEof} are dropped: a write never throws for a closed
     * connection.
     */
    void write(ByteBuffer data);

    /** Queues a copy of {@code data}; see {@link #write(ByteBuffer)}. */
    default void write(byte[] data) {
        write(ByteBuffer.wrap(data));
    }

    /** Queues a copy of {@code data[offset, offset + length)}. */
    default void write(byte[] data, int offset, int length) {
        write(ByteBuffer.wrap(data, offset, length));
    }

    /**
     * Closes the write side once the queued bytes are sent (the peer reads
     * EOF). Reading goes on; the transport closes when both sides are done.
     */
    void writeEof();

    /** Whether {@link #writeEof} is supported by this transport. */
    boolean canWriteEof();

    /**
     * Stops reading, sends what is queued, then closes; the protocol's
     * {@link Protocol#connectionLost} is called with {@code null}. Idempotent.
     */
    void close();

    /** Closes now, dropping queued bytes; {@code connectionLost(null)} follows. */
    void abort();

    /** True once {@link #close}, {@link #abort} or a connection loss began. */
    boolean isClosing();

    /** Stops calling {@link Protocol#dataReceived} until {@link #resumeReading}. */
    void pauseReading();

    /** Undoes {@link #pauseReading}. */
    void resumeReading();

    /** False while reading is paused or the transport is closing. */
    boolean isReading();

    /**
     * Sets the write-buffer water marks in bytes: {@link Protocol#pauseWriting}
     * when the queue goes strictly above {@code high}, {@link
     * Protocol#resumeWriting} when it drains to {@code low} or below.
     *
     * @throws IllegalArgumentException if {@code low < 0} or {@code high < low}
     */
    void setWriteBufferLimits(int high, int low);

    /** Bytes queued and not yet handed to the operating system. */
    long writeBufferSize();

    /** This side's address. */
    SocketAddress localAddress();

    /** The peer's address. */
    SocketAddress remoteAddress();

    /** Counters of this transport's traffic so far. */
    TransportStats stats();
}
