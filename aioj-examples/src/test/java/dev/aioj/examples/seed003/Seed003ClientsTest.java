package dev.aioj.examples.seed003;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.examples.CapturedOutput;
import dev.aioj.examples.support.Running;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Seed 003's client programs (the UDP session, the Fibonacci loop) against both versions of its servers. */
class Seed003ClientsTest {

    @FunctionalInterface
    interface TwoPortStarter {
        Running start(int timePort, int echoPort, PrintStream out) throws Exception;
    }

    @FunctionalInterface
    interface Starter {
        Running start(int port, PrintStream out) throws Exception;
    }

    /** Python's time.ctime(), as in Seed003ServersTest. */
    private static final String CTIME = "[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9] [0-9]{4}";

    static Stream<Arguments> udpServers() {
        return Stream.of(
                Arguments.of("reactor-udp", (TwoPortStarter) ReactorUdpServers::start),
                Arguments.of("loop-udp", (TwoPortStarter) LoopUdpServers::start));
    }

    static Stream<Arguments> fibServers() {
        return Stream.of(
                Arguments.of("reactor-fib", (Starter) (port, out) -> ReactorFibServer.start(port, 16, out)),
                Arguments.of("loop-fib", (Starter) LoopFibServer::start));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("udpServers")
    void theUdpSessionGetsTheTimeAndItsHelloBackAndPrintsThemAsPythonDid(String name, TwoPortStarter starter)
            throws Exception {
        try (Running servers = starter.start(0, 0, new CapturedOutput().stream())) {
            int timePort = servers.ports().get("time");
            int echoPort = servers.ports().get("echo");
            CapturedOutput output = new CapturedOutput();
            List<String> answers = UdpClient.run(timePort, echoPort, output.stream());
            assertThat(answers.get(0)).matches(CTIME);
            assertThat(answers.get(1)).isEqualTo("Hello");
            List<String> lines = output.lines();
            assertThat(lines).hasSize(8);
            assertThat(lines.subList(0, 3)).containsExactly(
                    ">>> s.sendto(b'',('localhost'," + timePort + "))", "0", ">>> s.recvfrom(128)");
            assertThat(lines.get(3)).matches("\\(b'" + CTIME + "', \\('127\\.0\\.0\\.1', " + timePort + "\\)\\)");
            assertThat(lines.subList(4, 8)).containsExactly(
                    ">>> s.sendto(b'Hello',('localhost'," + echoPort + "))", "5", ">>> s.recvfrom(128)",
                    "(b'Hello', ('127.0.0.1', " + echoPort + "))");
        }
    }

    @Test
    void theUdpSessionSaysWhichServerDidNotAnswerInsteadOfWaitingForever() throws Exception {
        int silent;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            silent = socket.getLocalPort(); // bound, never answering, until the end of this block
            CapturedOutput output = new CapturedOutput();
            assertThatThrownBy(() -> UdpClient.run(silent, silent, Duration.ofMillis(200), output.stream()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("no datagram within");
            assertThat(output.lines()).containsExactly(
                    ">>> s.sendto(b'',('localhost'," + silent + "))", "0", ">>> s.recvfrom(128)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fibServers")
    void theFibClientPrintsTheSeedsNumbersOneRequestAtATime(String name, Starter starter) throws Exception {
        try (Running server = starter.start(0, new CapturedOutput().stream())) {
            CapturedOutput output = new CapturedOutput();
            List<String> answers = FibClient.run(server.port(), FibClient.DEFAULT_COUNT, output.stream());
            List<String> seed = List.of("1", "1", "2", "3", "5", "8", "13", "21", "34", "55", "89", "144");
            assertThat(answers).isEqualTo(seed);
            assertThat(output.lines()).isEqualTo(seed.stream().map(n -> "b'" + n + "'").toList());
        }
    }

    @Test
    void aNegativeCountIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> FibClient.run(16000, -1, new CapturedOutput().stream()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--count < 0: -1");
    }
}
