package dev.aioj.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.amqp.testing.RabbitMqBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The harness's promise: a test JVM killed with SIGKILL (a hung test, a
 * cancelled build) does not leave its RabbitMQ node, nor its epmd, running.
 */
class BrokerWatchdogTest {

    /** The child JVM: starts a node, prints its port, waits to be killed. */
    public static void main(String[] args) throws Exception {
        RabbitMqBroker broker = RabbitMqBroker.start();
        System.out.println("PORT " + broker.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // the point: this JVM lives until the test SIGKILLs it
    }

    @Test
    void aKilledTestJvmTakesItsBrokerWithIt() throws Exception {
        Assumptions.assumeTrue(RabbitMqBroker.available(), RabbitMqBroker::missingReason);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                BrokerWatchdogTest.class.getName()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            int port = -1;
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("PORT ")) {
                    port = Integer.parseInt(line.substring(5));
                    break;
                }
            }
            assertThat(port).as("child JVM started a broker").isPositive();
            assertThat(accepts(port)).isTrue();
            List<ProcessHandle> tree = child.descendants().toList();
            assertThat(tree).isNotEmpty();

            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            child.waitFor(10, TimeUnit.SECONDS);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                tree.stream().filter(ProcessHandle::isAlive).findFirst().get().onExit()
                        .get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            assertThat(tree.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " "
                    + p.info().commandLine().orElse("?"))).as("processes left behind").isEmpty();
            assertThat(accepts(port)).isFalse();
        } finally {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
