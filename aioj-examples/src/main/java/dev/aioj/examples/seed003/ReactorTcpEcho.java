package dev.aioj.examples.seed003;

import dev.aioj.examples.support.Log;
import dev.aioj.examples.support.Running;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seed 003's TCP program: {@code handlers.append(TCPServer(('',16000),
 * TCPEchoClient, handlers)); event_loop(handlers)}: a handler per client,
 * added by the server and removed by the client itself.
 */
public final class ReactorTcpEcho {

    /** The seed's port. */
    public static final int DEFAULT_PORT = 16000;

    private ReactorTcpEcho() {}

    /** Starts the echo server on 127.0.0.1:{@code port} (0: any free port). */
    public static Running start(int port, PrintStream out) throws IOException {
        Log log = new Log(out, "reactor-tcp-echo");
        List<EventHandler> handlers = new ArrayList<>();
        TcpServer server = new TcpServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                TcpEchoClient::new, handlers);
        handlers.add(server);
        log.info("TCPServer with TCPEchoClient handlers on tcp port " + server.port() + ", one hand-written reactor");
        return ReactorRun.start("reactor-tcp-echo", new Reactor(log::info), handlers, Map.of("port", server.port()),
                List.of(), log);
    }
}
