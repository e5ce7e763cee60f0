package dev.aioj.examples.seed001;

import dev.aioj.examples.support.Log;
import dev.aioj.examples.support.Running;
import dev.aioj.loop.EventLoop;
import dev.aioj.net.Connection;
import dev.aioj.net.Protocol;
import dev.aioj.net.Server;
import dev.aioj.net.Transport;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Seed 001's proxy: a server protocol whose {@code connectionMade} opens the
 * upstream connection without blocking the loop (the seed's {@code
 * asyncio.Task(new_connection(...))} with {@code add_done_callback}; here,
 * {@code createConnection(...).whenComplete}). The seed leaves the rest as
 * "....": this fills it in.
 *
 * <ul>
 *   <li>Reading from the client pauses until the upstream connection is up,
 *       so no byte arrives with nowhere to go.
 *   <li>Bytes are relayed both ways; when one side's writes back up ({@code
 *       pauseWriting}), reading from the other side pauses, so a slow
 *       receiver slows the sender down instead of filling memory.
 *   <li>A half-close is relayed: EOF from one side becomes {@code
 *       writeEof} on the other, which may still answer (as a server does
 *       after an HTTP/1.0 request).
 *   <li>When either side goes, the other is closed (after what is queued
 *       for it is sent); a refused upstream closes the client.
 * </ul>
 *
 * <p>Thread contract: {@link #start} and {@link #close} from any thread; both
 * protocols of a pair run on the one loop thread, so they share state freely.
 */
public final class TcpProxy implements Running {

    /** The seed names no port; aioj's seed-001 servers use 9001 to 9005. */
    public static final int DEFAULT_PORT = 9004;

    /** The seed proxies to www.google.com:80; by default we proxy to the protocol-echo example. */
    public static final String DEFAULT_UPSTREAM = "127.0.0.1:" + ProtocolEchoServer.DEFAULT_PORT;

    /** The client-facing side: the seed's ServerProtocol. */
    static final class ServerProtocol implements Protocol {
        private final EventLoop loop;
        private final String upstreamHost;
        private final int upstreamPort;
        private final Log log;
        private Transport client;
        private Transport upstream;
        private boolean clientGone;

        ServerProtocol(EventLoop loop, String upstreamHost, int upstreamPort, Log log) {
            this.loop = loop;
            this.upstreamHost = upstreamHost;
            this.upstreamPort = upstreamPort;
            this.log = log;
        }

        @Override
        public void connectionMade(Transport transport) {
            client = transport;
            client.pauseReading(); // nothing to relay to yet
            log.info("client " + client.remoteAddress() + " connected; opening " + upstreamHost + ":" + upstreamPort);
            loop.createConnection(() -> new ClientProtocol(this), upstreamHost, upstreamPort)
                    .whenComplete(this::upstreamConnectDone); // the seed's client_connect_done
        }

        private void upstreamConnectDone(Connection<ClientProtocol> connection, Throwable error) {
            if (error != null) {
                log.info("upstream " + upstreamHost + ":" + upstreamPort + " failed: " + error.getMessage()
                        + "; closing client " + client.remoteAddress());
                client.close();
                return;
            }
            if (clientGone) {
                connection.transport().close();
                return;
            }
            upstream = connection.transport();
            log.info("relaying " + client.remoteAddress() + " <-> " + upstream.remoteAddress());
            client.resumeReading();
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            upstream.write(data);
        }

        @Override
        public boolean eofReceived() {
            if (upstream == null) {
                return false;
            }
            upstream.writeEof(); // the client is done sending: tell upstream, keep listening for its answer
            return true;
        }

        @Override
        public void connectionLost(Throwable cause) {
            clientGone = true;
            log.info("client " + client.remoteAddress() + " gone" + (cause == null ? "" : ": " + cause));
            if (upstream != null) {
                upstream.close(); // sends what the client sent last, then closes
            }
        }

        // The client cannot take more: stop reading from upstream until it can.
        @Override
        public void pauseWriting() {
            if (upstream != null) {
                upstream.pauseReading();
            }
        }

        @Override
        public void resumeWriting() {
            if (upstream != null) {
                upstream.resumeReading();
            }
        }

        void upstreamLost(Throwable cause) {
            log.info("upstream " + upstreamHost + ":" + upstreamPort + " gone" + (cause == null ? "" : ": " + cause));
            client.close();
        }
    }

    /** The upstream side: the seed's ClientProtocol. */
    static final class ClientProtocol implements Protocol {
        private final ServerProtocol peer;
        private Transport upstream;

        ClientProtocol(ServerProtocol peer) {
            this.peer = peer;
        }

        @Override
        public void connectionMade(Transport transport) {
            upstream = transport;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            peer.client.write(data);
        }

        @Override
        public boolean eofReceived() {
            peer.client.writeEof(); // upstream is done sending: pass the EOF on, keep relaying the other way
            return true;
        }

        @Override
        public void connectionLost(Throwable cause) {
            peer.upstreamLost(cause);
        }

        // Upstream cannot take more: stop reading from the client until it can.
        @Override
        public void pauseWriting() {
            peer.client.pauseReading();
        }

        @Override
        public void resumeWriting() {
            peer.client.resumeReading();
        }

        @Override
        public String toString() {
            return "ClientProtocol[" + upstream + "]";
        }
    }

    private final EventLoop loop;
    private final Server server;

    private TcpProxy(EventLoop loop, Server server) {
        this.loop = loop;
        this.server = server;
    }

    /** Listens on 127.0.0.1:{@code port} and relays every connection to {@code upstream} ("host:port"). */
    public static TcpProxy start(int port, String upstream, PrintStream out) throws Exception {
        int colon = upstream.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("upstream is not host:port: " + upstream);
        }
        String host = upstream.substring(0, colon);
        int upstreamPort = Integer.parseInt(upstream.substring(colon + 1));
        EventLoop loop = EventLoop.builder().name("proxy").build();
        Log log = new Log(out, "proxy");
        Server server = loop.createServer(() -> new ServerProtocol(loop, host, upstreamPort, log), "127.0.0.1", port)
                .get(10, TimeUnit.SECONDS);
        log.info("listening on " + server.localAddress() + ", relaying to " + upstream);
        return new TcpProxy(loop, server);
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
