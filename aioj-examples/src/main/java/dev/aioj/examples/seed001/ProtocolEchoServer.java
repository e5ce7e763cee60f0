package dev.aioj.examples.seed001;

import dev.aioj.examples.support.Log;
import dev.aioj.examples.support.Running;
import dev.aioj.loop.EventLoop;
import dev.aioj.net.Protocol;
import dev.aioj.net.Server;
import dev.aioj.net.Transport;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Seed 001's "alien technology" echo server: asyncio's {@code EchoProtocol}
 * on aioj's {@link EventLoop}. The selector loop of {@link
 * SelectorEchoServer} is still there, inside the loop; what is left to write
 * is what happens on each event.
 *
 * <p>One addition to the seed: the protocol stops reading while its own
 * writes are backed up ({@code pauseWriting}), so a client that sends
 * without reading cannot make the server buffer without bound.
 *
 * <p>Thread contract: {@link #start} and {@link #close} from any thread; the
 * protocol runs on the loop thread.
 */
public final class ProtocolEchoServer implements Running {

    /** The seed names no port; aioj's seed-001 servers use 9001 to 9005. */
    public static final int DEFAULT_PORT = 9003;

    /** The seed's EchoProtocol: write back what arrives. */
    static final class EchoProtocol implements Protocol {
        private final Log log;
        private final Runnable afterClose;
        private Transport transport;

        EchoProtocol(Log log) {
            this(log, () -> {});
        }

        /** {@code afterClose} runs on the loop thread once the connection has closed. */
        EchoProtocol(Log log, Runnable afterClose) {
            this.log = log;
            this.afterClose = afterClose;
        }

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
            log.info("connection from " + transport.remoteAddress());
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            transport.write(data);
        }

        @Override
        public void connectionLost(Throwable cause) {
            log.info("connection from " + transport.remoteAddress() + " closed"
                    + (cause == null ? "" : ": " + cause));
            afterClose.run();
        }

        @Override
        public void pauseWriting() {
            transport.pauseReading();
        }

        @Override
        public void resumeWriting() {
            transport.resumeReading();
        }
    }

    private final EventLoop loop;
    private final Server server;

    private ProtocolEchoServer(EventLoop loop, Server server) {
        this.loop = loop;
        this.server = server;
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port) on a new loop. */
    public static ProtocolEchoServer start(int port, PrintStream out) throws Exception {
        EventLoop loop = EventLoop.builder().name("protocol-echo").build();
        Log log = new Log(out, "protocol-echo");
        Server server = loop.createServer(() -> new EchoProtocol(log), "127.0.0.1", port).get(10, TimeUnit.SECONDS);
        log.info("listening on " + server.localAddress() + " with " + loop);
        return new ProtocolEchoServer(loop, server);
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
