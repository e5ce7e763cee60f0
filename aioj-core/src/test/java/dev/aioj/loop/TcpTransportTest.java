package dev.aioj.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.net.Connection;
import dev.aioj.net.Server;
import dev.aioj.net.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One transport against a plain JDK socket peer: writes, flow control, half-close, faults, callback order. */
class TcpTransportTest {

    private final List<Throwable> handled = new CopyOnWriteArrayList<>();
    private final EventLoop loop = EventLoop.builder()
            .exceptionHandler((message, error) -> handled.add(error))
            .build();

    @AfterEach
    void shutDown() {
        loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** A server for {@code protocol} and a JDK socket connected to it; returns the server side's protocol. */
    private <P extends RecordingProtocol> P serve(P protocol, Socket peer) throws Exception {
        Server server = loop.createServer(() -> protocol, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
        peer.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
        peer.setSoTimeout(10_000);
        protocol.made.get(10, TimeUnit.SECONDS);
        server.close();
        return protocol;
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        return in.readNBytes(n);
    }

    @Test
    void tenThousandOneByteWritesInOneCallbackLeaveInOneOrAFewSystemCalls() throws Exception {
        try (Socket peer = new Socket()) {
            RecordingProtocol server = serve(new RecordingProtocol(), peer);
            loop.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    server.transport.write(new byte[] {(byte) i});
                }
                return null;
            }).get(10, TimeUnit.SECONDS);
            byte[] got = readFully(peer.getInputStream(), 10_000);
            assertThat(got).hasSize(10_000);
            for (int i = 0; i < got.length; i++) {
                assertThat(got[i]).isEqualTo((byte) i);
            }
            // Read on the loop: the counters are plain fields, bumped just after the write system call.
            dev.aioj.net.TransportStats stats = loop.submit(server.transport::stats).get(10, TimeUnit.SECONDS);
            assertThat(stats.writeCalls()).isBetween(1L, 3L);
            assertThat(stats.bytesWritten()).isEqualTo(10_000);
        }
    }

    @Test
    void aPeerThatStopsReadingPausesWritingWithBoundedMemoryAndResumesWhenItReads() throws Exception {
        AtomicLong maxQueued = new AtomicLong();
        AtomicLong produced = new AtomicLong();
        long total = 64L * 1024 * 1024; // far more than socket buffers hold
        RecordingProtocol producer = new RecordingProtocol() {
            boolean paused;

            @Override
            void onMade(Transport transport) {
                transport.loop().execute(this::produce);
            }

            @Override
            public void pauseWriting() {
                super.pauseWriting();
                paused = true;
            }

            @Override
            public void resumeWriting() {
                super.resumeWriting();
                paused = false;
                produce();
            }

            /** Writes 8 KiB chunks until told to pause, the way a well-behaved protocol does. */
            void produce() {
                byte[] chunk = new byte[8192];
                while (!paused && produced.get() < total) {
                    transport.write(chunk);
                    produced.addAndGet(chunk.length);
                    maxQueued.accumulateAndGet(transport.writeBufferSize(), Math::max);
                }
                if (produced.get() >= total) {
                    transport.close();
                }
            }
        };
        try (Socket peer = new Socket()) {
            peer.setReceiveBufferSize(64 * 1024);
            serve(producer, peer);
            // The peer reads nothing until the producer has paused.
            producer.awaitEvent("pause");
            long queuedWhilePaused = loop.submit(producer.transport::writeBufferSize).get(10, TimeUnit.SECONDS);
            assertThat(queuedWhilePaused).isGreaterThan(Transport.DEFAULT_HIGH_WATER);
            // Now it drains everything; the producer must be resumed to finish.
            long read = peer.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            assertThat(read).isEqualTo(total);
            assertThat(producer.awaitLost()).isNull();
        }
        assertThat(producer.events()).contains("pause", "resume");
        // Memory stayed near the high-water mark: at most one write beyond it.
        assertThat(maxQueued.get()).isLessThanOrEqualTo(Transport.DEFAULT_HIGH_WATER + 8192);
    }

    @Test
    void pauseReadingStopsDataReceivedUntilResumeReading() throws Exception {
        RecordingProtocol server = new RecordingProtocol() {
            @Override
            void onMade(Transport transport) {
                transport.pauseReading();
            }
        };
        try (Socket peer = new Socket()) {
            serve(server, peer);
            peer.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            // Give the bytes time to arrive, measured on the loop's own clock; none may be delivered.
            CompletableFuture<byte[]> afterWait = new CompletableFuture<>();
            loop.callLater(Duration.ofMillis(200), () -> afterWait.complete(server.receivedBytes()));
            assertThat(afterWait.get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(loop.submit(server.transport::isReading).get(10, TimeUnit.SECONDS)).isFalse();
            server.transport.resumeReading();
            assertThat(new String(server.awaitReceived(5), StandardCharsets.US_ASCII)).isEqualTo("hello");
        }
    }

    @Test
    void aRefusedConnectionFailsTheFutureWithConnectException() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // nothing listens here once it is closed
        }
        CompletableFuture<Connection<RecordingProtocol>> future =
                loop.createConnection(RecordingProtocol::new, "127.0.0.1", port);
        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ConnectException.class)
                .hasMessageContaining("127.0.0.1:" + port);
    }

    @Test
    void halfCloseLetsTheServerAnswerAfterTheClientsEof() throws Exception {
        RecordingProtocol server = new RecordingProtocol() {
            @Override
            void onMade(Transport transport) {
                keepOpenOnEof = true;
            }

            @Override
            public boolean eofReceived() {
                boolean keep = super.eofReceived();
                transport.write(("got " + receivedBytes().length + " bytes").getBytes(StandardCharsets.US_ASCII));
                transport.writeEof();
                return keep;
            }
        };
        Server listening = loop.createServer(() -> server, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
        RecordingProtocol client = new RecordingProtocol() {
            @Override
            void onMade(Transport transport) {
                keepOpenOnEof = true;
                transport.write("abc".getBytes(StandardCharsets.US_ASCII));
                transport.writeEof();
            }
        };
        loop.createConnection(() -> client, "127.0.0.1", listening.port()).get(10, TimeUnit.SECONDS);
        assertThat(client.awaitLost()).isNull();
        assertThat(server.awaitLost()).isNull();
        assertThat(new String(client.receivedBytes(), StandardCharsets.US_ASCII)).isEqualTo("got 3 bytes");
        assertThat(client.events()).containsExactly("made", "data", "eof", "lost");
        assertThat(server.events()).containsExactly("made", "data", "eof", "lost");
        assertThat(client.transport.canWriteEof()).isTrue();
    }

    @Test
    void aPeerResetEndsTheConnectionWithTheError() throws Exception {
        RecordingProtocol server = new RecordingProtocol();
        try (Socket peer = new Socket()) {
            serve(server, peer);
            peer.getOutputStream().write(1);
            server.awaitReceived(1);
            peer.setSoLinger(true, 0); // close with RST
        }
        assertThat(server.awaitLost()).isInstanceOf(IOException.class);
        assertThat(server.events()).containsExactly("made", "data", "lost");
    }

    @Test
    void aNormalCloseByThePeerIsEofThenConnectionLostWithoutError() throws Exception {
        RecordingProtocol server = new RecordingProtocol();
        try (Socket peer = new Socket()) {
            serve(server, peer);
            peer.getOutputStream().write("bye".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(server.awaitLost()).isNull();
        assertThat(server.events()).containsExactly("made", "data", "eof", "lost");
        assertThat(server.callbackThread).isInstanceOf(LoopThread.class);
    }

    @Test
    void closeSendsQueuedBytesFirst() throws Exception {
        byte[] big = new byte[4 * 1024 * 1024];
        new java.util.Random(7).nextBytes(big);
        RecordingProtocol server = new RecordingProtocol() {
            @Override
            void onMade(Transport transport) {
                transport.write(big);
                transport.close();
                transport.write(new byte[] {1, 2, 3}); // after close: dropped, no exception
            }
        };
        try (Socket peer = new Socket()) {
            serve(server, peer);
            byte[] got = peer.getInputStream().readAllBytes();
            assertThat(got).isEqualTo(big);
        }
        assertThat(server.awaitLost()).isNull();
        assertThat(server.events()).containsExactly("made", "pause", "lost");
        assertThat(handled).isEmpty();
    }

    @Test
    void abortDropsQueuedBytesAndClosesAtOnce() throws Exception {
        RecordingProtocol server = new RecordingProtocol() {
            @Override
            void onMade(Transport transport) {
                transport.write(new byte[1024]);
                transport.abort();
                assertThat(transport.isClosing()).isTrue();
            }
        };
        try (Socket peer = new Socket()) {
            serve(server, peer);
            assertThat(peer.getInputStream().readAllBytes()).isEmpty();
        }
        assertThat(server.awaitLost()).isNull();
        assertThat(server.events()).containsExactly("made", "lost");
    }

    @Test
    void anExceptionInDataReceivedAbortsTheTransportAndReachesConnectionLost() throws Exception {
        IllegalStateException bug = new IllegalStateException("protocol bug");
        RecordingProtocol server = new RecordingProtocol() {
            @Override
            void onData(byte[] bytes) {
                throw bug;
            }
        };
        try (Socket peer = new Socket()) {
            serve(server, peer);
            peer.getOutputStream().write(1);
            assertThat(peer.getInputStream().read()).isEqualTo(-1); // the server side closed
        }
        assertThat(server.awaitLost()).isSameAs(bug);
        assertThat(server.events()).containsExactly("made", "data", "lost");
        assertThat(handled).containsExactly(bug);
        assertThat(loop.submit(() -> "alive").get(10, TimeUnit.SECONDS)).isEqualTo("alive");
    }

    @Test
    void anExceptionInConnectionMadeAbortsTheTransport() throws Exception {
        IllegalStateException bug = new IllegalStateException("made bug");
        RecordingProtocol server = new RecordingProtocol() {
            @Override
            void onMade(Transport transport) {
                throw bug;
            }
        };
        Server listening = loop.createServer(() -> server, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
        try (Socket peer = new Socket("127.0.0.1", listening.port())) {
            peer.setSoTimeout(10_000);
            assertThat(peer.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(server.awaitLost()).isSameAs(bug);
        assertThat(server.events()).containsExactly("made", "lost");
    }

    @Test
    void writesFromOtherThreadsArriveInTheirOrder() throws Exception {
        RecordingProtocol server = new RecordingProtocol();
        try (Socket peer = new Socket()) {
            serve(server, peer);
            ByteBuffer reused = ByteBuffer.allocate(4);
            for (int i = 0; i < 1000; i++) {
                reused.clear();
                reused.putInt(i).flip();
                server.transport.write(reused); // copied: reusing the buffer at once is safe
                assertThat(reused.hasRemaining()).isFalse();
            }
            java.io.DataInputStream in = new java.io.DataInputStream(peer.getInputStream());
            for (int i = 0; i < 1000; i++) {
                assertThat(in.readInt()).isEqualTo(i);
            }
        }
    }

    @Test
    void arraySlicesAreWrittenFromAnyThreadAndBadBoundsAreRefused() throws Exception {
        RecordingProtocol server = new RecordingProtocol();
        try (Socket peer = new Socket()) {
            serve(server, peer);
            byte[] data = "..abc..defg".getBytes(StandardCharsets.US_ASCII);
            loop.submit(() -> {
                server.transport.write(data, 2, 3);
                return null;
            }).get(10, TimeUnit.SECONDS);
            server.transport.write(data, 7, 4); // off the loop: copied, then queued in order
            assertThat(new String(readFully(peer.getInputStream(), 7), StandardCharsets.US_ASCII)).isEqualTo("abcdefg");
            assertThatThrownBy(() -> server.transport.write(data, 8, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void writeBufferLimitsAreCheckedAndNamed() throws Exception {
        RecordingProtocol server = new RecordingProtocol();
        try (Socket peer = new Socket()) {
            serve(server, peer);
            assertThatThrownBy(() -> server.transport.setWriteBufferLimits(10, 20))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("high < low: 10 < 20");
            assertThatThrownBy(() -> server.transport.setWriteBufferLimits(10, -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("low < 0: -1");
            // Lowering the high mark below what is queued pauses at once; raising it resumes.
            List<String> during = loop.submit(() -> {
                server.transport.write(new byte[100]);
                server.transport.setWriteBufferLimits(50, 10);
                List<String> afterLowering = server.events();
                server.transport.setWriteBufferLimits(1000, 200);
                return afterLowering;
            }).get(10, TimeUnit.SECONDS);
            assertThat(during).containsExactly("made", "pause");
            assertThat(server.events()).containsExactly("made", "pause", "resume");
            assertThat(server.transport.localAddress()).isInstanceOf(InetSocketAddress.class);
            assertThat(((InetSocketAddress) server.transport.remoteAddress()).getPort()).isEqualTo(peer.getLocalPort());
        }
    }

    @Test
    void shutdownClosesOpenConnectionsAndCallsConnectionLostOnEach() throws Exception {
        EventLoop other = EventLoop.create();
        List<RecordingProtocol> servers = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch madeAll = new java.util.concurrent.CountDownLatch(5);
        Supplier<RecordingProtocol> factory = () -> {
            RecordingProtocol p = new RecordingProtocol();
            p.made.thenRun(madeAll::countDown);
            servers.add(p);
            return p;
        };
        Server listening = other.createServer(factory, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
        List<RecordingProtocol> clients = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RecordingProtocol client = new RecordingProtocol();
            clients.add(client);
            loop.createConnection(() -> client, "127.0.0.1", listening.port()).get(10, TimeUnit.SECONDS);
        }
        assertThat(madeAll.await(10, TimeUnit.SECONDS)).isTrue();
        other.shutdownGracefully().get(10, TimeUnit.SECONDS);
        for (RecordingProtocol server : servers) {
            assertThat(server.lost).isCompletedWithValue(null);
            assertThat(server.events()).containsExactly("made", "lost");
        }
        for (RecordingProtocol client : clients) {
            assertThat(client.awaitLost()).isNull(); // the peer saw an orderly close
        }
        assertThat(listening.isServing()).isFalse();
        assertThatThrownBy(() -> other.createServer(RecordingProtocol::new, "127.0.0.1", 0).join())
                .hasCauseInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    @Test
    void serverWaitClosedWaitsForItsConnections() throws Exception {
        RecordingProtocol server = new RecordingProtocol();
        Server listening = loop.createServer(() -> server, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
        try (Socket peer = new Socket("127.0.0.1", listening.port())) {
            server.made.get(10, TimeUnit.SECONDS);
            listening.close();
            // the JDK closes a registered socket when its key leaves the selector, during a poll: two round trips
            // through the loop have a complete poll between them
            loop.submit(() -> null).get(10, TimeUnit.SECONDS);
            loop.submit(() -> null).get(10, TimeUnit.SECONDS);
            assertThat(listening.connectionCount()).isEqualTo(1);
            assertThat(listening.waitClosed()).isNotDone();
            assertThatThrownBy(() -> new Socket("127.0.0.1", listening.port()).close())
                    .isInstanceOf(ConnectException.class);
        }
        listening.waitClosed().get(10, TimeUnit.SECONDS);
        assertThat(listening.connectionCount()).isZero();
    }
}
