package dev.aioj.loop;

/**
 * What the loop calls for a channel registered with its selector: a server
 * socket, a connection in progress, a transport. The attachment of every
 * selection key.
 *
 * <p>Thread contract: loop thread only.
 */
interface ChannelHandler {

    /** The channel is ready for the operations in {@code readyOps}. */
    void channelReady(int readyOps);

    /** The loop is shutting down gracefully: finish up and close. */
    void shutdown();

    /** The loop's grace period ran out, or it is dying: close now. */
    void forceClose();
}
