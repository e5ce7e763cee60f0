package dev.aioj.examples.seed004;

import dev.aioj.examples.support.Log;
import dev.aioj.loop.EventLoop;
import dev.aioj.stream.StreamConnection;
import dev.aioj.stream.StreamReader;
import dev.aioj.stream.StreamWriter;
import dev.aioj.stream.Streams;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Seed 004's {@code asyncio_echo_client_coroutine.py}: open a stream
 * connection, send the message in parts, {@code write_eof}, drain, then read
 * until the server closes, logging each step as the seed's output shows.
 * The code reads like the coroutine because it runs on an ordinary thread
 * (the program's main thread), where the reader's and writer's blocking
 * twins may wait; the loop does the I/O on its own thread.
 *
 * <p>Thread contract: {@link #run} blocks its caller (never a loop thread).
 */
public final class StreamsEchoClient {

    /** The seed's MESSAGES, as its output shows them sent: three parts. */
    public static final List<String> MESSAGES = List.of("This is the message. ", "It will be sent ", "in parts.");

    private StreamsEchoClient() {}

    /** Runs the seed's echo_client against 127.0.0.1:{@code port}; returns what each read received. */
    public static List<String> run(int port, PrintStream out) throws Exception {
        Log main = new Log(out, "main");
        Log log = main.named("echo_client");
        EventLoop loop = EventLoop.builder().name("streams-client").build();
        List<String> received = new ArrayList<>();
        try {
            log.info("connecting to 127.0.0.1 port " + port);
            StreamConnection connection = Streams.openConnection(loop, "127.0.0.1", port).get(10, TimeUnit.SECONDS);
            StreamReader reader = connection.reader();
            StreamWriter writer = connection.writer();
            for (String message : MESSAGES) {
                byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
                writer.write(bytes);
                log.info("sending " + Log.repr(bytes));
            }
            if (writer.canWriteEof()) {
                writer.writeEof();
            }
            writer.sync().drain();
            log.info("waiting for response");
            while (true) {
                byte[] data = reader.sync().read(128);
                if (data.length > 0) {
                    log.info("received " + Log.repr(data));
                    received.add(new String(data, StandardCharsets.US_ASCII));
                } else {
                    log.info("closing");
                    writer.close();
                    writer.sync().waitClosed();
                    break;
                }
            }
        } finally {
            main.info("closing event loop");
            loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
        }
        return received;
    }
}
