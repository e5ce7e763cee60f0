package dev.aioj.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.examples.seed004.StreamsEchoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry and the launcher's Main: every program of the issue is listed, runnable by name, and checked. */
class ExamplesTest {

    private static final List<String> ISSUE_PROGRAMS = List.of(
            "echo-client", "redis-client", "thread-echo", "selector-echo", "protocol-echo", "proxy", "custom-selector", "file-reader",
            "select-server", "select-client", "cache-aside", "amqp-send", "amqp-receive",
            "reactor-udp", "reactor-tcp-echo", "reactor-fib", "loop-udp", "loop-tcp-echo", "loop-fib",
            "udp-client", "fib-client", "streams-server", "streams-client");

    @Test
    void theRegistryHoldsEveryProgramOfTheIssueOnceInSeedOrder() {
        assertThat(Examples.all()).extracting(Example::name).containsExactlyElementsOf(ISSUE_PROGRAMS);
        assertThat(Examples.all()).extracting(Example::seed).isSorted().containsOnly(0, 1, 2, 3, 4);
        assertThat(Examples.find("streams-server")).get().extracting(Example::options).isEqualTo("[--port 10000]");
        assertThat(Examples.find("nope")).isEmpty();
    }

    @Test
    void mainWithoutArgumentsListsEveryExample() {
        CapturedOutput out = new CapturedOutput();
        assertThat(Main.run(List.of(), out.stream(), new CapturedOutput().stream())).isZero();
        for (String name : ISSUE_PROGRAMS) {
            assertThat(out.text()).contains("  " + name + " ");
        }
        assertThat(out.text()).contains("seed 004").contains("[--port 10000]");
    }

    @Test
    void anUnknownNameOrOptionExitsWithTwoAndSaysWhy() {
        CapturedOutput err = new CapturedOutput();
        assertThat(Main.run(List.of("no-such-example"), new CapturedOutput().stream(), err.stream())).isEqualTo(2);
        assertThat(err.text()).contains("no example named 'no-such-example'").contains("streams-client");
        CapturedOutput err2 = new CapturedOutput();
        assertThat(Main.run(List.of("streams-client", "--prot", "1"), new CapturedOutput().stream(), err2.stream()))
                .isEqualTo(2);
        assertThat(err2.text()).contains("unknown option: --prot (known: --port)")
                .contains("usage: ./aioj example streams-client [--port 10000]");
        CapturedOutput err3 = new CapturedOutput();
        assertThat(Main.run(List.of("streams-client", "--port", "70000"), new CapturedOutput().stream(), err3.stream()))
                .isEqualTo(2);
        assertThat(err3.text()).contains("--port out of range: 70000");
    }

    @Test
    void clientProgramsRunByNameThroughMain(@TempDir Path dir) throws Exception {
        try (StreamsEchoServer server = StreamsEchoServer.start(0, new CapturedOutput().stream())) {
            CapturedOutput out = new CapturedOutput();
            int status = Main.run(List.of("streams-client", "--port", Integer.toString(server.port())), out.stream(),
                    new CapturedOutput().stream());
            assertThat(status).isZero();
            assertThat(out.text()).contains("echo_client: closing");
        }
        Path file = dir.resolve("f.bin");
        Files.write(file, Peers.randomBytes(100_000, 1));
        CapturedOutput out = new CapturedOutput();
        int status = Main.run(List.of("file-reader", "--file", file.toString(), "--chunk", "4096"), out.stream(),
                new CapturedOutput().stream());
        assertThat(status).isZero();
        assertThat(out.text()).contains("done: 100000 bytes in 25 chunks");
    }

    @Test
    void aClientThatCannotConnectExitsWithOne() throws Exception {
        CapturedOutput err = new CapturedOutput();
        int status = Main.run(List.of("streams-client", "--port", Integer.toString(Peers.closedPort())),
                new CapturedOutput().stream(), err.stream());
        assertThat(status).isEqualTo(1);
        assertThat(err.text()).contains("aioj example streams-client failed").contains("Connect");
    }
}
