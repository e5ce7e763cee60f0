package dev.aioj;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.file.AsyncFile;
import dev.aioj.loop.EventLoop;
import dev.aioj.net.Connection;
import dev.aioj.net.DatagramEndpoint;
import dev.aioj.net.DatagramProtocol;
import dev.aioj.net.DatagramTransport;
import dev.aioj.net.Protocol;
import dev.aioj.net.Server;
import dev.aioj.net.Transport;
import dev.aioj.stream.LimitOverrunException;
import dev.aioj.stream.StreamConnection;
import dev.aioj.stream.StreamOptions;
import dev.aioj.stream.StreamReader;
import dev.aioj.stream.StreamWriter;
import dev.aioj.stream.Streams;
import dev.aioj.tls.Tls;
import dev.aioj.tls.TlsTransport;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippets of docs/streams.md, run as written (names aside), so the guide cannot drift from the code. */
class GuideSnippetsTest {

    private final EventLoop loop = EventLoop.create();

    @TempDir
    Path dir;

    @AfterEach
    void shutDown() {
        loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The guide's loop-style handler lives in a class the snippets call Guide. */
    static final class Guide {
        static void serveLines(StreamReader reader, StreamWriter writer) {
            reader.readLine().thenAccept(line -> {
                if (line.length == 0) {
                    writer.close();
                    return;
                }
                writer.write(new String(line, UTF_8).toUpperCase().getBytes(UTF_8));
                writer.drain().thenRun(() -> serveLines(reader, writer));
            });
        }
    }

    @Test
    void streamsBlockingAndLoopStyleHandlers() throws Exception {
        Server upper = Streams.startBlockingServer(loop, (reader, writer) -> {
            byte[] line;
            while ((line = reader.sync().readLine()).length > 0) {
                writer.write(new String(line, UTF_8).toUpperCase().getBytes(UTF_8));
                writer.sync().drain();
            }
        }, "127.0.0.1", 0).join();
        StreamConnection c = Streams.openConnection(loop, "127.0.0.1", upper.port()).join();
        c.writer().write("hello\n".getBytes(UTF_8));
        String answer = new String(c.reader().sync().readLine(), UTF_8);
        c.writer().close();
        c.writer().sync().waitClosed();
        assertThat(answer).isEqualTo("HELLO\n");

        Server loopStyle = Streams.startServer(loop, Guide::serveLines, "127.0.0.1", 0).join();
        StreamConnection d = Streams.openConnection(loop, "127.0.0.1", loopStyle.port()).join();
        d.writer().write("loop\n".getBytes(UTF_8));
        assertThat(new String(d.reader().sync().readLine(), UTF_8)).isEqualTo("LOOP\n");
        d.writer().close();
    }

    @Test
    void theLimitSnippetSkipsAnOverLongLine() throws Exception {
        StreamOptions small = StreamOptions.DEFAULTS.withLimit(16);
        Server strict = Streams.startBlockingServer(loop, (reader, writer) -> {
            try {
                reader.sync().readLine();
            } catch (LimitOverrunException e) {
                reader.sync().readExactly(e.consumed());
                writer.write("line too long\n".getBytes(UTF_8));
            }
        }, new InetSocketAddress("127.0.0.1", 0), small).join();
        StreamConnection c = Streams.openConnection(loop, "127.0.0.1", strict.port()).join();
        c.writer().write(("x".repeat(40) + "\n").getBytes(UTF_8));
        assertThat(new String(c.reader().sync().readLine(), UTF_8)).isEqualTo("line too long\n");
    }

    @Test
    void theDrainLoopSnippet() throws Exception {
        List<byte[]> chunks = List.of(new byte[100_000], new byte[100_000], new byte[100_000]);
        Server sink = Streams.startBlockingServer(loop, (reader, writer) -> reader.sync().read(-1), "127.0.0.1", 0)
                .join();
        StreamConnection c = Streams.openConnection(loop, "127.0.0.1", sink.port()).join();
        StreamWriter writer = c.writer();
        for (byte[] chunk : chunks) {
            writer.write(chunk);
            writer.sync().drain();
        }
        writer.close();
        writer.sync().waitClosed();
    }

    static final class UpperCase implements DatagramProtocol {
        private DatagramTransport transport;

        @Override public void connectionMade(DatagramTransport transport) { this.transport = transport; }

        @Override public void datagramReceived(ByteBuffer data, SocketAddress from) {
            transport.sendTo(UTF_8.decode(data).toString().toUpperCase().getBytes(UTF_8), from);
        }

        @Override public void errorReceived(IOException error) { /* the endpoint stays open */ }
    }

    @Test
    void theUdpSnippet() throws Exception {
        DatagramEndpoint<UpperCase> server = loop.createDatagramEndpoint(UpperCase::new,
                new InetSocketAddress("127.0.0.1", 0)).join();
        SocketAddress bound = server.transport().localAddress();
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            client.setSoTimeout(10_000);
            client.send(new DatagramPacket("udp".getBytes(UTF_8), 3, bound));
            DatagramPacket reply = new DatagramPacket(new byte[16], 16);
            client.receive(reply);
            assertThat(new String(reply.getData(), 0, reply.getLength(), UTF_8)).isEqualTo("UDP");
        }
    }

    @Test
    void theUnixSnippet() throws Exception {
        Path path = dir.resolve("app.sock");
        Server unix = Streams.startUnixServer(loop, Guide::serveLines, path).join();
        StreamConnection u = Streams.openUnixConnection(loop, path).join();
        u.writer().write("unix\n".getBytes(UTF_8));
        assertThat(new String(u.reader().sync().readLine(), UTF_8)).isEqualTo("UNIX\n");
        unix.close();
        assertThat(path).doesNotExist();
    }

    static final class EchoProtocol implements Protocol {
        private Transport transport;

        @Override public void connectionMade(Transport transport) { this.transport = transport; }

        @Override public void dataReceived(ByteBuffer data) { transport.write(data); }
    }

    static final class MyProtocol implements Protocol {}

    @Test
    void theTlsSnippetsWithTheGuidesKeytoolRecipe() throws Exception {
        Path p12 = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-XX:TieredStopAtLevel=1", "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "30", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-keystore", p12.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit").redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) { keys.load(in, "changeit".toCharArray()); }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", keys.getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);

        Tls server = Tls.server(serverContext);
        Server secure = server.listen(loop, EchoProtocol::new, "127.0.0.1", 0).join();
        Tls client = Tls.client(clientContext);
        Connection<MyProtocol> c = client.connect(loop, MyProtocol::new, "127.0.0.1", secure.port()).join();
        String version = ((TlsTransport) c.transport()).session().getProtocol();
        assertThat(version).isEqualTo("TLSv1.3");
        c.transport().close();

        Server secureStreams = Streams.startServer(loop, Guide::serveLines, new InetSocketAddress("127.0.0.1", 0),
                StreamOptions.DEFAULTS.withTls(server)).join();
        int port = secureStreams.port();
        StreamConnection s = Streams.openConnection(loop, "127.0.0.1", port, StreamOptions.DEFAULTS.withTls(client)).join();
        s.writer().write("tls\n".getBytes(UTF_8));
        assertThat(new String(s.reader().sync().readLine(), UTF_8)).isEqualTo("TLS\n");
        s.writer().close();
    }

    @Test
    void theAsyncFileSnippets() throws Exception {
        Path path = dir.resolve("in.bin");
        byte[] bytes = new byte[300_000];
        new java.util.Random(5).nextBytes(bytes);
        Files.write(path, bytes);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");

        AsyncFile file = AsyncFile.open(loop, path).join();
        byte[] head = file.read(100).join();
        long rest = file.readChunks(chunk -> digest.update(chunk)).join();
        file.close().join();
        assertThat(head).isEqualTo(java.util.Arrays.copyOf(bytes, 100));
        assertThat(rest).isEqualTo(bytes.length - 100);
        assertThat(digest.digest()).isEqualTo(MessageDigest.getInstance("SHA-256")
                .digest(java.util.Arrays.copyOfRange(bytes, 100, bytes.length)));

        Path target = dir.resolve("out.bin");
        AsyncFile out = AsyncFile.open(loop, target, AsyncFile.DEFAULT_CHUNK_SIZE,
                StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING).join();
        out.write(bytes);
        out.close().join();
        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
    }
}
