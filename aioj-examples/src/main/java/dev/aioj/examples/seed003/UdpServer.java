package dev.aioj.examples.seed003;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;

/**
 * Seed 003's {@code UDPServer}: a bound datagram socket that always wants to
 * receive. {@link UdpTimeServer}, {@link UdpEchoServer} and {@link
 * UdpFibServer} say what to do with a datagram.
 *
 * <p>Thread contract: the reactor's thread, after construction.
 */
abstract class UdpServer implements EventHandler {

    final DatagramChannel sock;

    UdpServer(SocketAddress address) throws IOException {
        sock = DatagramChannel.open();
        sock.bind(address);
        sock.configureBlocking(false);
    }

    @Override
    public SelectableChannel channel() {
        return sock;
    }

    @Override
    public boolean wantsToReceive() {
        return true;
    }

    int port() throws IOException {
        return ((java.net.InetSocketAddress) sock.getLocalAddress()).getPort();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
