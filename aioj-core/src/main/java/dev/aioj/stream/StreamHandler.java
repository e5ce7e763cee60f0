package dev.aioj.stream;

/**
 * What a stream server runs for each connection: asyncio's {@code
 * client_connected_cb}. With {@link Streams#startServer} it runs on the loop
 * thread and must not block (chain the reader's futures); with {@link
 * Streams#startBlockingServer} it runs on a virtual thread of its own and
 * may block (use {@link StreamReader#sync()} and {@link StreamWriter#sync()}).
 */
@FunctionalInterface
public interface StreamHandler {

    /** Serves one connection. An exception goes to the loop's exception handler and closes the connection. */
    void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
