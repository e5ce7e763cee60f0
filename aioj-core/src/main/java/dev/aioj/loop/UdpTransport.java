package dev.aioj.loop;

import dev.aioj.net.DatagramEndpoint;
import dev.aioj.net.DatagramProtocol;
import dev.aioj.net.DatagramTransport;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A UDP socket driven by its loop: asyncio's selector datagram transport.
 * Received datagrams go through the loop's shared read buffer (64 KiB, more
 * than the largest datagram) straight into {@link
 * DatagramProtocol#datagramReceived}; sent datagrams are queued whole and
 * flushed at the end of the loop iteration, registering for {@code OP_WRITE}
 * only while the socket's send buffer is full.
 *
 * <p>Errors of one send or receive (an ICMP "port unreachable" on a
 * connected socket, a message too long for the route) go to {@link
 * DatagramProtocol#errorReceived}; the socket stays open, as in asyncio.
 *
 * <p>Thread contract: any thread (see {@link DatagramTransport}); the state
 * below is touched on the loop thread only.
 */
final class UdpTransport extends SelectorTransport implements DatagramTransport {

    private static final System.Logger LOG = System.getLogger(UdpTransport.class.getName());

    /** Datagrams received per readiness event before other channels get their turn. */
    private static final int MAX_READS_PER_EVENT = 16;

    /** One queued datagram; {@code target} is null on a connected socket. */
    private record Datagram(ByteBuffer data, SocketAddress target) {}

    private final DatagramChannel channel;
    private final DatagramProtocol protocol;
    private final SocketAddress localAddress;
    private final SocketAddress remoteAddress;
    private final ArrayDeque<Datagram> queue = new ArrayDeque<>();
    private long queuedBytes;


    private UdpTransport(EventLoop loop, DatagramChannel channel, DatagramProtocol protocol) throws IOException {
        super(loop);
        this.channel = channel;
        this.protocol = protocol;
        this.localAddress = channel.getLocalAddress();
        this.remoteAddress = channel.getRemoteAddress();
    }

    /**
     * Opens, binds ({@code local}; null: an ephemeral port, on the wildcard
     * address unless {@code remote} picks the interface), connects ({@code
     * remote}, if not null), registers for reading and calls {@link
     * DatagramProtocol#connectionMade}. Loop thread only.
     */
    static <P extends DatagramProtocol> DatagramEndpoint<P> open(EventLoop loop, Supplier<P> protocolFactory,
            SocketAddress local, SocketAddress remote) throws IOException {
        DatagramChannel channel = loop.selectorProvider().openDatagramChannel();
        UdpTransport transport;
        P protocol;
        try {
            channel.configureBlocking(false);
            if (local != null || remote == null) {
                channel.bind(local);
            }
            if (remote != null) {
                channel.connect(remote);
            }
            protocol = Objects.requireNonNull(protocolFactory.get(), "protocol factory returned null");
            transport = new UdpTransport(loop, channel, protocol);
            transport.key = loop.register(channel, SelectionKey.OP_READ, transport);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        try {
            protocol.connectionMade(transport);
        } catch (RuntimeException e) {
            transport.fatal("connectionMade", e);
        }
        return new DatagramEndpoint<>(transport, protocol);
    }

    // ---------------------------------------------------------------- DatagramTransport

    @Override
    public void sendTo(ByteBuffer data, SocketAddress target) {
        int n = data.remaining();
        if (n > MAX_DATAGRAM_SIZE) {
            throw new IllegalArgumentException("datagram too large: " + n + " > " + MAX_DATAGRAM_SIZE);
        }
        if (remoteAddress == null && target == null) {
            throw new IllegalArgumentException("target is null and the endpoint is not connected");
        }
        if (remoteAddress != null && target != null && !remoteAddress.equals(target)) {
            throw new IllegalArgumentException("target " + target + " is not the connected peer " + remoteAddress);
        }
        ByteBuffer copy = ByteBuffer.allocate(n).put(data).flip();
        if (!loop.inEventLoop()) {
            onLoop(() -> enqueue(copy, target));
            return;
        }
        enqueue(copy, target);
    }

    private void enqueue(ByteBuffer copy, SocketAddress target) {
        if (closing) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: dropped a datagram sent after close", this);
            return;
        }
        queue.add(new Datagram(copy, remoteAddress != null ? null : target));
        queuedBytes += copy.remaining();
        scheduleFlush();
        if (waterMarks.shouldPause(queuedBytes)) {
            pauseProtocol();
        }
    }

    @Override
    public long writeBufferSize() {
        return queuedBytes;
    }

    @Override
    public SocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String toString() {
        return "UdpTransport[" + localAddress + (remoteAddress != null ? " -> " + remoteAddress : "")
                + (closed ? ", closed" : "") + "]";
    }

    // ---------------------------------------------------------------- SelectorTransport's hooks

    @Override
    boolean queueIsEmpty() {
        return queue.isEmpty();
    }

    @Override
    Object protocol() {
        return protocol;
    }

    @Override
    void protocolPauseWriting() {
        protocol.pauseWriting();
    }

    @Override
    void protocolResumeWriting() {
        protocol.resumeWriting();
    }

    // ---------------------------------------------------------------- loop callbacks

    @Override
    void read() {
        ByteBuffer buffer = loop.readBuffer;
        for (int i = 0; i < MAX_READS_PER_EVENT && !closing && !readingPaused; i++) {
            buffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(buffer);
            } catch (IOException e) {
                errorReceived(e);
                return;
            }
            if (from == null) {
                return;
            }
            buffer.flip();
            try {
                protocol.datagramReceived(buffer, from);
            } catch (RuntimeException e) {
                fatal("datagramReceived", e);
                return;
            }
        }
    }

    @Override
    void flush() {
        flushScheduled = false;
        Datagram next;
        while (!closed && (next = queue.peek()) != null) {
            int size = next.data.remaining();
            int sent;
            try {
                sent = next.target == null ? channel.write(next.data) : channel.send(next.data, next.target);
            } catch (IOException e) {
                dequeued(size); // this datagram is lost; the others may still go
                errorReceived(e);
                continue;
            }
            if (sent == 0 && size > 0) {
                if (!waitingForWritable) {
                    waitingForWritable = true;
                    updateInterest();
                }
                maybeResumeWriting();
                return;
            }
            dequeued(size);
        }
        if (closed) {
            return;
        }
        if (waitingForWritable) {
            waitingForWritable = false;
            updateInterest();
        }
        if (closing) {
            closeNow(null);
            return;
        }
        maybeResumeWriting();
    }

    private void dequeued(int size) {
        queue.poll();
        queuedBytes -= size;
    }

    private void errorReceived(IOException error) {
        if (closed) {
            return;
        }
        try {
            protocol.errorReceived(error);
        } catch (RuntimeException e) {
            fatal("errorReceived", e);
        }
    }

    /** Closes the channel at once; {@code connectionLost(cause)} runs as the next callback. */
    @Override
    void closeNow(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        queue.clear();
        queuedBytes = 0;
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "error closing " + this, e);
        }
        loop.execute(() -> {
            try {
                protocol.connectionLost(cause);
            } catch (RuntimeException e) {
                loop.callExceptionHandler("exception in connectionLost of " + protocol + " on " + this, e);
            }
        });
    }

}
