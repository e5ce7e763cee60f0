package dev.aioj.examples.seed002;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aioj.amqp.AmqpChannel;
import dev.aioj.amqp.AmqpConnection;
import dev.aioj.amqp.testing.RabbitMqExtension;
import dev.aioj.examples.PythonSeeds;
import dev.aioj.loop.EventLoop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seed 002's RabbitMQ hello world against a real RabbitMQ: our send then our
 * receive, the seed's own pika send then our receive, our send then a pika
 * consumer.
 */
class AmqpHelloWorldTest {

    @RegisterExtension
    static final RabbitMqExtension rabbit = new RabbitMqExtension();

    @BeforeEach
    void emptyTheHelloQueue() throws Exception {
        try (EventLoop loop = EventLoop.create()) {
            AmqpConnection c = AmqpConnection.connect(loop, rabbit.uri()).get(10, TimeUnit.SECONDS);
            AmqpChannel ch = c.openChannel().get(10, TimeUnit.SECONDS);
            ch.queueDeclare("hello").get(10, TimeUnit.SECONDS);
            ch.queuePurge("hello").get(10, TimeUnit.SECONDS);
            c.closeAsync().get(10, TimeUnit.SECONDS);
        }
    }

    private static String send() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AmqpSend.run(rabbit.uri(), new PrintStream(printed, true, StandardCharsets.UTF_8));
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static String receive(int count) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AmqpReceive.run(rabbit.uri(), count, new PrintStream(printed, true, StandardCharsets.UTF_8));
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ourSendThenOurReceive() throws Exception {
        assertThat(send()).isEqualTo(" [x] Sent 'Hello World!'\n");
        assertThat(send()).isEqualTo(" [x] Sent 'Hello World!'\n");
        assertThat(receive(2)).isEqualTo(" [*] Waiting for messages. To exit press CTRL+C\n"
                + " [x] Received 'Hello World!'\n [x] Received 'Hello World!'\n");
    }

    @Test
    void theSeedsPikaSendThenOurReceive() throws Exception {
        List<String> seed = PythonSeeds.runWith(pythonWithPika(), "seed002_rabbitmq_send.py", Integer.toString(rabbit.broker().port()));
        assertThat(seed).containsExactly(" [x] Sent 'Hello World!'");
        assertThat(receive(1)).contains(" [x] Received 'Hello World!'\n");
    }

    @Test
    void ourSendThenAPikaConsumer() throws Exception {
        String python = pythonWithPika();
        send();
        List<String> pika = PythonSeeds.runWith(python, "seed002_rabbitmq_receive.py", Integer.toString(rabbit.broker().port()),
                "1");
        assertThat(pika).containsExactly(" [*] Waiting for messages. To exit press CTRL+C",
                " [x] Received 'Hello World!'");
    }

    /** The first python3 that imports pika: the one on PATH, else Debian's (python3-pika); skips if none. */
    private static String pythonWithPika() throws Exception {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import pika").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) return python;
            } catch (java.io.IOException e) {
                // not there: try the next
            }
        }
        assumeTrue(false, "no python3 with pika (apt-get install python3-pika): the pika interop tests are skipped");
        return null;
    }
}
