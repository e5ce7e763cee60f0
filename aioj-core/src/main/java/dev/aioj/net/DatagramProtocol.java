package dev.aioj.net;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * What a UDP endpoint does with the events of its {@link DatagramTransport}:
 * asyncio's {@code DatagramProtocol}. The loop calls these methods on its own
 * thread, in this order, and never concurrently:
 *
 * <pre>
 * connectionMade  -&gt;  (datagramReceived | errorReceived)*  -&gt;  connectionLost   (exactly once)
 * pauseWriting / resumeWriting alternate, starting with pause, only between made and lost
 * </pre>
 *
 * <p>Unlike a stream, a datagram endpoint survives send and receive errors:
 * they arrive in {@link #errorReceived} and the transport stays open. An
 * exception thrown from a callback goes to the loop's exception handler and
 * aborts the transport; {@link #connectionLost} then receives it.
 *
 * <p>Thread contract: called on the transport's loop thread only.
 */
public interface DatagramProtocol {

    /** The endpoint is bound (and connected, if a remote address was given); keep {@code transport}. */
    default void connectionMade(DatagramTransport transport) {}

    /**
     * One datagram arrived from {@code from}. {@code data} is the loop's shared
     * read buffer: valid only during this call, so copy what must outlive it.
     */
    default void datagramReceived(ByteBuffer data, SocketAddress from) {}

    /**
     * A send or receive failed; the endpoint stays open. On a connected
     * endpoint this is how an ICMP "port unreachable" shows up, as a {@link
     * java.net.PortUnreachableException}, where the platform reports it (Linux
     * does, for connected sockets only).
     */
    default void errorReceived(IOException error) {}

    /** The endpoint is closed; called exactly once. {@code cause} is null for a normal close. */
    default void connectionLost(Throwable cause) {}

    /** Datagrams queued for sending went above the high-water mark: stop producing. */
    default void pauseWriting() {}

    /** The send queue drained to its low-water mark: producing may go on. */
    default void resumeWriting() {}
}
