package dev.aioj.examples.seed002;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.examples.CapturedOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed 002's multi-socket client, against a plain JDK server and against the example's select server. */
class MultiSocketClientTest {

    private static final List<String> UPPER = List.of(
            "THIS IS THE MESSAGE. ", "THIS IS THE MESSAGE. ",
            "IT WILL BE SENT ", "IT WILL BE SENT ",
            "IN PARTS.", "IN PARTS.");

    @Test
    void talksOverTwoSocketsToAPlainJdkUpperCasingServer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Socket connection = server.accept();
                        Thread.ofVirtual().start(() -> upperCase(connection));
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            CapturedOutput output = new CapturedOutput();
            List<String> replies = MultiSocketClient.run(server.getLocalPort(), 2, output.stream());
            assertThat(replies).containsExactlyElementsOf(UPPER);
            assertThat(output.lines()).first().isEqualTo("select-client: connecting to localhost port "
                    + server.getLocalPort());
            assertThat(output.lines()).filteredOn(line -> line.contains(": sending b'")).hasSize(6);
            assertThat(output.text()).contains(": received b'IN PARTS.'");
        }
    }

    private static void upperCase(Socket connection) {
        try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
            byte[] buffer = new byte[1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(new String(buffer, 0, n, java.nio.charset.StandardCharsets.US_ASCII).toUpperCase()
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            // the client left
        }
    }

    @Test
    void talksToTheSelectServerExample() throws Exception {
        CapturedOutput serverOutput = new CapturedOutput();
        try (SelectUpperServer server = SelectUpperServer.start(0, serverOutput.stream())) {
            List<String> replies = MultiSocketClient.run(server.port(), 2, new CapturedOutput().stream());
            assertThat(replies).containsExactlyElementsOf(UPPER);
        }
    }
}
