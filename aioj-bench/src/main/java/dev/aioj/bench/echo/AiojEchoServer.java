package dev.aioj.bench.echo;

import dev.aioj.loop.EventLoop;
import dev.aioj.net.Protocol;
import dev.aioj.net.Server;
import dev.aioj.net.Transport;
import java.nio.ByteBuffer;

/** The aioj echo server: one event loop, one protocol per connection. */
final class AiojEchoServer implements EchoServer {

    /** Echoes what it reads; pauses reading while its own writes are backed up. */
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
            transport.pauseReading();
        }

        @Override
        public void resumeWriting() {
            transport.resumeReading();
        }
    }

    private final EventLoop loop;
    private final Server server;

    private AiojEchoServer(EventLoop loop, Server server) {
        this.loop = loop;
        this.server = server;
    }

    static AiojEchoServer start() {
        EventLoop loop = EventLoop.builder().name("aioj-echo").build();
        Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0).join();
        return new AiojEchoServer(loop, server);
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public String name() {
        return "aioj";
    }

    @Override
    public void close() {
        server.close();
        loop.close();
    }
}
