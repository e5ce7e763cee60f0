package dev.aioj.tls;

import dev.aioj.loop.EventLoop;
import dev.aioj.loop.TimerHandle;
import dev.aioj.net.Protocol;
import dev.aioj.net.Transport;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The protocol under a TLS connection: asyncio's {@code SSLProtocol}. The TCP
 * transport feeds it ciphertext; it drives the {@link SSLEngine} (handshake,
 * records, {@code close_notify}, alerts) and gives the user's protocol
 * plaintext through a {@link TlsAppTransport}, whose writes come back here to
 * be encrypted.
 *
 * <p>Callback order for the user's protocol is the plain TCP one, shifted:
 * {@code connectionMade} once the handshake is done, {@code dataReceived}*,
 * {@code eofReceived} when the peer's {@code close_notify} (or a bare FIN)
 * arrives, {@code connectionLost} exactly once, and only if it was made. A
 * failed handshake never makes the user's protocol; it fails the connect.
 *
 * <p>The engine's delegated tasks (certificate checks, key agreement) run
 * inline on the loop thread, as asyncio and Netty do by default: they are
 * CPU work of a millisecond or so, not blocking I/O.
 *
 * <p>Re-entrancy: the user's callbacks may write, close or pause from inside
 * {@code dataReceived}; {@link #drive} notices it is already running and
 * goes round once more instead of recursing.
 *
 * <p>Thread contract: loop thread only.
 */
final class TlsProtocol implements Protocol {

    private static final System.Logger LOG = System.getLogger(TlsProtocol.class.getName());
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final Protocol app;
    private final java.time.Duration handshakeTimeout;
    private final BiConsumer<TlsAppTransport, Throwable> onHandshake; // client: completes the connect; may be null
    private final ArrayDeque<ByteBuffer> pendingPlain = new ArrayDeque<>(); // writes the engine could not take yet
    private TlsAppTransport appTransport;
    private Transport tcp;
    private EventLoop loop;
    private TimerHandle handshakeTimer;
    private final EngineBuffers buffers;

    private boolean handshakeDone;
    private boolean handshakeReported;
    private boolean appReadingPaused;
    private boolean closing;
    private boolean lost;
    private boolean driving;
    private boolean redrive;
    private Throwable error; // what ended the connection, for the user's connectionLost

    TlsProtocol(SSLEngine engine, Protocol app, java.time.Duration handshakeTimeout,
            BiConsumer<TlsAppTransport, Throwable> onHandshake) {
        this.engine = engine;
        this.app = java.util.Objects.requireNonNull(app, "protocol factory returned null");
        this.handshakeTimeout = handshakeTimeout;
        this.onHandshake = onHandshake;
        this.buffers = new EngineBuffers(engine);
    }

    // ---------------------------------------------------------------- Protocol: events from TCP

    @Override
    public void connectionMade(Transport transport) {
        this.tcp = transport;
        this.loop = transport.loop();
        this.appTransport = new TlsAppTransport(this, transport);
        handshakeTimer = loop.callLater(handshakeTimeout, this::handshakeTimedOut);
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            fail(e);
            return;
        }
        drive();
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (lost || error != null) {
            return;
        }
        buffers.addCiphertext(data);
        drive();
    }

    @Override
    public boolean eofReceived() {
        if (!handshakeDone) {
            fail(new SSLHandshakeException("peer closed the connection during the TLS handshake with "
                    + tcp.remoteAddress()));
        } else if (!engine.isInboundDone()) {
            // A FIN without close_notify: a truncation an attacker could cause, but common in practice.
            // asyncio treats it as EOF; so do we, and the user's protocol decides what a short stream means.
            callApp("eofReceived", app::eofReceived);
        }
        return false; // TLS has no half-close: the TCP transport closes
    }

    @Override
    public void connectionLost(Throwable cause) {
        lost = true;
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
        }
        if (!handshakeDone) {
            handshakeFailed(error != null ? error
                    : cause != null ? cause
                    : new SSLHandshakeException("connection closed during the TLS handshake with "
                            + tcp.remoteAddress()));
            return;
        }
        try {
            app.connectionLost(error != null ? error : cause);
        } catch (RuntimeException e) {
            loop.callExceptionHandler("exception in connectionLost of " + app + " on " + appTransport, e);
        }
    }

    @Override
    public void pauseWriting() {
        if (handshakeDone && !lost) {
            callApp("pauseWriting", app::pauseWriting);
        }
    }

    @Override
    public void resumeWriting() {
        if (handshakeDone && !lost) {
            callApp("resumeWriting", app::resumeWriting);
        }
    }

    // ---------------------------------------------------------------- from the user's transport, loop thread

    void write(ByteBuffer data) {
        if (closing || lost || error != null) {
            data.position(data.limit());
            return;
        }
        if (!handshakeDone || !pendingPlain.isEmpty()) {
            pendingPlain.add(copyOf(data));
            drive();
            return;
        }
        try {
            while (data.hasRemaining()) {
                if (!wrap(data)) {
                    pendingPlain.add(copyOf(data)); // the engine is busy (renegotiating): after the next unwrap
                    break;
                }
            }
        } catch (SSLException e) {
            fail(e);
        }
    }

    /** Sends the queued bytes and {@code close_notify}, then closes the socket. */
    void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (!handshakeDone) {
            tcp.close();
            return;
        }
        flushPending();
        engine.closeOutbound();
        drive();
    }

    void pauseReading() {
        appReadingPaused = true;
        tcp.pauseReading();
    }

    void resumeReading() {
        if (appReadingPaused) {
            appReadingPaused = false;
            tcp.resumeReading();
            loop.execute(this::drive); // plaintext still held in the ciphertext buffer, asyncio-style: soon, not now
        }
    }

    boolean isClosing() {
        return closing || tcp.isClosing();
    }

    long pendingPlainBytes() {
        long n = 0;
        for (ByteBuffer b : pendingPlain) {
            n += b.remaining();
        }
        return n;
    }

    SSLEngine engine() {
        return engine;
    }

    // ---------------------------------------------------------------- the engine

    /** Wraps and unwraps until the engine can make no more progress with what it has. */
    private void drive() {
        if (driving) {
            redrive = true;
            return;
        }
        driving = true;
        try {
            do {
                redrive = false;
                step();
            } while (redrive && !lost && error == null);
        } catch (SSLException e) {
            fail(e);
        } finally {
            driving = false;
        }
        if (closing && engine.isOutboundDone() && !tcp.isClosing()) {
            tcp.close(); // close_notify is queued: the TCP transport sends it, then closes
        }
    }

    private void step() throws SSLException {
        while (!lost && error == null) {
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
            } else if (status == HandshakeStatus.NEED_WRAP) {
                if (!wrap(EMPTY)) {
                    return;
                }
            } else if ((handshakeDone && appReadingPaused) || engine.isInboundDone() || !unwrap()) {
                break;
            }
        }
        if (handshakeDone && !pendingPlain.isEmpty() && !lost && error == null) {
            flushPending();
        }
    }

    /** One unwrap; true if it made progress. Delivers plaintext and the end of the handshake. */
    private boolean unwrap() throws SSLException {
        SSLEngineResult result = buffers.unwrap();
        switch (result.getStatus()) {
            case BUFFER_OVERFLOW -> {
                deliverPlaintext(); // make room; an empty buffer was grown instead
                return true;
            }
            case BUFFER_UNDERFLOW -> {
                return false; // a partial record: wait for more bytes
            }
            case CLOSED -> {
                deliverPlaintext();
                closeNotifyReceived();
                return false;
            }
            case OK -> {
                if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                    handshakeFinished();
                }
                deliverPlaintext();
                return result.bytesConsumed() > 0 || result.bytesProduced() > 0;
            }
        }
        throw new AssertionError(result.getStatus());
    }

    /** One wrap of {@code src} (empty: handshake or closing records); true if it made progress. */
    private boolean wrap(ByteBuffer src) throws SSLException {
        SSLEngineResult result = buffers.wrap(src, tcp);
        if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            return true; // the buffer grew: wrap again
        }
        if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            handshakeFinished();
        }
        return result.bytesConsumed() > 0 || result.bytesProduced() > 0;
    }

    private void flushPending() {
        try {
            ByteBuffer next;
            while (!closing || !engine.isOutboundDone()) {
                next = pendingPlain.peek();
                if (next == null) {
                    return;
                }
                if (!wrap(next)) {
                    return;
                }
                if (!next.hasRemaining()) {
                    pendingPlain.poll();
                }
            }
        } catch (SSLException e) {
            fail(e);
        }
    }

    private void deliverPlaintext() {
        if (!buffers.hasPlaintext()) {
            return;
        }
        ByteBuffer data = buffers.plaintext();
        try {
            if (handshakeDone && !lost) {
                callApp("dataReceived", () -> app.dataReceived(data));
            }
        } finally {
            buffers.plaintextDelivered();
        }
    }

    private void handshakeFinished() {
        if (handshakeDone) {
            return;
        }
        handshakeDone = true;
        handshakeTimer.cancel();
        callApp("connectionMade", () -> app.connectionMade(appTransport));
        if (!handshakeReported) {
            handshakeReported = true;
            if (onHandshake != null) {
                onHandshake.accept(appTransport, null);
            }
        }
    }

    private void closeNotifyReceived() {
        if (!handshakeDone) {
            fail(new SSLHandshakeException("peer closed the connection during the TLS handshake with "
                    + tcp.remoteAddress()));
            return;
        }
        // asyncio ignores eof_received's answer over TLS: there is no half-close.
        callApp("eofReceived", app::eofReceived);
        close();
    }

    private void handshakeTimedOut() {
        if (!handshakeDone && !lost) {
            fail(new SSLHandshakeException("TLS handshake with " + tcp.remoteAddress() + " timed out after "
                    + handshakeTimeout.toMillis() + " ms"));
            tcp.abort();
        }
    }

    /** A TLS error: send the alert the engine has for it, close, and report. */
    private void fail(Throwable cause) {
        if (error != null || lost) {
            return;
        }
        error = cause;
        try {
            engine.closeOutbound();
            for (int i = 0; i < 4 && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
                buffers.wrap(EMPTY, tcp);
            }
        } catch (SSLException | RuntimeException alertFailed) {
            // the alert is a courtesy; the close below is what matters
        }
        tcp.close();
        if (!handshakeDone) {
            handshakeFailed(cause);
        }
    }

    private void handshakeFailed(Throwable cause) {
        if (handshakeReported) {
            return;
        }
        handshakeReported = true;
        if (onHandshake != null) {
            onHandshake.accept(null, cause);
        } else {
            LOG.log(System.Logger.Level.DEBUG, "TLS handshake with " + tcp.remoteAddress() + " failed", cause);
        }
    }

    /** Runs a callback of the user's protocol: if it throws, the loop hears of it and the connection is aborted. */
    private void callApp(String callback, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            loop.callExceptionHandler("fatal error in " + callback + " of " + app + " on " + appTransport, e);
            if (error == null) {
                error = e;
            }
            tcp.abort();
        }
    }

    private static ByteBuffer copyOf(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        return copy;
    }

    @Override
    public String toString() {
        return "TlsProtocol[" + (engine.getUseClientMode() ? "client" : "server") + ", " + app + "]";
    }
}
