package dev.aioj.examples.seed003;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.examples.CapturedOutput;
import dev.aioj.examples.Peers;
import dev.aioj.examples.support.Running;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seed 003's servers, the hand-written reactor and aioj's loop side by side:
 * the same JDK clients, the same answers.
 */
class Seed003ServersTest {

    @FunctionalInterface
    interface TwoPortStarter {
        Running start(int timePort, int echoPort, PrintStream out) throws Exception;
    }

    @FunctionalInterface
    interface Starter {
        Running start(int port, PrintStream out) throws Exception;
    }

    /** Python's time.ctime(): "Tue Sep 18 14:29:23 2012", the day padded to two. */
    private static final String CTIME = "[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9] [0-9]{4}";

    static Stream<Arguments> udpServers() {
        return Stream.of(
                Arguments.of("reactor-udp", (TwoPortStarter) ReactorUdpServers::start),
                Arguments.of("loop-udp", (TwoPortStarter) LoopUdpServers::start));
    }

    static Stream<Arguments> tcpEchoServers() {
        return Stream.of(
                Arguments.of("reactor-tcp-echo", (Starter) ReactorTcpEcho::start),
                Arguments.of("loop-tcp-echo", (Starter) LoopTcpEcho::start));
    }

    static Stream<Arguments> fibServers() {
        return Stream.of(
                Arguments.of("reactor-fib", (Starter) (port, out) -> ReactorFibServer.start(port, 16, out)),
                Arguments.of("loop-fib", (Starter) LoopFibServer::start));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("udpServers")
    void theTimeServerAnswersAnyDatagramWithTheTimeAndTheEchoServerEchoes(String name, TwoPortStarter starter)
            throws Exception {
        CapturedOutput output = new CapturedOutput();
        try (Running servers = starter.start(0, 0, output.stream())) {
            int timePort = servers.ports().get("time");
            int echoPort = servers.ports().get("echo");
            assertThat(timePort).isNotEqualTo(echoPort);
            assertThat(Peers.udp(timePort, "")).matches(CTIME); // the seed sends b''
            assertThat(Peers.udp(echoPort, "Hello")).isEqualTo("Hello");
            assertThat(output.text()).contains("udp port " + timePort).contains("udp port " + echoPort);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tcpEchoServers")
    void theTcpEchoServerEchoesSeveralClientsAndForgetsThemWhenTheyLeave(String name, Starter starter)
            throws Exception {
        try (Running server = starter.start(0, new CapturedOutput().stream())) {
            for (int i = 0; i < 3; i++) {
                byte[] payload = Peers.randomBytes(256 * 1024, i);
                assertThat(Peers.echo(server.port(), payload)).isEqualTo(payload);
            }
        }
    }

    static Stream<Arguments> fibServersWithLimits() {
        return Stream.of(
                Arguments.of("reactor-fib", (LimitedStarter) (port, limits, out) -> ReactorFibServer.start(port, 16,
                        limits, out)),
                Arguments.of("loop-fib", (LimitedStarter) LoopFibServer::start));
    }

    @FunctionalInterface
    interface LimitedStarter {
        Running start(int port, FibLimits limits, PrintStream out) throws Exception;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fibServers")
    void theFibServerAnswersEveryNumberTheSeedParsesWithTheSeedsNumbers(String name, Starter starter)
            throws Exception {
        try (Running server = starter.start(0, new CapturedOutput().stream())) {
            long[] expected = {1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89}; // the seed's fib: fib(0) = fib(1) = 1
            for (int n = 0; n < expected.length; n++) {
                assertThat(Peers.udp(server.port(), Integer.toString(n))).isEqualTo(Long.toString(expected[n]));
            }
            // Beyond 64 bits, exact; beyond the seed's patience, too.
            assertThat(Peers.udp(server.port(), "99")).isEqualTo("354224848179261915075");
            assertThat(Peers.udp(server.port(), "-7")).isEqualTo("1"); // the seed's fib: n < 2 gives 1
            assertThat(Peers.udp(server.port(), " +1_0\n")).isEqualTo("89"); // int(b' +1_0\n') == 10
            // What the seed's int(msg) cannot parse, with Python's own words.
            assertThat(Peers.udp(server.port(), "ten"))
                    .isEqualTo("error: invalid literal for int() with base 10: b'ten'");
            assertThat(Peers.udp(server.port(), ""))
                    .isEqualTo("error: invalid literal for int() with base 10: b''");
            // An answer that no datagram can carry is refused before any work.
            assertThat(Peers.udp(server.port(), "1000000"))
                    .isEqualTo("error: fib(1000000) has more than 65507 digits, more than one datagram carries");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fibServers")
    void theFibServerAnswers42AndAFastRequestOvertakesIt(String name, Starter starter) throws Exception {
        try (Running server = starter.start(0, new CapturedOutput().stream());
                DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.setSoTimeout(60_000);
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
            send(client, "42", target); // about a second of the seed's exponential fib
            send(client, "1", target);
            // Served off the loop: the quick answer is not stuck behind the slow one.
            assertThat(receive(client)).isEqualTo("1");
            assertThat(receive(client)).isEqualTo("433494437");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fibServersWithLimits")
    void pastMaxPendingARequestIsAnsweredBusyAtOnce(String name, LimitedStarter starter) throws Exception {
        try (Running server = starter.start(0, new FibLimits(1, 60), new CapturedOutput().stream());
                DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.setSoTimeout(60_000);
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
            send(client, "40", target); // the one request allowed in progress
            send(client, "1", target);
            assertThat(receive(client)).isEqualTo("error: busy: 1 requests in progress");
            assertThat(receive(client)).isEqualTo("165580141");
            assertThat(Peers.udp(server.port(), "1")).isEqualTo("1"); // free again
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fibServersWithLimits")
    void aRequestStillComputingAtMaxSecondsIsAnsweredWithAnError(String name, LimitedStarter starter)
            throws Exception {
        try (Running server = starter.start(0, new FibLimits(16, 1), new CapturedOutput().stream())) {
            // fib(45) takes several seconds of the seed's recursion; the limit is one.
            assertThat(Peers.udp(server.port(), "45")).isEqualTo("error: fib(45) gave up after 1 s");
        }
    }

    private static void send(DatagramSocket client, String text, InetSocketAddress target) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        client.send(new DatagramPacket(bytes, bytes.length, target));
    }

    private static String receive(DatagramSocket client) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[8192], 8192);
        client.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
    }
}
