package dev.aioj.examples.seed001;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.examples.CapturedOutput;
import dev.aioj.examples.Peers;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** The proxy between a JDK client and a JDK upstream server, both plain sockets on 127.0.0.1. */
class TcpProxyTest {

    @Test
    void relaysBothWaysAndAHalfCloseThenClosesTheUpstreamWhenTheClientGoes() throws Exception {
        CapturedOutput output = new CapturedOutput();
        try (ServerSocket upstream = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                TcpProxy proxy = TcpProxy.start(0, "127.0.0.1:" + upstream.getLocalPort(), output.stream());
                Socket client = Peers.connect(proxy.port());
                Socket far = upstream.accept()) {
            far.setSoTimeout(10_000);
            client.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(US_ASCII));
            client.shutdownOutput(); // the request is complete
            assertThat(new String(far.getInputStream().readAllBytes(), US_ASCII)).isEqualTo("GET / HTTP/1.0\r\n\r\n");
            far.getOutputStream().write("HTTP/1.0 200 OK\r\n\r\nhello".getBytes(US_ASCII)); // answered after EOF
            far.close();
            assertThat(new String(client.getInputStream().readAllBytes(), US_ASCII))
                    .isEqualTo("HTTP/1.0 200 OK\r\n\r\nhello");
            output.awaitContains("client /127.0.0.1:" + client.getLocalPort() + " gone");
            assertThat(output.text()).contains("relaying /127.0.0.1:" + client.getLocalPort() + " <-> ");
        }
    }

    @Test
    @SuppressWarnings("try") // the client is closed mid-test on purpose, and again (harmlessly) at the end
    void aClientThatLeavesMakesTheProxyCloseTheUpstreamConnection() throws Exception {
        CapturedOutput output = new CapturedOutput();
        try (ServerSocket upstream = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                TcpProxy proxy = TcpProxy.start(0, "127.0.0.1:" + upstream.getLocalPort(), output.stream())) {
            Socket client = Peers.connect(proxy.port()); // closed by the test, mid-way
            try (client; Socket far = upstream.accept()) {
                far.setSoTimeout(10_000);
                client.getOutputStream().write("ping".getBytes(US_ASCII));
                InputStream fromProxy = far.getInputStream();
                assertThat(new String(fromProxy.readNBytes(4), US_ASCII)).isEqualTo("ping");
                far.getOutputStream().write("pong".getBytes(US_ASCII));
                assertThat(new String(client.getInputStream().readNBytes(4), US_ASCII)).isEqualTo("pong");
                client.close();
                assertThat(fromProxy.read()).isEqualTo(-1); // the proxy closed its upstream side
            }
        }
    }

    @Test
    void aRefusedUpstreamClosesTheClient() throws Exception {
        CapturedOutput output = new CapturedOutput();
        int nobody = Peers.closedPort();
        try (TcpProxy proxy = TcpProxy.start(0, "127.0.0.1:" + nobody, output.stream());
                Socket client = Peers.connect(proxy.port())) {
            assertThat(client.getInputStream().read()).isEqualTo(-1);
            output.awaitContains("upstream 127.0.0.1:" + nobody + " failed");
        }
    }
}
