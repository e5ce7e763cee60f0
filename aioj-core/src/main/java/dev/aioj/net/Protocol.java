package dev.aioj.net;

import java.nio.ByteBuffer;

/**
 * What a connection does with the events of its {@link Transport}: asyncio's
 * {@code Protocol}. The loop calls these methods on its own thread, in this
 * order, and never concurrently:
 *
 * <pre>
 * connectionMade  -&gt;  dataReceived*  -&gt;  eofReceived?  -&gt;  connectionLost   (exactly once)
 * pauseWriting / resumeWriting alternate, starting with pause, only between made and lost
 * </pre>
 *
 * <p>An exception thrown from a callback goes to the loop's exception handler
 * and aborts the transport; {@link #connectionLost} then receives it. Every
 * method has an empty default, so a protocol implements only what it needs.
 *
 * <p>Thread contract: called on the transport's loop thread only.
 */
public interface Protocol {

    /** The connection is up; keep {@code transport} to write to it. */
    default void connectionMade(Transport transport) {}

    /**
     * Bytes arrived. {@code data} is the loop's shared read buffer: it is valid
     * only during this call, so copy whatever must outlive it.
     */
    default void dataReceived(ByteBuffer data) {}

    /**
     * The peer closed its write side (it sent FIN). Return {@code true} to keep
     * this side open for writing (half-close); {@code false}, the default,
     * closes the transport.
     */
    default boolean eofReceived() {
        return false;
    }

    /**
     * The connection is closed; called exactly once, after {@link
     * #connectionMade}. {@code cause} is {@code null} for a normal close or EOF,
     * else the error that ended it (a reset, an exception of this protocol).
     */
    default void connectionLost(Throwable cause) {}

    /** The transport's write buffer went above its high-water mark: stop producing. */
    default void pauseWriting() {}

    /** The write buffer drained to its low-water mark: producing may go on. */
    default void resumeWriting() {}
}
