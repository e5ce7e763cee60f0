package dev.aioj.examples.seed003;

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
 * {@link ReactorTcpEcho} on aioj's {@link EventLoop}: the server adds no
 * handler to a list and the client removes none; the loop makes a protocol
 * per connection and forgets it when it closes. The outgoing buffer and its
 * {@code wants_to_send} are the transport's write queue.
 */
public final class LoopTcpEcho implements Running {

    /** The seed's TCPEchoClient, as a protocol. */
    static final class EchoProtocol implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            transport.write(data);
        }

        @Override
        public void pauseWriting() {
            transport.pauseReading(); // a client that does not read cannot make us buffer without bound
        }

        @Override
        public void resumeWriting() {
            transport.resumeReading();
        }
    }

    private final EventLoop loop;
    private final Server server;

    private LoopTcpEcho(EventLoop loop, Server server) {
        this.loop = loop;
        this.server = server;
    }

    /** Starts the echo server on 127.0.0.1:{@code port} (0: any free port). */
    public static LoopTcpEcho start(int port, PrintStream out) throws Exception {
        EventLoop loop = EventLoop.builder().name("loop-tcp-echo").build();
        Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", port).get(10, TimeUnit.SECONDS);
        new Log(out, "loop-tcp-echo").info("echo server on tcp port " + server.port() + " on " + loop);
        return new LoopTcpEcho(loop, server);
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
