package dev.aioj.redis;

import dev.aioj.loop.EventLoop;
import dev.aioj.net.Connection;
import dev.aioj.tls.Tls;
import java.net.UnixDomainSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLContext;

/**
 * Opens one socket to the server a {@link RedisUri} names: TCP, a unix
 * socket, or TLS over TCP ({@code rediss://}, with the options' SSL context
 * and hostname checking). The greeting is the pipeline's business; the
 * connect timeout spans both, so the pipeline arms it (see {@code
 * Lifecycle.connect}).
 *
 * <p>Thread contract: call on the loop thread.
 */
final class Dialer {

    private Dialer() {}

    /** Starts connecting; {@code link} becomes the socket's protocol once it is up. */
    static CompletableFuture<? extends Connection<Link>> dial(EventLoop loop, RedisUri uri, RedisOptions options,
            Link link) {
        if (uri.socketPath() != null) {
            return loop.createConnection(() -> link, UnixDomainSocketAddress.of(uri.socketPath()));
        }
        if (!uri.tls()) {
            return loop.createConnection(() -> link, uri.host(), uri.port());
        }
        try {
            Tls tls = Tls.client(options.sslContext() != null ? options.sslContext() : SSLContext.getDefault())
                    .withHandshakeTimeout(uri.connectTimeout());
            return (options.tlsVerifyHostname() ? tls : tls.withoutHostnameVerification())
                    .connect(loop, () -> link, uri.host(), uri.port());
        } catch (NoSuchAlgorithmException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The cause a future failed with, without CompletionException/ExecutionException wrappers. */
    static Throwable unwrap(Throwable error) {
        while ((error instanceof CompletionException || error instanceof ExecutionException)
                && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }
}
