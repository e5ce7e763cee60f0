package dev.aioj.examples.seed003;

import dev.aioj.examples.support.Log;
import dev.aioj.loop.EventLoop;
import dev.aioj.net.DatagramProtocol;
import dev.aioj.net.DatagramTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The seed's client socket ({@code s = socket(AF_INET, SOCK_DGRAM)}) on an
 * aioj loop: {@link #sendTo} queues a datagram on the loop, {@link #recvFrom}
 * waits on the calling thread for the next one that arrives. The seed's
 * {@code recvfrom} waits forever; this one waits up to a timeout and says
 * which server did not answer.
 *
 * <p>Thread contract: one client thread calls {@link #sendTo} and {@link
 * #recvFrom} (never a loop thread); the protocol runs on the loop.
 */
final class DatagramExchange implements AutoCloseable {

    /** A datagram received: {@code recvfrom}'s {@code (data, address)}. */
    record Received(byte[] data, InetSocketAddress from) {}

    private final EventLoop loop;
    private final DatagramTransport transport;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private DatagramExchange(EventLoop loop) throws Exception {
        this.loop = loop;
        this.transport = loop.createDatagramEndpoint(() -> new DatagramProtocol() {
            @Override
            public void datagramReceived(ByteBuffer data, SocketAddress from) {
                byte[] bytes = new byte[data.remaining()]; // the buffer is only lent
                data.get(bytes);
                received.add(new Received(bytes, (InetSocketAddress) from));
            }
        }, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).get(10, TimeUnit.SECONDS).transport();
    }

    /** A client socket on 127.0.0.1, on a loop of its own named {@code name}. */
    static DatagramExchange open(String name) throws Exception {
        EventLoop loop = EventLoop.builder().name(name).build();
        try {
            return new DatagramExchange(loop);
        } catch (Exception e) {
            loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
            throw e;
        }
    }

    /** {@code s.sendto(data, ('127.0.0.1', port))}; returns the bytes queued, as Python returns the bytes sent. */
    int sendTo(byte[] data, int port) {
        transport.sendTo(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return data.length;
    }

    /** {@code s.recvfrom(bufsize)}: the next datagram (cut to {@code bufsize} as a socket cuts it), or an error after {@code timeout}. */
    Received recvFrom(int bufsize, Duration timeout) throws IOException, InterruptedException {
        Received next = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new IOException("no datagram within " + timeout.toSeconds() + " s (is the server running?)");
        }
        return next.data().length <= bufsize ? next
                : new Received(Arrays.copyOf(next.data(), bufsize), next.from());
    }

    /** Python's print of {@code recvfrom}'s tuple: {@code (b'Hello', ('127.0.0.1', 15000))}. */
    static String repr(Received r) {
        return "(" + Log.repr(r.data()) + ", ('" + r.from().getAddress().getHostAddress()
                + "', " + r.from().getPort() + "))";
    }

    @Override
    public void close() {
        transport.close();
        loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
