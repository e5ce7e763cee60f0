package dev.aioj.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.examples.seed000.EchoClient;
import dev.aioj.examples.seed001.ProtocolEchoServer;
import dev.aioj.examples.seed003.FibClient;
import dev.aioj.examples.seed003.LoopFibServer;
import dev.aioj.examples.seed003.LoopUdpServers;
import dev.aioj.examples.seed003.ReactorFibServer;
import dev.aioj.examples.seed003.UdpClient;
import dev.aioj.examples.support.Running;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Both sides of every seed client/server pair across languages: the Java
 * clients against the seeds' own Python servers, and the seeds' own Python
 * clients against the Java servers (python/README.md says what was changed in
 * the seeds' code to run it from a test: the ports, and asyncio's removed
 * {@code loop=}).
 */
class PythonSeedsTest {

    private static final List<String> SEED_FIBS = List.of("1", "1", "2", "3", "5", "8", "13", "21", "34", "55", "89", "144");

    @Test
    void theJavaEchoClientTalksToAsynciosTcpEchoServer() throws Exception {
        try (PythonSeeds.Server server = PythonSeeds.start("seed000_tcp_echo_server.py", "0")) {
            CapturedOutput output = new CapturedOutput();
            assertThat(EchoClient.run(server.ports().get(0), "Hello World!", output.stream())).isEqualTo("Hello World!");
            assertThat(output.lines()).containsExactly("Send: 'Hello World!'", "Received: 'Hello World!'", "Close the socket");
        }
    }

    @Test
    void theSeedsPythonEchoClientPrintsTheSameLinesAgainstTheJavaEchoServer() throws Exception {
        try (Running server = ProtocolEchoServer.start(0, new CapturedOutput().stream())) {
            List<String> python = PythonSeeds.run("seed000_tcp_echo_client.py", Integer.toString(server.port()));
            CapturedOutput java = new CapturedOutput();
            EchoClient.run(server.port(), "Hello World!", java.stream());
            assertThat(python).isEqualTo(java.lines()).hasSize(3);
        }
    }

    @Test
    void theJavaUdpSessionTalksToTheSeedsPythonReactor() throws Exception {
        try (PythonSeeds.Server servers = PythonSeeds.start("seed003_udp_servers.py", "0", "0")) {
            int timePort = servers.ports().get(0);
            int echoPort = servers.ports().get(1);
            List<String> answers = UdpClient.run(timePort, echoPort, new CapturedOutput().stream());
            assertThat(answers.get(0)).matches("[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3][0-9] [0-9:]{8} [0-9]{4}");
            assertThat(answers.get(1)).isEqualTo("Hello");
        }
    }

    @Test
    void theSeedsPythonSessionGetsTheSameAnswersFromTheJavaLoopServers() throws Exception {
        try (Running servers = LoopUdpServers.start(0, 0, new CapturedOutput().stream())) {
            int timePort = servers.ports().get("time");
            int echoPort = servers.ports().get("echo");
            List<String> lines = PythonSeeds.run("seed003_udp_session.py", Integer.toString(timePort),
                    Integer.toString(echoPort));
            assertThat(lines).hasSize(4);
            assertThat(lines.get(0)).isEqualTo("0");
            assertThat(lines.get(1)).matches("\\(b'[A-Z][a-z]{2} .* [0-9]{4}', \\('127\\.0\\.0\\.1', " + timePort + "\\)\\)");
            assertThat(lines.subList(2, 4)).containsExactly("5", "(b'Hello', ('127.0.0.1', " + echoPort + "))");
        }
    }

    @Test
    void theJavaFibClientTalksToTheSeedsPythonThreadPoolServer() throws Exception {
        try (PythonSeeds.Server server = PythonSeeds.start("seed003_fib_server.py", "0")) {
            assertThat(FibClient.run(server.ports().get(0), 12, new CapturedOutput().stream())).isEqualTo(SEED_FIBS);
        }
    }

    @Test
    void theSeedsPythonFibClientPrintsTheSeedsNumbersFromBothJavaServers() throws Exception {
        List<String> expected = SEED_FIBS.stream().map(n -> "b'" + n + "'").toList();
        try (Running server = ReactorFibServer.start(0, 16, new CapturedOutput().stream())) {
            assertThat(PythonSeeds.run("seed003_fib_client.py", Integer.toString(server.port()), "12")).isEqualTo(expected);
        }
        try (Running server = LoopFibServer.start(0, new CapturedOutput().stream())) {
            assertThat(PythonSeeds.run("seed003_fib_client.py", Integer.toString(server.port()), "12")).isEqualTo(expected);
        }
    }
}
