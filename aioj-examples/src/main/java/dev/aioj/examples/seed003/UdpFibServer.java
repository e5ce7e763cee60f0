package dev.aioj.examples.seed003;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Seed 003's {@code UDPFibServer}: each datagram is a number; its Fibonacci
 * is computed on the {@link ThreadPoolHandler}'s pool, and the answer sent
 * back from the reactor thread when the pool signals it is done. Other
 * requests are served meanwhile.
 */
final class UdpFibServer extends UdpServer {

    private final ThreadPoolHandler pool;

    UdpFibServer(SocketAddress address, ThreadPoolHandler pool) throws IOException {
        super(address);
        this.pool = pool;
    }

    @Override
    public void handleReceive() throws IOException {
        ByteBuffer msg = ByteBuffer.allocate(128);
        SocketAddress addr = sock.receive(msg); // msg, addr = self.sock.recvfrom(128)
        if (addr == null) {
            return;
        }
        String request = new String(msg.array(), 0, msg.position(), StandardCharsets.US_ASCII);
        pool.run(() -> Fib.answer(request), result -> respond(result, addr));
    }

    private void respond(String result, SocketAddress addr) {
        try {
            sock.send(ByteBuffer.wrap(result.getBytes(StandardCharsets.US_ASCII)), addr);
        } catch (IOException e) {
            // a datagram that cannot be sent is lost, as UDP's are
        }
    }
}
