package dev.aioj.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.net.DatagramEndpoint;
import dev.aioj.net.DatagramProtocol;
import dev.aioj.net.DatagramTransport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** UDP endpoints against plain JDK DatagramSockets: round trips, connected errors, limits, callback order. */
class UdpTransportTest {

    private final EventLoop loop = EventLoop.create();
    private static final InetSocketAddress ANY_LOCAL_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @AfterEach
    void shutDown() {
        loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Records callbacks in order and keeps copies of received datagrams. */
    static class RecordingDatagramProtocol implements DatagramProtocol {
        final List<String> events = new ArrayList<>(); // loop thread only
        final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<IOException> errors = new LinkedBlockingQueue<>();
        final CompletableFuture<Throwable> lost = new CompletableFuture<>();
        DatagramTransport transport;

        @Override
        public void connectionMade(DatagramTransport transport) {
            events.add("made");
            this.transport = transport;
        }

        @Override
        public void datagramReceived(ByteBuffer data, SocketAddress from) {
            events.add("datagram");
            received.add(StandardCharsets.UTF_8.decode(data) + " from " + from);
        }

        @Override
        public void errorReceived(IOException error) {
            events.add("error");
            errors.add(error);
        }

        @Override
        public void connectionLost(Throwable cause) {
            events.add("lost");
            lost.complete(cause);
        }

        @Override
        public void pauseWriting() {
            events.add("pause");
        }

        @Override
        public void resumeWriting() {
            events.add("resume");
        }
    }

    /** Answers each datagram with its upper-cased text, to the sender. */
    static final class UpperCaseProtocol extends RecordingDatagramProtocol {
        @Override
        public void datagramReceived(ByteBuffer data, SocketAddress from) {
            String text = StandardCharsets.UTF_8.decode(data).toString();
            transport.sendTo(text.toUpperCase().getBytes(StandardCharsets.UTF_8), from);
        }
    }

    private static String receive(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        socket.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    @Test
    void anUnconnectedEndpointAnswersEachSenderAtItsAddress() throws Exception {
        DatagramEndpoint<UpperCaseProtocol> endpoint =
                loop.createDatagramEndpoint(UpperCaseProtocol::new, ANY_LOCAL_PORT).get(10, TimeUnit.SECONDS);
        SocketAddress server = endpoint.transport().localAddress();
        assertThat(((InetSocketAddress) server).getPort()).isPositive();
        assertThat(endpoint.transport().remoteAddress()).isNull();
        try (DatagramSocket a = new DatagramSocket(ANY_LOCAL_PORT); DatagramSocket b = new DatagramSocket(ANY_LOCAL_PORT)) {
            a.setSoTimeout(10_000);
            b.setSoTimeout(10_000);
            a.send(new DatagramPacket("from a".getBytes(StandardCharsets.UTF_8), 6, server));
            b.send(new DatagramPacket("from b".getBytes(StandardCharsets.UTF_8), 6, server));
            assertThat(receive(a)).isEqualTo("FROM A");
            assertThat(receive(b)).isEqualTo("FROM B");
        }
    }

    @Test
    void aConnectedEndpointSendsAndReceivesWithItsPeerOnly() throws Exception {
        try (DatagramSocket peer = new DatagramSocket(ANY_LOCAL_PORT)) {
            peer.setSoTimeout(10_000);
            DatagramEndpoint<RecordingDatagramProtocol> endpoint = loop.createDatagramEndpoint(
                    RecordingDatagramProtocol::new, null, peer.getLocalSocketAddress()).get(10, TimeUnit.SECONDS);
            DatagramTransport transport = endpoint.transport();
            assertThat(transport.remoteAddress()).isEqualTo(peer.getLocalSocketAddress());
            transport.send("hello peer".getBytes(StandardCharsets.UTF_8)); // from the test thread: handed to the loop
            DatagramPacket packet = new DatagramPacket(new byte[64], 64);
            peer.receive(packet);
            assertThat(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8)).isEqualTo("hello peer");
            peer.send(new DatagramPacket("hello back".getBytes(StandardCharsets.UTF_8), 10, packet.getSocketAddress()));
            assertThat(endpoint.protocol().received.poll(10, TimeUnit.SECONDS))
                    .isEqualTo("hello back from " + peer.getLocalSocketAddress());
            transport.close();
            assertThat(endpoint.protocol().lost.get(10, TimeUnit.SECONDS)).isNull();
            assertThat(loop.submit(() -> endpoint.protocol().events).get(10, TimeUnit.SECONDS))
                    .containsExactly("made", "datagram", "lost");
        }
    }

    @Test
    void aConnectedEndpointHearsOfAClosedPortThroughErrorReceivedAndStaysOpen() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"),
                "only Linux reports ICMP port unreachable to connected UDP sockets reliably");
        int closedPort;
        try (DatagramSocket probe = new DatagramSocket(ANY_LOCAL_PORT)) {
            closedPort = probe.getLocalPort();
        }
        DatagramEndpoint<RecordingDatagramProtocol> endpoint = loop.createDatagramEndpoint(RecordingDatagramProtocol::new,
                null, new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort)).get(10, TimeUnit.SECONDS);
        endpoint.transport().send("anyone?".getBytes(StandardCharsets.UTF_8));
        IOException error = endpoint.protocol().errors.poll(10, TimeUnit.SECONDS);
        assertThat(error).isInstanceOf(PortUnreachableException.class);
        assertThat(endpoint.transport().isClosing()).isFalse();
        assertThat(endpoint.protocol().lost).isNotDone();
    }

    @Test
    void sendToChecksDatagramSizeAndTargetAndNamesTheBadValue() throws Exception {
        DatagramEndpoint<RecordingDatagramProtocol> unconnected =
                loop.createDatagramEndpoint(RecordingDatagramProtocol::new, ANY_LOCAL_PORT).get(10, TimeUnit.SECONDS);
        DatagramTransport transport = unconnected.transport();
        assertThatThrownBy(() -> transport.sendTo(new byte[DatagramTransport.MAX_DATAGRAM_SIZE + 1], ANY_LOCAL_PORT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65508 > 65507");
        assertThatThrownBy(() -> transport.send(new byte[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not connected");
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
        DatagramTransport connected = loop.createDatagramEndpoint(RecordingDatagramProtocol::new, null, peer)
                .get(10, TimeUnit.SECONDS).transport();
        InetSocketAddress other = new InetSocketAddress(InetAddress.getLoopbackAddress(), 10);
        assertThatThrownBy(() -> connected.sendTo(new byte[1], other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(other.toString());
    }

    @Test
    void sendingAboveTheHighWaterMarkPausesWritingAndTheFlushResumesIt() throws Exception {
        try (DatagramSocket peer = new DatagramSocket(ANY_LOCAL_PORT)) {
            peer.setSoTimeout(10_000);
            DatagramEndpoint<RecordingDatagramProtocol> endpoint = loop.createDatagramEndpoint(
                    RecordingDatagramProtocol::new, ANY_LOCAL_PORT).get(10, TimeUnit.SECONDS);
            DatagramTransport transport = endpoint.transport();
            List<Long> queuedInCallback = loop.submit(() -> {
                transport.setWriteBufferLimits(100, 0);
                transport.sendTo(new byte[60], peer.getLocalSocketAddress());
                long first = transport.writeBufferSize();
                transport.sendTo(new byte[60], peer.getLocalSocketAddress());
                return List.of(first, transport.writeBufferSize());
            }).get(10, TimeUnit.SECONDS);
            assertThat(queuedInCallback).containsExactly(60L, 120L);
            DatagramPacket packet = new DatagramPacket(new byte[100], 100);
            peer.receive(packet);
            peer.receive(packet);
            assertThat(packet.getLength()).isEqualTo(60);
            List<String> events = loop.submit(() -> endpoint.protocol().events).get(10, TimeUnit.SECONDS);
            assertThat(events).containsExactly("made", "pause", "resume");
            assertThat(transport.writeBufferSize()).isZero();
        }
    }

    @Test
    void anExceptionInDatagramReceivedAbortsTheEndpointAndReachesConnectionLost() throws Exception {
        List<Throwable> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
        EventLoop strict = EventLoop.builder().exceptionHandler((message, error) -> handled.add(error)).build();
        try {
            RuntimeException boom = new IllegalStateException("boom");
            RecordingDatagramProtocol failing = new RecordingDatagramProtocol() {
                @Override
                public void datagramReceived(ByteBuffer data, SocketAddress from) {
                    throw boom;
                }
            };
            DatagramEndpoint<RecordingDatagramProtocol> endpoint =
                    strict.createDatagramEndpoint(() -> failing, ANY_LOCAL_PORT).get(10, TimeUnit.SECONDS);
            try (DatagramSocket peer = new DatagramSocket(ANY_LOCAL_PORT)) {
                peer.send(new DatagramPacket(new byte[1], 1, endpoint.transport().localAddress()));
            }
            assertThat(failing.lost.get(10, TimeUnit.SECONDS)).isSameAs(boom);
            assertThat(handled).containsExactly(boom);
            assertThat(endpoint.transport().isClosing()).isTrue();
        } finally {
            strict.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    @Test
    void loopShutdownClosesTheEndpoint() throws Exception {
        DatagramEndpoint<RecordingDatagramProtocol> endpoint =
                loop.createDatagramEndpoint(RecordingDatagramProtocol::new, ANY_LOCAL_PORT).get(10, TimeUnit.SECONDS);
        loop.shutdownGracefully().get(10, TimeUnit.SECONDS);
        assertThat(endpoint.protocol().lost.get(10, TimeUnit.SECONDS)).isNull();
    }
}
