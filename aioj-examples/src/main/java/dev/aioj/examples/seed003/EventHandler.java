package dev.aioj.examples.seed003;

import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * Seed 003's {@code EventHandler}: one channel in the {@link Reactor}, which
 * asks it before every poll whether it wants to receive or send, then calls
 * {@code handleReceive}/{@code handleSend} when the channel is ready. The
 * seed's {@code fileno()} is {@link #channel()}: Java selects on channels,
 * not descriptors.
 *
 * <p>Thread contract: called on the reactor's thread only.
 */
interface EventHandler {

    /** The channel to poll: the seed's {@code fileno()}. */
    SelectableChannel channel();

    /** Whether receiving (or accepting) is wanted now. */
    default boolean wantsToReceive() {
        return false;
    }

    /** Performs the receive operation. */
    default void handleReceive() throws IOException {}

    /** Whether sending is wanted now. */
    default boolean wantsToSend() {
        return false;
    }

    /** Sends outgoing data. */
    default void handleSend() throws IOException {}
}
