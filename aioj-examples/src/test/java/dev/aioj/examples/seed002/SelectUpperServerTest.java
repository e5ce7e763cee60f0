package dev.aioj.examples.seed002;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.examples.CapturedOutput;
import dev.aioj.examples.Peers;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** Seed 002's select server against plain JDK sockets. */
class SelectUpperServerTest {

    @Test
    @SuppressWarnings("try") // one client leaves mid-test on purpose
    void answersEachConnectionUpperCasedFromItsOwnQueue() throws Exception {
        CapturedOutput output = new CapturedOutput();
        try (SelectUpperServer server = SelectUpperServer.start(0, output.stream());
                Socket a = Peers.connect(server.port());
                Socket b = Peers.connect(server.port())) {
            a.getOutputStream().write("hello from a".getBytes(US_ASCII));
            b.getOutputStream().write("and from b".getBytes(US_ASCII));
            assertThat(new String(b.getInputStream().readNBytes(10), US_ASCII)).isEqualTo("AND FROM B");
            assertThat(new String(a.getInputStream().readNBytes(12), US_ASCII)).isEqualTo("HELLO FROM A");
            output.awaitContains("queue is empty..");
            assertThat(output.text())
                    .contains("starting up on /127.0.0.1:" + server.port())
                    .contains("waiting for next event...")
                    .contains("new connection from /127.0.0.1:" + a.getLocalPort())
                    .contains("received data from [127.0.0.1:" + a.getLocalPort() + "]: b'hello from a'")
                    .contains("sending msg to [127.0.0.1:" + b.getLocalPort() + "] b'and from b'");
            a.close();
            output.awaitContains("client disconnected: 127.0.0.1:" + a.getLocalPort());
        }
    }

    @Test
    void aBigMessageComesBackWholeThoughTheSocketTakesItInParts() throws Exception {
        CapturedOutput output = new CapturedOutput();
        byte[] payload = "abcdefghij".repeat(200_000).getBytes(US_ASCII); // 2 MB: recv(1024) at a time, queued
        try (SelectUpperServer server = SelectUpperServer.start(0, output.stream())) {
            byte[] echoed = Peers.echo(server.port(), payload);
            assertThat(new String(echoed, US_ASCII)).isEqualTo("ABCDEFGHIJ".repeat(200_000));
        }
    }
}
