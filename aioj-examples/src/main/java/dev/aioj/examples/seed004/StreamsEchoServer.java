package dev.aioj.examples.seed004;

import dev.aioj.examples.support.Log;
import dev.aioj.examples.support.Running;
import dev.aioj.loop.EventLoop;
import dev.aioj.net.Server;
import dev.aioj.stream.StreamReader;
import dev.aioj.stream.StreamWriter;
import dev.aioj.stream.Streams;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Seed 004's {@code asyncio_echo_server_coroutine.py}: {@code
 * start_server(echo, 'localhost', 10000)} with the {@code echo(reader,
 * writer)} coroutine. Java has no {@code await}; a virtual thread per
 * connection ({@link Streams#startBlockingServer}) and the blocking twins of
 * the reader and writer read the same, line for line, and block nothing but
 * that connection's own virtual thread. The log lines are the seed's.
 *
 * <p>Thread contract: {@link #start} and {@link #close} from any thread; each
 * connection's {@link #echo} on its own virtual thread.
 */
public final class StreamsEchoServer implements Running {

    /** The seed's SERVER_ADDRESS = ('localhost', 10000). */
    public static final int DEFAULT_PORT = 10000;

    private final EventLoop loop;
    private final Server server;
    private final Log log;

    private StreamsEchoServer(EventLoop loop, Server server, Log log) {
        this.loop = loop;
        this.server = server;
        this.log = log;
    }

    /** The seed's {@code async def echo(reader, writer)}. */
    static void echo(StreamReader reader, StreamWriter writer, Log main) throws Exception {
        SocketAddress address = writer.remoteAddress(); // writer.get_extra_info('peername')
        Log log = main.named(address instanceof InetSocketAddress inet
                ? "echo_" + inet.getAddress().getHostAddress() + "_" + inet.getPort()
                : "echo_" + address);
        log.info("connection accepted");
        while (true) {
            byte[] data = reader.sync().read(128); // data = await reader.read(128)
            if (data.length > 0) {
                log.info("received " + Log.repr(data));
                writer.write(data);
                writer.sync().drain(); // await writer.drain()
                log.info("sent " + Log.repr(data));
            } else {
                log.info("closing");
                writer.close();
                return;
            }
        }
    }

    /** Starts the server on 127.0.0.1:{@code port} (0: any free port). */
    public static StreamsEchoServer start(int port, PrintStream out) throws Exception {
        Log main = new Log(out, "main");
        EventLoop loop = EventLoop.builder().name("streams-server").build(); // event_loop = asyncio.get_event_loop()
        Server server = Streams.startBlockingServer(loop, (reader, writer) -> echo(reader, writer, main),
                "127.0.0.1", port).get(10, TimeUnit.SECONDS);
        main.info("starting up on 127.0.0.1 port " + server.port());
        return new StreamsEchoServer(loop, server, main);
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        log.info("closing server");
        server.close();
        log.info("closing event loop");
        loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
