package dev.aioj.tls;

import dev.aioj.loop.EventLoop;
import dev.aioj.net.Connection;
import dev.aioj.net.Protocol;
import dev.aioj.net.Server;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * TLS for the loop's TCP (and unix socket) connections: asyncio's {@code
 * ssl=} argument. A {@code Tls} is an immutable setting, client or server
 * side, made from an {@link SSLContext}; it connects, listens, or wraps a
 * protocol factory. Under each connection a {@code TlsProtocol} drives an
 * {@link SSLEngine} and gives the user's protocol a {@link TlsTransport} once
 * the handshake is done: {@code connectionMade} means "handshake complete".
 *
 * <pre>{@code
 * Connection<MyProtocol> c = Tls.client(SSLContext.getDefault())
 *         .connect(loop, MyProtocol::new, "example.com", 443).join();
 * Server s = Tls.server(context).listen(loop, MyProtocol::new, "127.0.0.1", 8443).join();
 * }</pre>
 *
 * <p>Clients verify the server's host name against its certificate (the
 * HTTPS rules, as asyncio's default context does); {@link
 * #withoutHostnameVerification()} turns that off. A failed handshake (an
 * untrusted certificate, a peer closing mid-handshake, the handshake timeout)
 * fails the connect future with an {@link javax.net.ssl.SSLException}; on a
 * server it closes the connection, is logged at DEBUG, and the protocol is
 * never made.
 *
 * <p>Thread contract: immutable, any thread.
 */
public final class Tls {

    /** asyncio's {@code ssl_handshake_timeout}: 60 seconds. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);

    private final SSLContext context;
    private final boolean client;
    private final boolean verifyHostname;
    private final Duration handshakeTimeout;
    private final Consumer<SSLEngine> configurator;

    private Tls(SSLContext context, boolean client, boolean verifyHostname, Duration handshakeTimeout,
            Consumer<SSLEngine> configurator) {
        this.context = context;
        this.client = client;
        this.verifyHostname = verifyHostname;
        this.handshakeTimeout = handshakeTimeout;
        this.configurator = configurator;
    }

    /** The client side: trusts what {@code context}'s trust managers trust, verifies host names. */
    public static Tls client(SSLContext context) {
        return new Tls(Objects.requireNonNull(context, "context"), true, true, DEFAULT_HANDSHAKE_TIMEOUT,
                engine -> {});
    }

    /** The server side: presents the certificate of {@code context}'s key managers. */
    public static Tls server(SSLContext context) {
        return new Tls(Objects.requireNonNull(context, "context"), false, false, DEFAULT_HANDSHAKE_TIMEOUT,
                engine -> {});
    }

    /** This setting with another handshake timeout (default 60 s). */
    public Tls withHandshakeTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout <= 0: " + timeout);
        }
        return new Tls(context, client, verifyHostname, timeout, configurator);
    }

    /** A client that does not check the server's host name (asyncio's {@code check_hostname=False}). */
    public Tls withoutHostnameVerification() {
        return new Tls(context, client, false, handshakeTimeout, configurator);
    }

    /**
     * This setting with {@code configurator} applied to each new engine after
     * aioj's own settings: protocols, cipher suites, ALPN, client
     * authentication ({@code engine.setNeedClientAuth(true)}).
     */
    public Tls withEngineConfigurator(Consumer<SSLEngine> configurator) {
        return new Tls(context, client, verifyHostname, handshakeTimeout,
                Objects.requireNonNull(configurator, "configurator"));
    }

    /** True for a client setting, false for a server one. */
    public boolean isClient() {
        return client;
    }

    /** The handshake timeout. */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /**
     * Connects to {@code host:port} and completes after the handshake, once
     * the new protocol's {@code connectionMade} has run; the connection's
     * transport is a {@link TlsTransport}. {@code host} is also the name the
     * certificate must match and the SNI name sent.
     */
    public <P extends Protocol> CompletableFuture<Connection<P>> connect(EventLoop loop, Supplier<P> protocolFactory,
            String host, int port) {
        requireClient();
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        Objects.requireNonNull(host, "host");
        CompletableFuture<Connection<P>> result = loop.createFuture();
        forward(loop.createConnection(clientFactory(protocolFactory, host, port, result), host, port), result);
        return result;
    }

    /**
     * Like {@link #connect(EventLoop, Supplier, String, int)} to {@code
     * address}; the name checked against the certificate is the address's
     * host string (a unix socket address: none, so use {@link
     * #withoutHostnameVerification()} there).
     */
    public <P extends Protocol> CompletableFuture<Connection<P>> connect(EventLoop loop, Supplier<P> protocolFactory,
            SocketAddress address) {
        requireClient();
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        Objects.requireNonNull(address, "address");
        String host = address instanceof InetSocketAddress inet ? inet.getHostString() : null;
        int port = address instanceof InetSocketAddress inet ? inet.getPort() : -1;
        CompletableFuture<Connection<P>> result = loop.createFuture();
        forward(loop.createConnection(clientFactory(protocolFactory, host, port, result), address), result);
        return result;
    }

    /** Listens on {@code host:port}; each connection's protocol is made once its handshake is done. */
    public CompletableFuture<Server> listen(EventLoop loop, Supplier<? extends Protocol> protocolFactory, String host,
            int port) {
        return Objects.requireNonNull(loop, "loop").createServer(wrap(protocolFactory), host, port);
    }

    /** Like {@link #listen(EventLoop, Supplier, String, int)} on {@code address}. */
    public CompletableFuture<Server> listen(EventLoop loop, Supplier<? extends Protocol> protocolFactory,
            SocketAddress address) {
        return Objects.requireNonNull(loop, "loop").createServer(wrap(protocolFactory), address);
    }

    /**
     * A server-side factory that puts TLS under each protocol {@code
     * protocolFactory} makes: for servers made elsewhere, such as {@link
     * dev.aioj.loop.LoopGroup#createServer}.
     */
    public Supplier<Protocol> wrap(Supplier<? extends Protocol> protocolFactory) {
        if (client) {
            throw new IllegalStateException("a client Tls cannot serve; use Tls.server(context)");
        }
        Objects.requireNonNull(protocolFactory, "protocolFactory");
        return () -> new TlsProtocol(newEngine(null, -1), protocolFactory.get(), handshakeTimeout, null);
    }

    @Override
    public String toString() {
        return "Tls[" + (client ? "client" : "server") + ", " + context.getProtocol()
                + (client && !verifyHostname ? ", no hostname verification" : "") + "]";
    }

    // ---------------------------------------------------------------- wiring

    private void requireClient() {
        if (!client) {
            throw new IllegalStateException("a server Tls cannot connect; use Tls.client(context)");
        }
    }

    private <P extends Protocol> Supplier<TlsProtocol> clientFactory(Supplier<P> protocolFactory, String host,
            int port, CompletableFuture<Connection<P>> result) {
        return () -> {
            P app = Objects.requireNonNull(protocolFactory.get(), "protocol factory returned null");
            return new TlsProtocol(newEngine(host, port), app, handshakeTimeout, (transport, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else if (!result.complete(new Connection<>(transport, app))) {
                    transport.abort(); // the caller gave up meanwhile
                }
            });
        };
    }

    /** Fails {@code result} if the TCP connect fails; a caller giving up on {@code result} gives up the connect. */
    private static void forward(CompletableFuture<?> connecting, CompletableFuture<?> result) {
        connecting.whenComplete((connection, error) -> {
            if (error != null) {
                result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
        });
        result.whenComplete((connection, error) -> {
            if (error != null) {
                connecting.cancel(false);
            }
        });
    }

    private SSLEngine newEngine(String peerHost, int peerPort) {
        SSLEngine engine = client && peerHost != null
                ? context.createSSLEngine(peerHost, peerPort)
                : context.createSSLEngine();
        engine.setUseClientMode(client);
        if (client && verifyHostname) {
            if (peerHost == null) {
                throw new IllegalStateException("no host name to verify the server's certificate against; "
                        + "connect by host name, or use withoutHostnameVerification()");
            }
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        configurator.accept(engine);
        return engine;
    }
}
