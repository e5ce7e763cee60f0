package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The embedding example of docs/server.md, kept compiling and working. */
class EmbeddingExampleTest {

    @Test
    void theDocumentedExampleRuns() throws Exception {
        // --- docs/server.md: begin
        ServerConfig config = ServerConfig.builder()
                .port(0)                      // any free port; 6379 by default
                .requirePass("s3cret")        // optional
                .config("maxclients 100", "notify-keyspace-events Ex")  // any redis.conf lines
                .build();
        try (RedisServer server = RedisServer.start(config)) {
            System.out.println("listening on " + server.address()); // e.g. /127.0.0.1:41235

            // Any Redis client works; here, the protocol by hand.
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                OutputStream out = socket.getOutputStream();
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                out.write("AUTH s3cret\r\nSET greeting hello\r\nGET greeting\r\n".getBytes(StandardCharsets.UTF_8));
                String auth = in.readLine();      // +OK
                String set = in.readLine();       // +OK
                String length = in.readLine();    // $5
                String value = in.readLine();     // hello
                // --- docs/server.md: end
                assertThat(auth).isEqualTo("+OK");
                assertThat(set).isEqualTo("+OK");
                assertThat(length).isEqualTo("$5");
                assertThat(value).isEqualTo("hello");
                assertThat(server.config().get("maxclients")).isEqualTo("100");
                assertThat(server.config().get("notify-keyspace-events")).isEqualTo("xE");
            }
        }
    }
}
