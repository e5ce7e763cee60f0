package dev.aioj.net;

import dev.aioj.loop.EventLoop;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * A UDP socket owned by one {@link EventLoop}: asyncio's {@code
 * DatagramTransport}. Datagrams are queued and sent at the end of the loop
 * iteration; above the high-water mark the protocol is told to {@link
 * DatagramProtocol#pauseWriting pause}. Made by {@link
 * EventLoop#createDatagramEndpoint}.
 *
 * <p>Thread contract: any thread. Calls made off the loop thread are handed to
 * the loop (sent bytes are copied first), so they take effect in order with
 * other calls from that thread, but after the call returns.
 */
public interface DatagramTransport {

    /** The largest UDP payload over IPv4: 65,535 minus the IP and UDP headers. */
    int MAX_DATAGRAM_SIZE = 65_507;

    /** The loop that runs this transport and calls its protocol. */
    EventLoop loop();

    /**
     * Queues one datagram to {@code target} (copied; the buffer's position
     * moves to its limit). On a connected endpoint {@code target} must be null
     * or the remote address. A datagram queued after {@link #close} is dropped.
     *
     * @throws IllegalArgumentException if the datagram is larger than {@link
     *     #MAX_DATAGRAM_SIZE}, if {@code target} is null on an unconnected
     *     endpoint, or names another peer than the connected one
     */
    void sendTo(ByteBuffer data, SocketAddress target);

    /** Queues a copy of {@code data} to {@code target}; see {@link #sendTo(ByteBuffer, SocketAddress)}. */
    default void sendTo(byte[] data, SocketAddress target) {
        sendTo(ByteBuffer.wrap(data), target);
    }

    /** Queues one datagram to the connected peer; {@code sendTo(data, null)}. */
    default void send(ByteBuffer data) {
        sendTo(data, null);
    }

    /** Queues a copy of {@code data} to the connected peer. */
    default void send(byte[] data) {
        sendTo(ByteBuffer.wrap(data), null);
    }

    /** Stops receiving, sends what is queued, then closes; {@code connectionLost(null)} follows. Idempotent. */
    void close();

    /** Closes now, dropping queued datagrams; {@code connectionLost(null)} follows. */
    void abort();

    /** True once {@link #close} or {@link #abort} began. */
    boolean isClosing();

    /** Stops calling {@link DatagramProtocol#datagramReceived} until {@link #resumeReading}. */
    void pauseReading();

    /** Undoes {@link #pauseReading}. */
    void resumeReading();

    /**
     * Sets the send-queue water marks in bytes, like {@link
     * Transport#setWriteBufferLimits}; defaults 64 KiB and 16 KiB.
     *
     * @throws IllegalArgumentException if {@code low < 0} or {@code high < low}
     */
    void setWriteBufferLimits(int high, int low);

    /** Bytes of datagrams queued and not yet handed to the operating system. */
    long writeBufferSize();

    /** The bound address; with port 0 asked, it carries the port the system chose. */
    SocketAddress localAddress();

    /** The connected peer, or null for an unconnected endpoint. */
    SocketAddress remoteAddress();
}
