package dev.aioj.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.net.Connection;
import dev.aioj.net.Server;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unix domain sockets through createServer/createConnection: same transports, plus the socket file's life. */
class UnixSocketTest {

    private final EventLoop loop = EventLoop.create();

    @TempDir
    Path dir;

    @AfterEach
    void shutDown() {
        loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private Server echoServer(Path path) throws Exception {
        return loop.createServer(TcpEchoTest.EchoProtocol::new, UnixDomainSocketAddress.of(path))
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void aLoopClientAndServerEchoOverAUnixSocket() throws Exception {
        Path path = dir.resolve("echo.sock");
        Server server = echoServer(path);
        assertThat(server.localAddress()).isEqualTo(UnixDomainSocketAddress.of(path));
        assertThat(server.port()).isEqualTo(-1);
        RecordingProtocol client = new RecordingProtocol() {
            @Override
            void onMade(dev.aioj.net.Transport transport) {
                transport.write("over unix".getBytes(StandardCharsets.US_ASCII));
            }
        };
        Connection<RecordingProtocol> connection =
                loop.createConnection(() -> client, UnixDomainSocketAddress.of(path)).get(10, TimeUnit.SECONDS);
        assertThat(new String(client.awaitReceived(9), StandardCharsets.US_ASCII)).isEqualTo("over unix");
        assertThat(connection.transport().remoteAddress()).isEqualTo(UnixDomainSocketAddress.of(path));
        connection.transport().close();
        assertThat(client.awaitLost()).isNull();
        server.close();
    }

    @Test
    void aPlainJdkUnixClientIsEchoed() throws Exception {
        Path path = dir.resolve("jdk.sock");
        Server server = echoServer(path);
        try (SocketChannel peer = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            peer.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer reply = ByteBuffer.allocate(4);
            while (reply.hasRemaining() && peer.read(reply) >= 0) {
                // a stream socket may deliver the echo in pieces
            }
            assertThat(new String(reply.array(), StandardCharsets.US_ASCII)).isEqualTo("ping");
        }
        server.close();
    }

    @Test
    void closingTheServerRemovesItsSocketFile() throws Exception {
        Path path = dir.resolve("gone.sock");
        Server server = echoServer(path);
        assertThat(path).exists();
        server.close();
        assertThat(path).doesNotExist();
        server.waitClosed().get(10, TimeUnit.SECONDS);
    }

    @Test
    void loopShutdownRemovesTheSocketFile() throws Exception {
        Path path = dir.resolve("shutdown.sock");
        echoServer(path);
        loop.shutdownGracefully().get(10, TimeUnit.SECONDS);
        assertThat(path).doesNotExist();
    }

    @Test
    void aStaleSocketFileLeftByADeadServerIsReplaced() throws Exception {
        Path path = dir.resolve("stale.sock");
        // A server that closes without removing its file, as a killed process leaves it.
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(path));
        }
        assertThat(path).exists();
        Server server = echoServer(path);
        try (SocketChannel peer = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            assertThat(peer.isConnected()).isTrue();
        }
        server.close();
    }

    @Test
    void aPathALiveServerAnswersOnIsRefusedNotStolen() throws Exception {
        Path path = dir.resolve("live.sock");
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(path));
            assertThatThrownBy(() -> echoServer(path))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(BindException.class)
                    .hasMessageContaining(path.toString()).hasMessageContaining("listening");
            assertThat(path).exists();
        }
    }

    @Test
    void aPathThatIsARegularFileIsNeverDeleted() throws Exception {
        Path path = dir.resolve("data.txt");
        Files.writeString(path, "precious");
        assertThatThrownBy(() -> echoServer(path))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(BindException.class)
                .hasMessageContaining("not a socket");
        assertThat(Files.readString(path)).isEqualTo("precious");
    }

    @Test
    void connectingToAMissingPathFailsTheFuture() {
        Path path = dir.resolve("nobody.sock");
        assertThatThrownBy(() -> loop.createConnection(RecordingProtocol::new, UnixDomainSocketAddress.of(path))
                        .get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(java.net.ConnectException.class)
                .hasMessageContaining(path.toString());
    }
}
