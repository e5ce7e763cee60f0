package dev.aioj.examples.seed000;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.examples.CapturedOutput;
import dev.aioj.examples.Peers;
import dev.aioj.examples.seed001.ProtocolEchoServer;
import dev.aioj.examples.seed003.LoopTcpEcho;
import dev.aioj.examples.seed004.StreamsEchoServer;
import dev.aioj.examples.support.Running;
import java.io.PrintStream;
import java.net.ConnectException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Seed 000's tcp_echo_client against the aioj example echo servers, printing what the seed prints. */
class EchoClientTest {

    @FunctionalInterface
    interface Starter {
        Running start(int port, PrintStream out) throws Exception;
    }

    static Stream<Arguments> echoServers() {
        return Stream.of(
                Arguments.of("protocol-echo", (Starter) ProtocolEchoServer::start),
                Arguments.of("streams-server", (Starter) StreamsEchoServer::start),
                Arguments.of("loop-tcp-echo", (Starter) LoopTcpEcho::start));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("echoServers")
    void sendsHelloWorldAndPrintsTheEchoLikeTheSeed(String name, Starter starter) throws Exception {
        try (Running server = starter.start(0, new CapturedOutput().stream())) {
            CapturedOutput output = new CapturedOutput();
            String received = EchoClient.run(server.port(), EchoClient.DEFAULT_MESSAGE, output.stream());
            assertThat(received).isEqualTo("Hello World!");
            assertThat(output.lines()).containsExactly(
                    "Send: 'Hello World!'", "Received: 'Hello World!'", "Close the socket");
        }
    }

    @Test
    void quotesAMessageAsPythonsReprDoes() throws Exception {
        try (Running server = ProtocolEchoServer.start(0, new CapturedOutput().stream())) {
            CapturedOutput output = new CapturedOutput();
            EchoClient.run(server.port(), "it's\tdone", output.stream());
            assertThat(output.lines()).containsExactly(
                    "Send: \"it's\\tdone\"", "Received: \"it's\\tdone\"", "Close the socket");
        }
    }

    @Test
    void aPortWithNoServerFailsWithConnectionRefusedAndPrintsNothing() throws Exception {
        CapturedOutput output = new CapturedOutput();
        int port = Peers.closedPort();
        assertThatThrownBy(() -> EchoClient.run(port, "Hello World!", output.stream()))
                .hasRootCauseInstanceOf(ConnectException.class);
        assertThat(output.text()).isEmpty();
    }
}
