package dev.aioj.tls;

import dev.aioj.net.Transport;
import javax.net.ssl.SSLSession;

/**
 * The transport a protocol gets on a TLS connection: the plaintext side of an
 * {@link javax.net.ssl.SSLEngine} over a TCP transport. Writes are encrypted
 * at once and queued on the TCP transport, so flow control works as on plain
 * TCP: {@link #writeBufferSize()} counts the encrypted bytes queued, and the
 * protocol is paused above the TCP transport's high-water mark.
 *
 * <p>TLS has no half-close: {@link #canWriteEof()} is false and {@link
 * #writeEof()} throws {@link UnsupportedOperationException}, as asyncio's
 * SSL transport does. {@link #close()} sends {@code close_notify} after the
 * queued bytes, then closes the socket.
 *
 * <p>Thread contract: any thread, like {@link Transport}.
 */
public interface TlsTransport extends Transport {

    /** The session the handshake established: protocol, cipher suite, peer certificates. */
    SSLSession session();

    /** The protocol agreed by ALPN, or the empty string if none was negotiated. */
    String applicationProtocol();
}
