package dev.aioj.examples.seed003;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Seed 003's {@code UDPTimeServer}: any datagram gets the current time back, as {@code time.ctime()} prints it. */
final class UdpTimeServer extends UdpServer {

    UdpTimeServer(SocketAddress address) throws IOException {
        super(address);
    }

    @Override
    public void handleReceive() throws IOException {
        SocketAddress addr = sock.receive(ByteBuffer.allocate(1)); // msg, addr = self.sock.recvfrom(1)
        if (addr != null) {
            sock.send(ByteBuffer.wrap(Ctime.now().getBytes(StandardCharsets.US_ASCII)), addr);
        }
    }
}
