package dev.aioj.examples.seed003;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;

/**
 * Seed 003's {@code UDPFibServer}: each datagram is a number; its Fibonacci
 * is computed on the {@link ThreadPoolHandler}'s pool, and the answer sent
 * back from the reactor thread when the pool signals it is done. Other
 * requests are served meanwhile. {@link FibLimits} bounds the work: past
 * {@code maxPending} requests in progress the answer is {@code error: busy}.
 *
 * <p>Thread contract: the reactor thread (callbacks included).
 */
final class UdpFibServer extends UdpServer {

    private final ThreadPoolHandler pool;
    private final FibLimits limits;
    private int inProgress;

    UdpFibServer(SocketAddress address, ThreadPoolHandler pool, FibLimits limits) throws IOException {
        super(address);
        this.pool = pool;
        this.limits = limits;
    }

    @Override
    public void handleReceive() throws IOException {
        ByteBuffer msg = ByteBuffer.allocate(128);
        SocketAddress addr = sock.receive(msg); // msg, addr = self.sock.recvfrom(128)
        if (addr == null) {
            return;
        }
        if (inProgress >= limits.maxPending()) {
            respond(limits.busy(), addr);
            return;
        }
        byte[] request = Arrays.copyOf(msg.array(), msg.position()); // n = int(msg)
        FibLimits.Deadline deadline = limits.startNow();
        inProgress++;
        pool.run(() -> Fib.answer(request, deadline), result -> {
            inProgress--;
            respond(result, addr);
        });
    }

    private void respond(String result, SocketAddress addr) {
        try {
            sock.send(ByteBuffer.wrap(result.getBytes(StandardCharsets.US_ASCII)), addr);
        } catch (IOException e) {
            // a datagram that cannot be sent is lost, as UDP's are
        }
    }
}
