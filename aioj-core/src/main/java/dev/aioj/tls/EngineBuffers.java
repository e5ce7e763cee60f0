package dev.aioj.tls;

import dev.aioj.net.Transport;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * The three buffers an {@link SSLEngine} works between, and the sizing rules
 * its {@code BUFFER_UNDERFLOW}/{@code BUFFER_OVERFLOW} results imply, kept
 * out of {@link TlsProtocol} so that it reads as the state machine it is.
 *
 * <ul>
 *   <li>ciphertext in: bytes from the socket not yet unwrapped (a record may
 *       arrive in pieces); grows to hold what arrives, up to what TCP reads
 *       while reading is not paused;
 *   <li>plaintext in: one unwrap's output, handed to the user's protocol and
 *       cleared;
 *   <li>ciphertext out: one wrap's output, copied at once into the TCP
 *       transport's write queue.
 * </ul>
 *
 * <p>Thread contract: loop thread only.
 */
final class EngineBuffers {

    private final SSLEngine engine;
    private ByteBuffer netIn; // write mode
    private ByteBuffer appIn; // write mode
    private ByteBuffer netOut;

    EngineBuffers(SSLEngine engine) {
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        this.netOut = ByteBuffer.allocate(packet);
    }

    /** Appends ciphertext from the socket; {@code data} is copied. */
    void addCiphertext(ByteBuffer data) {
        if (netIn.remaining() < data.remaining()) {
            netIn = grown(netIn, Math.max(netIn.position() + data.remaining(), 2 * netIn.capacity()));
        }
        netIn.put(data);
    }

    /**
     * One unwrap of the buffered ciphertext into the plaintext buffer. On
     * {@code BUFFER_UNDERFLOW} (a partial record) a full ciphertext buffer is
     * grown to the session's packet size; on {@code BUFFER_OVERFLOW} an empty
     * plaintext buffer is grown (a non-empty one must be delivered first).
     */
    SSLEngineResult unwrap() throws SSLException {
        netIn.flip();
        SSLEngineResult result;
        try {
            result = engine.unwrap(netIn, appIn);
        } finally {
            netIn.compact();
        }
        switch (result.getStatus()) {
            case BUFFER_UNDERFLOW -> {
                int packet = engine.getSession().getPacketBufferSize();
                if (netIn.position() == netIn.capacity() && netIn.capacity() < packet) {
                    netIn = grown(netIn, packet);
                }
            }
            case BUFFER_OVERFLOW -> {
                if (appIn.position() == 0) {
                    appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() + appIn.capacity());
                }
            }
            case OK, CLOSED -> {
                // nothing to resize
            }
        }
        return result;
    }

    boolean hasPlaintext() {
        return appIn.position() > 0;
    }

    /** The plaintext unwrapped so far, ready to read; call {@link #plaintextDelivered} after. */
    ByteBuffer plaintext() {
        return appIn.flip();
    }

    void plaintextDelivered() {
        appIn.clear();
    }

    /**
     * One wrap of {@code src} (empty for handshake and closing records); what
     * it produced goes to {@code tcp} at once. On {@code BUFFER_OVERFLOW} the
     * output buffer grows and nothing is written: the caller wraps again.
     */
    SSLEngineResult wrap(ByteBuffer src, Transport tcp) throws SSLException {
        netOut.clear();
        SSLEngineResult result = engine.wrap(src, netOut);
        if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() + netOut.capacity());
            return result;
        }
        if (netOut.position() > 0) {
            netOut.flip();
            tcp.write(netOut); // copied into the TCP write queue
        }
        return result;
    }

    private static ByteBuffer grown(ByteBuffer writeMode, int capacity) {
        ByteBuffer bigger = ByteBuffer.allocate(capacity);
        writeMode.flip();
        bigger.put(writeMode);
        return bigger;
    }
}
