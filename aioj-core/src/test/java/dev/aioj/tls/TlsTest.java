package dev.aioj.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.loop.EventLoop;
import dev.aioj.net.Connection;
import dev.aioj.net.Protocol;
import dev.aioj.net.Server;
import dev.aioj.net.Transport;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TLS over the loop against itself and against the JDK's own SSLSocket:
 * round trips, close_notify, a refused certificate, a peer leaving
 * mid-handshake, the handshake timeout, and backpressure.
 */
class TlsTest {

    private final List<Throwable> handled = new CopyOnWriteArrayList<>();
    private final EventLoop loop = EventLoop.builder()
            .exceptionHandler((message, error) -> handled.add(error))
            .build();

    @AfterEach
    void shutDown() {
        loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Records the user protocol's callbacks over TLS and collects what it receives. */
    static class Recorder implements Protocol {
        final List<String> events = new CopyOnWriteArrayList<>();
        final ByteArrayOutputStream received = new ByteArrayOutputStream(); // loop thread only
        final CompletableFuture<Transport> made = new CompletableFuture<>();
        final CompletableFuture<Throwable> lost = new CompletableFuture<>();
        Transport transport;

        @Override
        public void connectionMade(Transport transport) {
            events.add("made");
            this.transport = transport;
            made.complete(transport);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            if (events.isEmpty() || !events.get(events.size() - 1).equals("data")) {
                events.add("data");
            }
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            received.writeBytes(bytes);
            onData(bytes);
        }

        void onData(byte[] bytes) {}

        @Override
        public boolean eofReceived() {
            events.add("eof");
            return false;
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

    /** Echoes everything back. */
    static final class Echo extends Recorder {
        @Override
        void onData(byte[] bytes) {
            transport.write(bytes);
        }
    }

    /** The callback sequence without pause/resume, consecutive data events as one. */
    private static List<String> withoutFlowControl(List<String> events) {
        List<String> kept = new ArrayList<>();
        for (String event : events) {
            boolean repeat = !kept.isEmpty() && kept.get(kept.size() - 1).equals(event);
            if (!event.equals("pause") && !event.equals("resume") && !repeat) {
                kept.add(event);
            }
        }
        return kept;
    }

    private static Tls server() throws Exception {
        return Tls.server(TestCertificates.serverContext("server"));
    }

    private static Tls client() throws Exception {
        return Tls.client(TestCertificates.clientContextTrusting("server"));
    }

    private Server listen(Tls tls, java.util.function.Supplier<? extends Protocol> factory) throws Exception {
        return tls.listen(loop, factory, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aLoopClientAndServerRoundTripAMegabyteAndCloseWithCloseNotify() throws Exception {
        Echo serverSide = new Echo();
        Server server = listen(server(), () -> serverSide);
        byte[] payload = new byte[1024 * 1024];
        new Random(4).nextBytes(payload);
        CompletableFuture<byte[]> echoed = new CompletableFuture<>();
        Recorder clientSide = new Recorder() {
            @Override
            void onData(byte[] bytes) {
                if (received.size() == payload.length) {
                    echoed.complete(received.toByteArray());
                    transport.close();
                }
            }
        };
        Connection<Recorder> connection =
                client().connect(loop, () -> clientSide, "127.0.0.1", server.port()).get(10, TimeUnit.SECONDS);
        assertThat(connection.transport()).isInstanceOf(TlsTransport.class);
        TlsTransport tls = (TlsTransport) connection.transport();
        assertThat(tls.session().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(tls.session().getPeerCertificates()).hasSize(1);
        assertThat(tls.canWriteEof()).isFalse();
        assertThatThrownBy(tls::writeEof).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("half-close");
        tls.write(payload);
        assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo(payload);
        assertThat(clientSide.lost.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(serverSide.lost.get(10, TimeUnit.SECONDS)).isNull();
        // 1 MiB written at once goes above the high-water mark: pause and resume may come in between.
        assertThat(withoutFlowControl(clientSide.events)).containsExactly("made", "data", "lost");
        // The server saw the client's close_notify as EOF, then closed.
        assertThat(withoutFlowControl(serverSide.events)).containsExactly("made", "data", "eof", "lost");
        assertThat(tls.stats().bytesWritten()).isGreaterThan(payload.length); // encrypted bytes: records add overhead
        assertThat(handled).isEmpty();
    }

    @Test
    void aJdkSslSocketClientIsEchoedByALoopServer() throws Exception {
        Server server = listen(server(), Echo::new);
        SSLContext context = TestCertificates.clientContextTrusting("server");
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("hello tls".getBytes(US_ASCII));
            assertThat(new String(socket.getInputStream().readNBytes(9), US_ASCII)).isEqualTo("hello tls");
        }
        server.close();
        server.waitClosed().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aLoopClientTalksToAJdkSslServerSocket() throws Exception {
        SSLContext context = TestCertificates.serverContext("server");
        try (SSLServerSocket listening = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> serverSaw = CompletableFuture.supplyAsync(() -> {
                try (Socket peer = listening.accept()) {
                    String line = new String(peer.getInputStream().readNBytes(4), US_ASCII);
                    peer.getOutputStream().write("pong".getBytes(US_ASCII));
                    peer.getOutputStream().flush();
                    return line;
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            CompletableFuture<String> reply = new CompletableFuture<>();
            Recorder client = new Recorder() {
                @Override
                void onData(byte[] bytes) {
                    if (received.size() == 4) {
                        reply.complete(received.toString(US_ASCII));
                    }
                }
            };
            Connection<Recorder> connection = client().connect(loop, () -> client, "127.0.0.1",
                    listening.getLocalPort()).get(10, TimeUnit.SECONDS);
            connection.transport().write("ping".getBytes(US_ASCII));
            assertThat(serverSaw.get(10, TimeUnit.SECONDS)).isEqualTo("ping");
            assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("pong");
            // The JDK server closed its socket: the client sees EOF (close_notify or FIN) and closes.
            assertThat(client.lost.get(10, TimeUnit.SECONDS)).isNull();
            assertThat(client.events).containsExactly("made", "data", "eof", "lost");
        }
    }

    @Test
    void aCertificateTheClientDoesNotTrustFailsTheConnectWithAClearErrorAndTheServerNeverMakesItsProtocol()
            throws Exception {
        AtomicInteger serverProtocolsMade = new AtomicInteger();
        Server server = listen(server(), () -> new Recorder() {
            @Override
            public void connectionMade(Transport transport) {
                serverProtocolsMade.incrementAndGet();
                super.connectionMade(transport);
            }
        });
        Recorder client = new Recorder();
        Tls platformTrust = Tls.client(SSLContext.getDefault()); // the JDK's CA list: a self-signed cert is not in it
        assertThatThrownBy(() -> platformTrust.connect(loop, () -> client, "127.0.0.1", server.port())
                        .get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("PKIX path");
        assertThat(client.events).isEmpty(); // never made, so never lost either
        server.close();
        server.waitClosed().get(10, TimeUnit.SECONDS); // the server closed its side of the failed handshake
        assertThat(serverProtocolsMade).hasValue(0);
    }

    @Test
    void aCertificateForAnotherHostNameIsRefused() throws Exception {
        Server server = listen(server(), Echo::new);
        InetSocketAddress wrongName = new InetSocketAddress(
                InetAddress.getByAddress("wrong.example", new byte[] {127, 0, 0, 1}), server.port());
        assertThatThrownBy(() -> client().connect(loop, Recorder::new, wrongName).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("wrong.example");
        // Without hostname verification the same certificate is fine.
        Connection<Recorder> connection = client().withoutHostnameVerification()
                .connect(loop, Recorder::new, wrongName).get(10, TimeUnit.SECONDS);
        connection.transport().close();
        assertThat(connection.protocol().lost.get(10, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aClientThatSendsHalfAClientHelloAndClosesLeavesTheServerClosingCleanly() throws Exception {
        AtomicInteger madeCount = new AtomicInteger();
        Server server = listen(server(), () -> new Recorder() {
            @Override
            public void connectionMade(Transport transport) {
                madeCount.incrementAndGet();
            }
        });
        byte[] hello = clientHello();
        try (Socket peer = new Socket("127.0.0.1", server.port())) {
            peer.setSoTimeout(10_000);
            peer.getOutputStream().write(hello, 0, hello.length / 2);
            peer.shutdownOutput(); // gone mid-handshake
            peer.getInputStream().readAllBytes(); // an alert at most, then EOF: the server closed its side
        }
        server.close();
        server.waitClosed().get(10, TimeUnit.SECONDS);
        assertThat(madeCount).hasValue(0);
        assertThat(handled).isEmpty(); // a peer's failed handshake is not a bug of ours
    }

    /** A real ClientHello, as the first flight of a fresh client engine. */
    private static byte[] clientHello() throws Exception {
        SSLEngine engine = TestCertificates.clientContextTrusting("server").createSSLEngine("127.0.0.1", 1);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    @Test
    void aServerThatClosesMidHandshakeFailsTheConnectSayingSo() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket peer = raw.accept()) {
                    peer.getInputStream().read(new byte[5]); // the start of the ClientHello, then leave
                } catch (Exception ignored) {
                    // the test's assertion is on the client
                }
            });
            assertThatThrownBy(() -> client().connect(loop, Recorder::new, "127.0.0.1", raw.getLocalPort())
                            .get(10, TimeUnit.SECONDS))
                    .cause().isInstanceOf(SSLException.class)
                    .hasMessageContaining("during the TLS handshake");
        }
    }

    @Test
    void aServerThatNeverAnswersHitsTheHandshakeTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Connection<Recorder>> connect = client().withHandshakeTimeout(Duration.ofMillis(200))
                    .connect(loop, Recorder::new, "127.0.0.1", silent.getLocalPort());
            try (Socket accepted = silent.accept()) {
                assertThatThrownBy(() -> connect.get(10, TimeUnit.SECONDS))
                        .cause().isInstanceOf(SSLHandshakeException.class)
                        .hasMessageContaining("timed out after 200 ms");
                accepted.setSoTimeout(10_000);
                accepted.getInputStream().readAllBytes(); // the client hung up: EOF (after its ClientHello)
            }
        }
    }

    @Test
    void aSlowTlsReaderPausesTheWriterWithBoundedMemoryAndEverythingArrives() throws Exception {
        long total = 8L * 1024 * 1024; // more than kernel buffers hold (Linux caps a send buffer at 4 MiB)
        AtomicLong maxQueued = new AtomicLong();
        CompletableFuture<Void> paused = new CompletableFuture<>();
        Recorder producer = new Recorder() {
            long produced;
            boolean writingPaused;

            @Override
            public void connectionMade(Transport transport) {
                super.connectionMade(transport);
                produce();
            }

            @Override
            public void pauseWriting() {
                super.pauseWriting();
                writingPaused = true;
                paused.complete(null);
            }

            @Override
            public void resumeWriting() {
                super.resumeWriting();
                writingPaused = false;
                produce();
            }

            void produce() {
                byte[] chunk = new byte[8192];
                while (!writingPaused && produced < total) {
                    transport.write(chunk);
                    produced += chunk.length;
                    maxQueued.accumulateAndGet(transport.writeBufferSize(), Math::max);
                }
                if (produced >= total) {
                    transport.close();
                }
            }
        };
        Server server = listen(server(), () -> producer);
        SSLContext context = TestCertificates.clientContextTrusting("server");
        try (Socket plain = new Socket()) {
            plain.setReceiveBufferSize(64 * 1024);
            plain.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
                    .createSocket(plain, "127.0.0.1", server.port(), true)) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                paused.get(10, TimeUnit.SECONDS); // nothing read yet: the writer had to stop
                long read = socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                assertThat(read).isEqualTo(total);
            }
        }
        assertThat(producer.lost.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(producer.events).contains("pause", "resume");
        // Encrypted bytes queued stay near the high-water mark: one 8 KiB write, plus record overhead, beyond it.
        assertThat(maxQueued.get()).isLessThanOrEqualTo(Transport.DEFAULT_HIGH_WATER + 8192 + 1024);
    }

    @Test
    void aClientSettingCannotServeAndAServerSettingCannotConnect() throws Exception {
        assertThatThrownBy(() -> client().wrap(Recorder::new)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Tls.server");
        assertThatThrownBy(() -> server().connect(loop, Recorder::new, "127.0.0.1", 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Tls.client");
        assertThatThrownBy(() -> client().withHandshakeTimeout(Duration.ZERO))
                .hasMessage("timeout <= 0: PT0S");
        List<String> names = new ArrayList<>(List.of(client().toString(), server().toString()));
        assertThat(names).containsExactly("Tls[client, TLS]", "Tls[server, TLS]");
    }

}
