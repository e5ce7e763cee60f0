package dev.aioj.examples.seed001;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.examples.CapturedOutput;
import dev.aioj.examples.Peers;
import dev.aioj.examples.support.Running;
import java.io.PrintStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Seed 001's four echo servers, each started on port 0 and spoken to by plain JDK sockets. */
class EchoServersTest {

    @FunctionalInterface
    interface Starter {
        Running start(int port, PrintStream out) throws Exception;
    }

    static Stream<Arguments> servers() {
        return Stream.of(
                Arguments.of("thread-echo", (Starter) ThreadPerConnectionEchoServer::start),
                Arguments.of("selector-echo", (Starter) SelectorEchoServer::start),
                Arguments.of("protocol-echo", (Starter) ProtocolEchoServer::start),
                Arguments.of("custom-selector", (Starter) CustomSelectorEchoServer::start));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void echoesAMegabyteToEachOfThreeClientsAtOnceAndFreesItsPortOnClose(String name, Starter starter)
            throws Exception {
        CapturedOutput output = new CapturedOutput();
        Running server = starter.start(0, output.stream());
        int port = server.port();
        try {
            List<CompletableFuture<byte[]>> echoes = new ArrayList<>();
            List<byte[]> payloads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                byte[] payload = Peers.randomBytes(1024 * 1024, i);
                payloads.add(payload);
                echoes.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return Peers.echo(port, payload);
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                }, command -> Thread.ofVirtual().start(command)));
            }
            for (int i = 0; i < 3; i++) {
                assertThat(echoes.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(payloads.get(i));
            }
            output.awaitContains("closed");
            assertThat(output.text()).contains("connection from /127.0.0.1:");
        } finally {
            server.close();
        }
        assertThatThrownBy(() -> Peers.connect(port)).isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void threadEchoServesEachConnectionOnAThreadOfItsOwn() throws Exception {
        CapturedOutput output = new CapturedOutput();
        try (ThreadPerConnectionEchoServer server = ThreadPerConnectionEchoServer.start(0, output.stream());
                Socket a = Peers.connect(server.port());
                Socket b = Peers.connect(server.port())) {
            output.awaitContains("connection from /127.0.0.1:" + a.getLocalPort() + " on thread thread-echo-"
                    + a.getLocalPort());
            output.awaitContains("connection from /127.0.0.1:" + b.getLocalPort() + " on thread thread-echo-"
                    + b.getLocalPort());
        }
    }

    @Test
    void customSelectorLogsWhatTheLoopOpensThroughTheProviderAndItsPolls() throws Exception {
        CapturedOutput output = new CapturedOutput();
        try (CustomSelectorEchoServer server = CustomSelectorEchoServer.start(0, output.stream())) {
            assertThat(Peers.echo(server.port(), "hi".getBytes())).isEqualTo("hi".getBytes());
            output.awaitContains("loop polled its selector ");
            assertThat(output.text())
                    .contains("provider: opened selector #1")
                    .contains("provider: opened server socket channel #1")
                    .contains("and selector provider CountingSelectorProvider");
            assertThat(server.channelsOpenedThroughProvider()).isEqualTo(2);
        }
    }
}
