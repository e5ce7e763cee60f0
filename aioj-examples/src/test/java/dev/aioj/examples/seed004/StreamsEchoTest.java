package dev.aioj.examples.seed004;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.examples.CapturedOutput;
import dev.aioj.examples.Peers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed 004's streams echo server and client, each against a plain JDK peer, then against each other. */
class StreamsEchoTest {

    private static final String MESSAGE = "This is the message. It will be sent in parts.";

    @Test
    void theServerEchoesAJdkClientThatSendsInPartsAndLogsLikeTheSeed() throws Exception {
        CapturedOutput output = new CapturedOutput();
        try (StreamsEchoServer server = StreamsEchoServer.start(0, output.stream());
                Socket client = Peers.connect(server.port())) {
            OutputStream out = client.getOutputStream();
            for (String part : StreamsEchoClient.MESSAGES) {
                out.write(part.getBytes(US_ASCII));
            }
            client.shutdownOutput(); // write_eof
            assertThat(new String(client.getInputStream().readAllBytes(), US_ASCII)).isEqualTo(MESSAGE);
            String name = "echo_127.0.0.1_" + client.getLocalPort();
            output.awaitContains(name + ": closing");
            List<String> lines = output.lines();
            assertThat(lines.get(0)).isEqualTo("main: starting up on 127.0.0.1 port " + server.port());
            assertThat(lines).contains(name + ": connection accepted");
            assertThat(lines).filteredOn(line -> line.startsWith(name + ": received b'")).isNotEmpty();
            assertThat(lines).filteredOn(line -> line.startsWith(name + ": sent b'")).isNotEmpty();
            assertThat(lines).filteredOn(line -> line.equals(name + ": closing")).hasSize(1);
        }
    }

    @Test
    void theClientSendsInPartsHalfClosesAndReadsTheEchoFromAJdkServer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket connection = server.accept(); InputStream in = connection.getInputStream()) {
                    byte[] all = in.readAllBytes(); // until the client's write_eof
                    connection.getOutputStream().write(all);
                } catch (IOException e) {
                    // the test fails on the client side
                }
            });
            CapturedOutput output = new CapturedOutput();
            List<String> received = StreamsEchoClient.run(server.getLocalPort(), output.stream());
            assertThat(String.join("", received)).isEqualTo(MESSAGE);
            assertThat(output.lines()).containsSubsequence(
                    "echo_client: connecting to 127.0.0.1 port " + server.getLocalPort(),
                    "echo_client: sending b'This is the message. '",
                    "echo_client: sending b'It will be sent '",
                    "echo_client: sending b'in parts.'",
                    "echo_client: waiting for response",
                    "echo_client: closing",
                    "main: closing event loop");
            assertThat(output.text()).contains("echo_client: received b'This is the message. ");
        }
    }

    @Test
    void theClientAndServerExamplesTalkToEachOther() throws Exception {
        CapturedOutput serverOutput = new CapturedOutput();
        try (StreamsEchoServer server = StreamsEchoServer.start(0, serverOutput.stream())) {
            for (int run = 0; run < 3; run++) { // the seed runs its client three times
                List<String> received = StreamsEchoClient.run(server.port(), new CapturedOutput().stream());
                assertThat(String.join("", received)).isEqualTo(MESSAGE);
            }
            serverOutput.awaitContains("closing");
        }
        assertThat(serverOutput.lines()).filteredOn(line -> line.endsWith(": connection accepted")).hasSize(3);
        assertThat(serverOutput.lines()).filteredOn(line -> line.endsWith(": closing")).hasSize(3);
    }
}
