package dev.aioj.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.amqp.testing.RabbitMqBroker;
import dev.aioj.loop.EventLoop;
import dev.aioj.redis.testing.TlsMaterial;
import dev.aioj.tls.Tls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** amqps:// against a RabbitMQ node with a TLS listener (throwaway CA and certificate). */
class TlsTest {

    static RabbitMqBroker broker;
    static TlsMaterial tls;
    static EventLoop loop;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(RabbitMqBroker.available(), RabbitMqBroker::missingReason);
        Path dir = Files.createDirectories(Path.of("target", "rabbitmq-tls").toAbsolutePath());
        tls = TlsMaterial.generate(dir);
        broker = RabbitMqBroker.start(new RabbitMqBroker.TlsFiles(tls.caCertificate(), tls.serverCertificate(),
                tls.serverKey()));
        System.out.println("[aioj-amqp] TlsTest runs against " + broker.describe() + ", amqps on "
                + broker.tlsPort());
        loop = EventLoop.create();
    }

    @AfterAll
    static void stop() {
        if (loop != null) loop.close();
        if (broker != null) broker.close();
    }

    @Test
    void publishAndConsumeOverAmqps() throws Exception {
        AmqpConnection c = AmqpConnection.connect(loop, AmqpUri.parse("amqps://127.0.0.1:" + broker.tlsPort()),
                AmqpOptions.DEFAULTS.withTls(Tls.client(tls.trustingContext()))).get(30, TimeUnit.SECONDS);
        AmqpChannel ch = c.openChannel().join();
        ch.confirmSelect().join();
        String q = ch.queueDeclare("", false, true, true, Map.of()).join().queue();
        byte[] big = new byte[300_000]; // several TLS records and AMQP frames
        new java.util.Random(3).nextBytes(big);
        ch.basicPublish("", q, false, BasicProperties.EMPTY, big).get(10, TimeUnit.SECONDS);
        ch.basicPublish("", q, "over TLS").get(10, TimeUnit.SECONDS);
        BlockingQueue<byte[]> got = new ArrayBlockingQueue<>(4);
        ch.basicConsume(q, true, d -> got.add(d.body())).join();
        assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo(big);
        assertThat(new String(got.poll(10, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo("over TLS");
        c.closeAsync().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anUntrustedCertificateFailsTheConnect() {
        // the JDK's default trust store does not know the test CA
        assertThatThrownBy(() -> AmqpConnection.connect(loop, "amqps://127.0.0.1:" + broker.tlsPort())
                .get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(AmqpConnectionException.class);
    }
}
