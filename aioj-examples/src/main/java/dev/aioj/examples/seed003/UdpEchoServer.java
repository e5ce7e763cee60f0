package dev.aioj.examples.seed003;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/** Seed 003's {@code UDPEchoServer}: each datagram goes back to its sender. */
final class UdpEchoServer extends UdpServer {

    UdpEchoServer(SocketAddress address) throws IOException {
        super(address);
    }

    @Override
    public void handleReceive() throws IOException {
        ByteBuffer msg = ByteBuffer.allocate(8192);
        SocketAddress addr = sock.receive(msg); // msg, addr = self.sock.recvfrom(8192)
        if (addr != null) {
            sock.send(msg.flip(), addr);
        }
    }
}
