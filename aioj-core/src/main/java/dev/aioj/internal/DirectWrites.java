package dev.aioj.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A transport whose socket a caller may write to from its own thread, with no
 * hand-off to the loop: a request/response client writing one request on an
 * idle connection (aioj-redis's caller writes). Not public API: the package
 * is exported only to {@code dev.aioj.redis}; plain TCP and unix transports
 * implement it, TLS does not (its engine is the loop's).
 *
 * <p>Thread contract: any thread, but only for a caller that owns the order
 * of its bytes: nothing may be queued on the transport, and nothing else may
 * write to it until {@link #writeDirect} returns. That caller queues what was
 * not written with {@code Transport.write}.
 */
public interface DirectWrites {

    /**
     * Writes the remaining bytes of {@code data} straight to the socket; the
     * buffer's position moves past what was written.
     *
     * @return the bytes written, maybe fewer than asked (the socket's buffer
     *     is full), or -1 if the transport is closing
     * @throws IOException if the socket failed; the loop sees the failure too
     *     and reports it through {@code Protocol.connectionLost}
     */
    int writeDirect(ByteBuffer data) throws IOException;
}
