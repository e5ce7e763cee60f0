package dev.aioj.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.internal.DirectWrites;
import dev.aioj.net.Server;
import dev.aioj.net.Transport;
import dev.aioj.net.TransportStats;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DirectWrites#writeDirect}: a caller thread writing straight to the socket, no loop hand-off. A plain
 * TCP transport offers it; it is no part of the public {@link Transport}.
 */
class TcpDirectWriteTest {

    private final EventLoop loop = EventLoop.create();

    @AfterEach
    void shutDown() {
        loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static DirectWrites direct(Transport transport) {
        return (DirectWrites) transport;
    }

    private RecordingProtocol serve(Socket peer) throws Exception {
        RecordingProtocol protocol = new RecordingProtocol();
        Server server = loop.createServer(() -> protocol, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
        peer.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
        peer.setSoTimeout(10_000);
        protocol.made.get(10, TimeUnit.SECONDS);
        server.close();
        return protocol;
    }

    @Test
    void aCallerThreadWritesStraightToThePeerAndTheStatsCountIt() throws Exception {
        try (Socket peer = new Socket()) {
            Transport transport = serve(peer).transport;
            assertThat(transport).isInstanceOf(DirectWrites.class);
            ByteBuffer hello = ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII));

            int written = direct(transport).writeDirect(hello); // this test's thread, not the loop's

            assertThat(written).isEqualTo(5);
            assertThat(hello.hasRemaining()).isFalse();
            assertThat(new String(peer.getInputStream().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("hello");
            TransportStats stats = loop.submit(transport::stats).get(10, TimeUnit.SECONDS);
            assertThat(stats.bytesWritten()).isEqualTo(5);
            assertThat(stats.writeCalls()).isEqualTo(1);
        }
    }

    @Test
    void aFullSocketTakesPartOfTheBytesAndTheRestQueuedWithWriteArrivesInOrder() throws Exception {
        byte[] big = new byte[16 * 1024 * 1024]; // far more than the socket buffers hold
        new Random(11).nextBytes(big);
        try (Socket peer = new Socket()) {
            peer.setReceiveBufferSize(64 * 1024);
            Transport transport = serve(peer).transport;
            ByteBuffer data = ByteBuffer.wrap(big);

            int written = direct(transport).writeDirect(data); // the peer reads nothing yet: the socket fills up

            assertThat(written).isPositive().isLessThan(big.length);
            assertThat(data.position()).isEqualTo(written);
            transport.write(data); // the rest goes through the loop's queue, after the direct bytes
            InputStream in = peer.getInputStream();
            assertThat(in.readNBytes(big.length)).isEqualTo(big);
        }
    }

    @Test
    void aClosingTransportRefusesWithMinusOneAndWritesNothing() throws Exception {
        try (Socket peer = new Socket()) {
            RecordingProtocol server = serve(peer);
            loop.submit(() -> {
                server.transport.close(); // on the loop: closing at once, not handed over later
                return null;
            }).get(10, TimeUnit.SECONDS);
            assertThat(server.transport.isClosing()).isTrue();

            assertThat(direct(server.transport).writeDirect(ByteBuffer.wrap(new byte[] {1, 2, 3}))).isEqualTo(-1);

            assertThat(peer.getInputStream().readAllBytes()).isEmpty();
            assertThat(server.awaitLost()).isNull();
        }
    }

    @Test
    void aPeerThatResetTheConnectionMakesTheDirectWriteThrowAndTheLoopReportsTheLoss() throws Exception {
        RecordingProtocol server;
        try (Socket peer = new Socket()) {
            server = serve(peer);
            peer.setSoLinger(true, 0); // close with RST
        }
        Throwable lost = server.awaitLost();
        assertThat(lost).isInstanceOf(java.io.IOException.class);
        // the loop has closed the socket: the caller's write now fails or is refused, it never hangs
        Throwable failure = null;
        int result = 0;
        try {
            result = direct(server.transport).writeDirect(ByteBuffer.wrap(new byte[] {1}));
        } catch (java.io.IOException e) {
            failure = e;
        }
        assertThat(failure != null || result == -1).as("thrown " + failure + ", returned " + result).isTrue();
    }
}
