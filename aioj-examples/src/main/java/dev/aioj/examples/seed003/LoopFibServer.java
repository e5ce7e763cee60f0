package dev.aioj.examples.seed003;

import dev.aioj.examples.support.Log;
import dev.aioj.examples.support.Running;
import dev.aioj.loop.EventLoop;
import dev.aioj.net.DatagramProtocol;
import dev.aioj.net.DatagramTransport;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * {@link ReactorFibServer} on aioj's {@link EventLoop}: the seed's
 * ThreadPoolHandler (a pool, a socketpair, a pending list, a wake-up byte)
 * is one call, {@link EventLoop#runBlocking}: the work runs off the loop
 * (a virtual thread each) and its future completes back on the loop thread,
 * where the answer is sent. {@link FibLimits} bounds the work: past {@code
 * maxPending} requests in progress the answer is {@code error: busy}.
 */
public final class LoopFibServer implements Running {

    /** The seed's UDPFibServer, as a datagram protocol. Loop thread only. */
    static final class FibProtocol implements DatagramProtocol {
        private final FibLimits limits;
        private DatagramTransport transport;
        private int inProgress;

        FibProtocol(FibLimits limits) {
            this.limits = limits;
        }

        @Override
        public void connectionMade(DatagramTransport transport) {
            this.transport = transport;
        }

        @Override
        public void datagramReceived(ByteBuffer data, SocketAddress from) {
            if (inProgress >= limits.maxPending()) {
                transport.sendTo(limits.busy().getBytes(StandardCharsets.US_ASCII), from);
                return;
            }
            byte[] request = new byte[Math.min(data.remaining(), 128)]; // recvfrom(128)
            data.get(request);
            FibLimits.Deadline deadline = limits.startNow();
            inProgress++;
            transport.loop().runBlocking(() -> Fib.answer(request, deadline))
                    .whenComplete((answer, failure) -> {
                        inProgress--;
                        transport.sendTo((failure == null ? answer : "error: " + failure)
                                .getBytes(StandardCharsets.US_ASCII), from);
                    });
        }
    }

    private final EventLoop loop;
    private final int port;

    private LoopFibServer(EventLoop loop, int port) {
        this.loop = loop;
        this.port = port;
    }

    /** Starts the Fibonacci server on udp 127.0.0.1:{@code port} (0: any free port). */
    public static LoopFibServer start(int port, PrintStream out) throws Exception {
        return start(port, FibLimits.DEFAULT, out);
    }

    /** {@link #start(int, PrintStream)} with other bounds on the work. */
    public static LoopFibServer start(int port, FibLimits limits, PrintStream out) throws Exception {
        EventLoop loop = EventLoop.builder().name("loop-fib").build();
        DatagramTransport transport = loop.createDatagramEndpoint(() -> new FibProtocol(limits),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).get(10, TimeUnit.SECONDS).transport();
        int bound = ((InetSocketAddress) transport.localAddress()).getPort();
        new Log(out, "loop-fib").info("Fibonacci server on udp port " + bound + " on " + loop
                + ", work offloaded with runBlocking; at most " + limits.maxPending() + " requests in progress, "
                + limits.maxSeconds() + " s each");
        return new LoopFibServer(loop, bound);
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void close() {
        loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
