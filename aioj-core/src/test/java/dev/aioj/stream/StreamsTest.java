package dev.aioj.stream;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.loop.EventLoop;
import dev.aioj.net.Server;
import dev.aioj.net.Transport;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streams over real sockets against plain JDK peers: servers, clients, flow control both ways, unix sockets. */
class StreamsTest {

    private final List<Throwable> handled = new CopyOnWriteArrayList<>();
    private final EventLoop loop = EventLoop.builder()
            .exceptionHandler((message, error) -> handled.add(error))
            .build();

    @AfterEach
    void shutDown() {
        loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The seed's echo coroutine, written for a virtual thread: read 128, write, drain, until EOF. */
    static void echo(StreamReader reader, StreamWriter writer) throws Exception {
        while (true) {
            byte[] data = reader.sync().read(128);
            if (data.length == 0) {
                return; // startBlockingServer closes the connection
            }
            writer.write(data);
            writer.sync().drain();
        }
    }

    private Socket connect(Server server) throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    @Test
    void aBlockingServerEchoesAJdkClientThatHalfClosesAndThenClosesItsSide() throws Exception {
        Server server = Streams.startBlockingServer(loop, StreamsTest::echo, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
        try (Socket client = connect(server)) {
            OutputStream out = client.getOutputStream();
            for (String part : List.of("This is the message. ", "It will be sent ", "in parts.")) {
                out.write(part.getBytes(US_ASCII));
            }
            client.shutdownOutput();
            byte[] echoed = client.getInputStream().readAllBytes(); // ends at the server's close
            assertThat(new String(echoed, US_ASCII)).isEqualTo("This is the message. It will be sent in parts.");
        }
        server.close();
        server.waitClosed().get(10, TimeUnit.SECONDS);
        assertThat(handled).isEmpty();
    }

    @Test
    void aStreamsClientTalksToALoopThreadServerLineByLine() throws Exception {
        StreamHandler upper = (reader, writer) -> serveLines(reader, writer);
        Server server = Streams.startServer(loop, upper, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
        StreamConnection client = Streams.openConnection(loop, "127.0.0.1", server.port()).get(10, TimeUnit.SECONDS);
        assertThat(client.writer().remoteAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", server.port()));
        client.writer().write("hello\nworld\n".getBytes(US_ASCII));
        client.writer().writeEof();
        SyncStreamReader reader = client.reader().sync();
        assertThat(new String(reader.readLine(), US_ASCII)).isEqualTo("HELLO\n");
        assertThat(new String(reader.readLine(), US_ASCII)).isEqualTo("WORLD\n");
        assertThat(reader.atEof()).isTrue();
        client.writer().sync().waitClosed();
        assertThat(handled).isEmpty();
    }

    /** A loop-thread handler: no blocking, each line's future chains the next read. */
    private static void serveLines(StreamReader reader, StreamWriter writer) {
        reader.readLine().thenAccept(line -> {
            if (line.length == 0) {
                writer.close();
                return;
            }
            writer.write(new String(line, US_ASCII).toUpperCase().getBytes(US_ASCII));
            writer.drain().thenRun(() -> serveLines(reader, writer));
        });
    }

    @Test
    void drainWaitsWhileASlowReaderLetsTheQueueFillAndMemoryStaysBounded() throws Exception {
        long total = 16L * 1024 * 1024;
        int chunk = 16 * 1024;
        AtomicLong maxQueued = new AtomicLong();
        CompletableFuture<Void> firstBlockedDrain = new CompletableFuture<>();
        CompletableFuture<Long> written = new CompletableFuture<>();
        StreamHandler producer = (reader, writer) -> {
            byte[] data = new byte[chunk];
            long sent = 0;
            while (sent < total) {
                writer.write(data);
                sent += chunk;
                maxQueued.accumulateAndGet(writer.transport().writeBufferSize(), Math::max);
                CompletableFuture<Void> drained = writer.drain();
                if (!drained.isDone()) {
                    firstBlockedDrain.complete(null);
                }
                drained.get(10, TimeUnit.SECONDS);
            }
            written.complete(sent);
        };
        Server server = Streams.startBlockingServer(loop, producer, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(32 * 1024);
            slow.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
            slow.setSoTimeout(10_000);
            // The peer reads nothing until a drain had to wait: the queue went above the high-water mark.
            firstBlockedDrain.get(10, TimeUnit.SECONDS);
            assertThat(written).isNotDone();
            long read = slow.getInputStream().transferTo(OutputStream.nullOutputStream());
            assertThat(read).isEqualTo(total);
        }
        assertThat(written.get(10, TimeUnit.SECONDS)).isEqualTo(total);
        // Write, then drain: the queue never holds more than the high-water mark plus one chunk.
        assertThat(maxQueued.get()).isLessThanOrEqualTo(Transport.DEFAULT_HIGH_WATER + chunk);
    }

    @Test
    void drainFailsWhenThePeerResetsTheConnection() throws Exception {
        CompletableFuture<StreamWriter> serverWriter = new CompletableFuture<>();
        Server server = Streams.startServer(loop, (reader, writer) -> serverWriter.complete(writer), "127.0.0.1", 0)
                .get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> drain;
        try (Socket peer = new Socket()) {
            peer.setReceiveBufferSize(32 * 1024);
            peer.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
            StreamWriter writer = serverWriter.get(10, TimeUnit.SECONDS);
            drain = loop.submit(() -> {
                // More than kernel buffers hold (Linux caps a send buffer at 4 MiB), with a peer not reading.
                writer.write(new byte[16 * 1024 * 1024]);
                return writer.drain();
            }).get(10, TimeUnit.SECONDS);
            assertThat(drain).isNotDone();
            peer.setSoLinger(true, 0); // close with RST
        }
        assertThatThrownBy(() -> drain.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(SocketException.class).hasMessageContaining("connection lost");
        StreamWriter writer = serverWriter.get();
        assertThatThrownBy(() -> writer.drain().get(10, TimeUnit.SECONDS)).cause().isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> writer.waitClosed().get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void drainAfterWriteEofCompletesWhenThePeerHasAlreadyClosedCleanly() throws Exception {
        Server server = Streams.startBlockingServer(loop, StreamsTest::echo, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
        StreamConnection client = Streams.openConnection(loop, "127.0.0.1", server.port()).get(10, TimeUnit.SECONDS);
        client.writer().write("bye".getBytes(US_ASCII));
        client.writer().writeEof();
        assertThat(new String(client.reader().sync().read(-1), US_ASCII)).isEqualTo("bye");
        client.writer().sync().waitClosed(); // both sides done: the connection is gone, cleanly
        client.writer().sync().drain(); // what was written was sent: nothing to fail
    }

    @Test
    void drainFailsOnAConnectionGoneWhileThisSideStillMeantToWrite() throws Exception {
        Server server = Streams.startBlockingServer(loop, StreamsTest::echo, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
        StreamConnection client = Streams.openConnection(loop, "127.0.0.1", server.port()).get(10, TimeUnit.SECONDS);
        client.writer().transport().abort();
        client.writer().sync().waitClosed();
        assertThatThrownBy(() -> client.writer().sync().drain())
                .isInstanceOf(SocketException.class).hasMessage("connection lost");
    }

    @Test
    void aPeerFloodingWithoutNewlinesGetsAnOverrunAndTheReaderStopsReadingTheSocket() throws Exception {
        int limit = 8 * 1024;
        CompletableFuture<Throwable> lineFailure = new CompletableFuture<>();
        CompletableFuture<StreamReader> serverReader = new CompletableFuture<>();
        StreamHandler handler = (reader, writer) -> {
            serverReader.complete(reader);
            reader.readLine().whenComplete((line, error) -> lineFailure.complete(error));
        };
        Server server = Streams.startServer(loop, handler,
                new InetSocketAddress("127.0.0.1", 0), StreamOptions.DEFAULTS.withLimit(limit)).get(10, TimeUnit.SECONDS);
        try (Socket peer = connect(server)) {
            peer.setSendBufferSize(16 * 1024);
            Thread flooder = Thread.ofVirtual().start(() -> {
                try {
                    byte[] junk = new byte[4096];
                    java.util.Arrays.fill(junk, (byte) 'j');
                    for (int i = 0; i < 4096; i++) { // 16 MiB: far more than socket buffers hold
                        peer.getOutputStream().write(junk);
                    }
                } catch (java.io.IOException stoppedByClose) {
                    // the test closes the socket while this is blocked
                }
            });
            assertThat(lineFailure.get(10, TimeUnit.SECONDS)).isInstanceOf(LimitOverrunException.class);
            StreamReader reader = serverReader.get();
            // Nobody reads now. Sample the reader's buffer a while later, on the loop's clock: the reader
            // paused the socket above 2 x limit, so its buffer is bounded and the flooder is blocked by TCP.
            CompletableFuture<Integer> later = new CompletableFuture<>();
            loop.callLater(java.time.Duration.ofMillis(200), () -> later.complete(reader.bufferedBytes()));
            assertThat(later.get(10, TimeUnit.SECONDS)).isLessThanOrEqualTo(2 * limit + 64 * 1024);
            assertThat(flooder.isAlive()).isTrue(); // blocked by TCP flow control, not buffered by us
            peer.setSoLinger(true, 0);
        }
    }

    @Test
    void streamsRunOverAUnixSocketAndTheSocketFileGoesWithTheServer(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("streams.sock");
        Server server = Streams.startUnixServer(loop, (reader, writer) -> serveLines(reader, writer), path)
                .get(10, TimeUnit.SECONDS);
        StreamConnection client = Streams.openUnixConnection(loop, path).get(10, TimeUnit.SECONDS);
        client.writer().write("unix\n".getBytes(US_ASCII));
        assertThat(new String(client.reader().sync().readLine(), US_ASCII)).isEqualTo("UNIX\n");
        client.writer().close();
        client.writer().sync().waitClosed();
        server.close();
        assertThat(path).doesNotExist();
    }

    @Test
    void openingAConnectionToAClosedPortFailsWithConnectException() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        assertThatThrownBy(() -> Streams.openConnection(loop, "127.0.0.1", port).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void aHandlerThatThrowsReachesTheExceptionHandlerAndItsConnectionCloses() throws Exception {
        IllegalStateException boom = new IllegalStateException("handler bug");
        Server server = Streams.startBlockingServer(loop, (reader, writer) -> {
            throw boom;
        }, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
        try (Socket peer = connect(server)) {
            InputStream in = peer.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
        }
        server.close();
        server.waitClosed().get(10, TimeUnit.SECONDS);
        assertThat(handled).containsExactly(boom);
    }
}
