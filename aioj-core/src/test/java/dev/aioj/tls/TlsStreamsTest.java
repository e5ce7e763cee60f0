package dev.aioj.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.loop.EventLoop;
import dev.aioj.net.Server;
import dev.aioj.stream.StreamConnection;
import dev.aioj.stream.StreamOptions;
import dev.aioj.stream.Streams;
import dev.aioj.stream.SyncStreamReader;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streams over TLS: the same reader and writer, with a handshake underneath and no half-close. */
class TlsStreamsTest {

    private final EventLoop loop = EventLoop.create();

    @AfterEach
    void shutDown() {
        loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void aStreamsClientAndBlockingServerExchangeLinesOverTls() throws Exception {
        StreamOptions serverOptions = StreamOptions.DEFAULTS.withTls(Tls.server(TestCertificates.serverContext("server")));
        Server server = Streams.startBlockingServer(loop, (reader, writer) -> {
            byte[] line;
            while ((line = reader.sync().readLine()).length > 0) {
                writer.sync().write(new String(line, US_ASCII).toUpperCase());
                writer.sync().drain();
            }
        }, "127.0.0.1", 0, serverOptions).get(10, TimeUnit.SECONDS);
        StreamOptions clientOptions =
                StreamOptions.DEFAULTS.withTls(Tls.client(TestCertificates.clientContextTrusting("server")));
        StreamConnection client = Streams.openConnection(loop, "127.0.0.1", server.port(), clientOptions)
                .get(10, TimeUnit.SECONDS);
        assertThat(client.writer().transport()).isInstanceOf(TlsTransport.class);
        assertThat(client.writer().canWriteEof()).isFalse();
        client.writer().write("secret one\nsecret two\n".getBytes(US_ASCII));
        SyncStreamReader reader = client.reader().sync();
        assertThat(new String(reader.readLine(), US_ASCII)).isEqualTo("SECRET ONE\n");
        assertThat(new String(reader.readLine(), US_ASCII)).isEqualTo("SECRET TWO\n");
        client.writer().close(); // close_notify: the server's readLine sees EOF, its handler returns
        client.writer().sync().waitClosed();
        server.close();
        server.waitClosed().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anUntrustedServerFailsOpenConnection() throws Exception {
        StreamOptions serverOptions =
                StreamOptions.DEFAULTS.withTls(Tls.server(TestCertificates.serverContext("server")));
        Server server = Streams.startServer(loop, (reader, writer) -> writer.close(), "127.0.0.1", 0, serverOptions)
                .get(10, TimeUnit.SECONDS);
        StreamOptions clientOptions = StreamOptions.DEFAULTS.withTls(Tls.client(SSLContext.getDefault()));
        assertThatThrownBy(() -> Streams.openConnection(loop, "127.0.0.1", server.port(), clientOptions)
                        .get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(SSLHandshakeException.class);
        server.close();
        server.waitClosed().get(3, TimeUnit.SECONDS); // the server closed its side of the failed handshake
    }
}
