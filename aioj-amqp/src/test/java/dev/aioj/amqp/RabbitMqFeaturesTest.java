package dev.aioj.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.amqp.testing.RabbitMqExtension;
import dev.aioj.loop.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What only RabbitMQ does among the brokers the tests use: basic.nack,
 * connection.blocked during a memory alarm, consumer cancel notification.
 */
class RabbitMqFeaturesTest {

    @RegisterExtension
    static final RabbitMqExtension rabbit = new RabbitMqExtension();

    static EventLoop loop;
    static AmqpConnection connection;

    @BeforeAll
    static void connect() {
        loop = EventLoop.create();
        connection = AmqpConnection.connect(loop, rabbit.uri()).join();
    }

    @AfterAll
    static void close() {
        if (connection != null) connection.closeAsync().join();
        if (loop != null) loop.close();
    }

    @Test
    void aPublishTheQueueRejectsFailsWithNack() {
        AmqpChannel ch = connection.openChannel().join();
        ch.confirmSelect().join();
        String q = ch.queueDeclare("", false, true, true, Map.of("x-max-length", 1, "x-overflow", "reject-publish"))
                .join().queue();
        ch.basicPublish("", q, "first").join();
        CompletableFuture<Void> second = ch.basicPublish("", q, "second");
        assertThatThrownBy(second::join).cause().isInstanceOfSatisfying(AmqpPublishException.class,
                e -> assertThat(e.kind()).isEqualTo(AmqpPublishException.Kind.NACKED));
        assertThat(ch.isOpen()).isTrue();
        ch.closeAsync().join();
    }

    @Test
    void deletingTheQueueCancelsItsConsumerAndTellsTheCallback() throws Exception {
        AmqpChannel ch = connection.openChannel().join();
        String q = ch.queueDeclare("", false, false, true, Map.of()).join().queue();
        CompletableFuture<String> cancelled = new CompletableFuture<>();
        String tag = ch.basicConsume(q, true, new DeliverCallback() {
            @Override
            public void handle(Delivery delivery) {}

            @Override
            public void cancelled(String consumerTag, boolean byBroker) {
                cancelled.complete(consumerTag + " " + byBroker);
            }
        }).join();
        AmqpChannel other = connection.openChannel().join();
        other.queueDelete(q).join();
        assertThat(cancelled.get(10, TimeUnit.SECONDS)).isEqualTo(tag + " true");
        assertThat(ch.isOpen()).isTrue();
        ch.closeAsync().join();
        other.closeAsync().join();
    }

    @Test
    void aMemoryAlarmMakesPublishesWaitWithoutBlockingAThreadAndTheyGoOutAfter() throws Exception {
        AmqpChannel ch = connection.openChannel().join();
        ch.confirmSelect().join();
        String q = ch.queueDeclare("", false, true, true, Map.of()).join().queue();
        CompletableFuture<String> blocked = new CompletableFuture<>();
        CompletableFuture<Void> unblocked = new CompletableFuture<>();
        connection.addBlockedListener(new BlockedListener() {
            @Override
            public void blocked(String reason) {
                blocked.complete(reason);
            }

            @Override
            public void unblocked() {
                unblocked.complete(null);
            }
        });
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        rabbit.broker().ctl("set_vm_memory_high_watermark", "0.0000001");
        try {
            // the broker blocks a connection when it publishes during the alarm
            sent.add(ch.basicPublish("", q, "during the alarm"));
            assertThat(blocked.get(30, TimeUnit.SECONDS)).contains("memory");
            assertThat(connection.isBlocked()).isTrue();
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                sent.add(ch.basicPublish("", q, "held " + i));
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("publishing did not block")
                    .isLessThan(5_000);
            assertThat(sent.subList(1, sent.size())).noneMatch(CompletableFuture::isDone);
        } finally {
            rabbit.broker().ctl("set_vm_memory_high_watermark", "0.9");
        }
        unblocked.get(30, TimeUnit.SECONDS);
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(connection.isBlocked()).isFalse();
        assertThat(ch.queueDeclarePassive(q).get(30, TimeUnit.SECONDS).messageCount()).isEqualTo(101);
        ch.closeAsync().join();
    }
}
