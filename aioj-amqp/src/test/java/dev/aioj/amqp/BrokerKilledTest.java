package dev.aioj.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.amqp.testing.RabbitMqBroker;
import dev.aioj.loop.EventLoop;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A RabbitMQ node of its own, SIGKILLed mid-stream: without recovery every
 * publish future completes exactly once (ack, or a connection error that
 * says whether the message may have been delivered) and the connection ends;
 * with recovery the in-flight publishes fail the same way, a close during
 * recovery completes at once (yesterday's hang), and once the node is back
 * the connection reopens its channel, declares its queue again and its
 * consumer gets new messages.
 */
class BrokerKilledTest {

    static RabbitMqBroker broker;
    static EventLoop loop;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(RabbitMqBroker.available(), RabbitMqBroker::missingReason);
        broker = RabbitMqBroker.start();
        System.out.println("[aioj-amqp] BrokerKilledTest runs against " + broker.describe());
        loop = EventLoop.create();
    }

    @AfterAll
    static void stop() {
        if (loop != null) loop.close();
        if (broker != null) broker.close();
    }

    @Test
    void everyFutureCompletesOnceAndRecoveryBringsChannelQueueAndConsumerBack() throws Exception {
        AmqpOptions recovering = AmqpOptions.DEFAULTS.withRecovery(Duration.ofMillis(50), Duration.ofMillis(500));
        AmqpConnection plain = AmqpConnection.connect(loop, broker.uri()).get(10, TimeUnit.SECONDS);
        AmqpConnection recovered = AmqpConnection.connect(loop, AmqpUri.parse(broker.uri()), recovering)
                .get(10, TimeUnit.SECONDS);
        AmqpConnection closedWhileRecovering = AmqpConnection.connect(loop, AmqpUri.parse(broker.uri()), recovering)
                .get(10, TimeUnit.SECONDS);

        CompletableFuture<AmqpConnectionException> recoveryStarted = new CompletableFuture<>();
        CompletableFuture<Integer> recoveredAfter = new CompletableFuture<>();
        recovered.addRecoveryListener(new RecoveryListener() {
            @Override
            public void recoveryStarted(AmqpConnectionException cause) {
                recoveryStarted.complete(cause);
            }

            @Override
            public void recovered(int attempts) {
                recoveredAfter.complete(attempts);
            }
        });
        CompletableFuture<Void> retrying = new CompletableFuture<>();
        closedWhileRecovering.addRecoveryListener(new RecoveryListener() {
            @Override
            public void attemptFailed(int attempt, Throwable error, long backoffMillis) {
                retrying.complete(null);
            }
        });

        AmqpChannel plainChannel = plain.openChannel().join();
        plainChannel.confirmSelect().join();
        AmqpChannel channel = recovered.openChannel().join();
        AmqpChannel recoveredSecond = recovered.openChannel().join();
        channel.confirmSelect().join();
        channel.basicQos(50).join();
        String queue = "recovered-" + System.nanoTime();
        channel.queueDeclare(queue, false, false, false, Map.of()).join();
        BlockingQueue<String> consumed = new LinkedBlockingQueue<>();
        CountDownLatch firstThousand = new CountDownLatch(1000);
        channel.basicConsume(queue, false, d -> {
            consumed.add(new String(d.body(), StandardCharsets.UTF_8));
            firstThousand.countDown();
            channel.basicAck(d.deliveryTag(), false);
        }).join();

        // two streams of confirmed publishes, one per connection, until the kill
        AtomicBoolean go = new AtomicBoolean(true);
        ConcurrentLinkedQueue<CompletableFuture<Void>> plainFutures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<CompletableFuture<Void>> recoveredFutures = new ConcurrentLinkedQueue<>();
        AtomicInteger completions = new AtomicInteger();
        Thread publisher = Thread.ofPlatform().start(() -> {
            for (int i = 0; go.get() && i < 200_000; i++) {
                CompletableFuture<Void> a = plainChannel.basicPublish("", queue, "plain " + i);
                CompletableFuture<Void> b = channel.basicPublish("", queue, "before " + i);
                a.whenComplete((v, e) -> completions.incrementAndGet());
                b.whenComplete((v, e) -> completions.incrementAndGet());
                plainFutures.add(a);
                recoveredFutures.add(b);
                if (plainFutures.size() % 256 == 0) {
                    a.handle((v, e) -> null).join(); // a window, so the kill finds messages in flight
                }
            }
        });
        // polling here would empty the queue it waits to fill: count deliveries instead
        assertThat(firstThousand.await(60, TimeUnit.SECONDS)).as("1,000 messages consumed before the kill").isTrue();
        broker.kill();
        go.set(false);
        publisher.join(TimeUnit.SECONDS.toMillis(30));

        // without recovery: every future completes, exactly once, and the connection is closed
        CompletableFuture.allOf(plainFutures.toArray(CompletableFuture[]::new)).handle((v, e) -> null)
                .get(30, TimeUnit.SECONDS);
        plain.closeFuture().get(10, TimeUnit.SECONDS);
        long plainFailed = plainFutures.stream().filter(CompletableFuture::isCompletedExceptionally).count();
        assertThat(plainFailed).isPositive();
        for (CompletableFuture<Void> f : plainFutures) {
            if (f.isCompletedExceptionally()) {
                assertThat(cause(f)).isInstanceOf(AmqpConnectionException.class);
            }
        }

        // with recovery: the publishes in flight at the break fail saying they may have been delivered
        assertThat(recoveryStarted.get(10, TimeUnit.SECONDS).replyCode()).isZero();
        List<CompletableFuture<Void>> inFlight = recoveredFutures.stream()
                .filter(CompletableFuture::isCompletedExceptionally).toList();
        // (how many were in flight at the kill depends on timing; each of them must say so)
        System.out.println("[aioj-amqp] publishes in flight at the kill: " + inFlight.size() + " of "
                + recoveredFutures.size());
        assertThat(inFlight).allSatisfy(f -> assertThat(cause(f)).isInstanceOfSatisfying(
                AmqpConnectionException.class, e -> assertThat(e.mayHaveBeenDelivered()).isTrue()));

        // a close while recovery retries against a dead broker completes, and fails what waits
        retrying.get(10, TimeUnit.SECONDS);
        CompletableFuture<AmqpChannel> openDuringRecovery = closedWhileRecovering.openChannel();
        closedWhileRecovering.closeAsync().get(5, TimeUnit.SECONDS);
        assertThat(openDuringRecovery.handle((c, e) -> e).get(5, TimeUnit.SECONDS))
                .isInstanceOf(AmqpConnectionException.class);

        // a publish made while the broker is down waits for the recovery, then goes out;
        // a channel closed while recovering ends at once and is not reopened
        CompletableFuture<Void> duringOutage = channel.basicPublish("", queue, "during the outage");
        plainChannel.closeAsync().get(5, TimeUnit.SECONDS); // (closed connection: completes at once too)
        AmqpChannel second = recoveredSecond;
        second.closeAsync().get(5, TimeUnit.SECONDS);
        assertThat(second.isOpen()).isFalse();
        broker.restart();
        assertThat(recoveredAfter.get(30, TimeUnit.SECONDS)).isPositive();
        duringOutage.get(10, TimeUnit.SECONDS);
        channel.basicPublish("", queue, "after").get(10, TimeUnit.SECONDS);
        assertThat(channel.isOpen()).isTrue();
        // the queue (not durable, so lost with the node) was declared again, the consumer is back
        String got;
        do {
            got = consumed.poll(10, TimeUnit.SECONDS);
            assertThat(got).as("messages after recovery").isNotNull();
        } while (!got.equals("after"));
        assertThat(completions.get()).isEqualTo(plainFutures.size() + recoveredFutures.size());
        recovered.closeAsync().get(10, TimeUnit.SECONDS);
    }

    private static Throwable cause(CompletableFuture<?> f) {
        try {
            f.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }
}
