package dev.aioj.examples.seed003;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Seed 003's {@code TCPServer}: accepting is its "receive", and each client
 * becomes a new handler in the reactor's list (made by {@code clientHandler},
 * the seed's {@code TCPEchoClient} class passed as a factory).
 *
 * <p>Thread contract: the reactor's thread, after construction.
 */
final class TcpServer implements EventHandler {

    private final ServerSocketChannel sock;
    private final BiFunction<SocketChannel, List<EventHandler>, EventHandler> clientHandler;
    private final List<EventHandler> handlerList;

    TcpServer(SocketAddress address, BiFunction<SocketChannel, List<EventHandler>, EventHandler> clientHandler,
            List<EventHandler> handlerList) throws IOException {
        sock = ServerSocketChannel.open();
        sock.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        sock.bind(address, 1); // the seed's listen(1)
        sock.configureBlocking(false);
        this.clientHandler = clientHandler;
        this.handlerList = handlerList;
    }

    @Override
    public SelectableChannel channel() {
        return sock;
    }

    @Override
    public boolean wantsToReceive() {
        return true;
    }

    @Override
    public void handleReceive() throws IOException {
        SocketChannel client = sock.accept();
        if (client == null) {
            return;
        }
        client.configureBlocking(false);
        // Add the client to the event loop's handler list
        handlerList.add(clientHandler.apply(client, handlerList));
    }

    int port() throws IOException {
        return ((java.net.InetSocketAddress) sock.getLocalAddress()).getPort();
    }

    @Override
    public String toString() {
        return "TcpServer";
    }
}
