package dev.aioj.examples.seed000;

import dev.aioj.loop.EventLoop;
import dev.aioj.examples.support.Log;
import dev.aioj.stream.StreamConnection;
import dev.aioj.stream.Streams;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Seed 000's opening example, asyncio's {@code tcp_echo_client(message,
 * loop)}: {@code open_connection('127.0.0.1', 8888)}, write the message, one
 * {@code read(100)}, print what came back, close the writer. The seed prints
 * with {@code print('Send: %r' % message)}; so does this, line for line. It
 * runs on the program's thread with the stream's blocking twins (Java's
 * {@code await}); the loop does the I/O.
 *
 * <p>Thread contract: {@link #run} blocks its caller (never a loop thread).
 */
public final class EchoClient {

    /** The port of asyncio's {@code tcp_echo_server} example, which the seed's client talks to. */
    public static final int DEFAULT_PORT = 8888;

    /** The seed's {@code message}. */
    public static final String DEFAULT_MESSAGE = "Hello World!";

    private EchoClient() {}

    /** Runs the seed's client against 127.0.0.1:{@code port}; returns what the one read received. */
    public static String run(int port, String message, PrintStream out) throws Exception {
        EventLoop loop = EventLoop.builder().name("echo-client").build();
        try {
            StreamConnection connection = Streams.openConnection(loop, "127.0.0.1", port).get(10, TimeUnit.SECONDS);
            out.println("Send: " + Log.repr(message));
            connection.writer().write(message.getBytes(StandardCharsets.UTF_8));
            byte[] data = connection.reader().sync().read(100);
            String received = new String(data, StandardCharsets.UTF_8);
            out.println("Received: " + Log.repr(received));
            out.println("Close the socket");
            connection.writer().close();
            connection.writer().sync().waitClosed();
            return received;
        } finally {
            loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }
}
