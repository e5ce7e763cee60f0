package dev.aioj.tls;

import dev.aioj.loop.EventLoop;
import dev.aioj.net.TransportStats;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLSession;

/**
 * The {@link TlsTransport} a user's protocol writes to: asyncio's {@code
 * _SSLProtocolTransport}. Plaintext calls go to the {@link TlsProtocol} on
 * the loop thread; flow control, addresses and counters are the TCP
 * transport's, since encrypted bytes are what queue up.
 *
 * <p>Thread contract: any thread; calls off the loop thread are handed to it
 * (written bytes copied first), in order.
 */
final class TlsAppTransport implements TlsTransport {

    private static final System.Logger LOG = System.getLogger(TlsAppTransport.class.getName());

    private final TlsProtocol tls;
    private final dev.aioj.net.Transport tcp;

    TlsAppTransport(TlsProtocol tls, dev.aioj.net.Transport tcp) {
        this.tls = tls;
        this.tcp = tcp;
    }

    @Override
    public EventLoop loop() {
        return tcp.loop();
    }

    @Override
    public void write(ByteBuffer data) {
        if (!loop().inEventLoop()) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
            onLoop(() -> tls.write(copy));
            return;
        }
        tls.write(data);
    }

    @Override
    public void writeEof() {
        throw new UnsupportedOperationException("TLS has no half-close: writeEof() is not supported; use close()");
    }

    @Override
    public boolean canWriteEof() {
        return false;
    }

    @Override
    public void close() {
        if (!loop().inEventLoop()) {
            onLoop(tls::close);
            return;
        }
        tls.close();
    }

    @Override
    public void abort() {
        tcp.abort();
    }

    @Override
    public boolean isClosing() {
        return tls.isClosing();
    }

    @Override
    public void pauseReading() {
        if (!loop().inEventLoop()) {
            onLoop(tls::pauseReading);
            return;
        }
        tls.pauseReading();
    }

    @Override
    public void resumeReading() {
        if (!loop().inEventLoop()) {
            onLoop(tls::resumeReading);
            return;
        }
        tls.resumeReading();
    }

    @Override
    public boolean isReading() {
        return tcp.isReading();
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        tcp.setWriteBufferLimits(high, low);
    }

    /** Encrypted bytes queued on the socket, plus plaintext the engine has not taken yet. */
    @Override
    public long writeBufferSize() {
        return tcp.writeBufferSize() + (loop().inEventLoop() ? tls.pendingPlainBytes() : 0);
    }

    @Override
    public SocketAddress localAddress() {
        return tcp.localAddress();
    }

    @Override
    public SocketAddress remoteAddress() {
        return tcp.remoteAddress();
    }

    /** The TCP transport's counters: encrypted bytes. */
    @Override
    public TransportStats stats() {
        return tcp.stats();
    }

    @Override
    public SSLSession session() {
        return tls.engine().getSession();
    }

    @Override
    public String applicationProtocol() {
        String protocol = tls.engine().getApplicationProtocol();
        return protocol == null ? "" : protocol;
    }

    @Override
    public String toString() {
        return "TlsTransport[" + tcp + "]";
    }

    private void onLoop(Runnable action) {
        try {
            loop().execute(action);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: loop terminated, call dropped", this);
        }
    }
}
