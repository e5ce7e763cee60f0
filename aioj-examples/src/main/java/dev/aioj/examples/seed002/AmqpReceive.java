package dev.aioj.examples.seed002;

import dev.aioj.amqp.AmqpChannel;
import dev.aioj.amqp.AmqpConnection;
import dev.aioj.loop.EventLoop;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The receiving side of seed 002's RabbitMQ hello world (RabbitMQ's classic
 * counterpart of the seed's send script): declare {@code hello}, consume it
 * with automatic acks, print each body. Runs until Ctrl-C, or until {@code
 * count} messages arrived when {@code count > 0}. The consumer's callback
 * runs on the loop thread and only prints.
 *
 * <p>Thread contract: {@link #run} blocks its caller (never a loop thread).
 */
public final class AmqpReceive {

    private AmqpReceive() {}

    /** Returns the number of messages received. */
    public static int run(String uri, int count, PrintStream out) throws Exception {
        try (EventLoop loop = EventLoop.create()) {
            AmqpConnection connection = AmqpConnection.connect(loop, uri).get(10, TimeUnit.SECONDS);
            try {
                AmqpChannel channel = connection.openChannel().get(10, TimeUnit.SECONDS);
                channel.queueDeclare(AmqpSend.QUEUE).get(10, TimeUnit.SECONDS);
                CountDownLatch done = new CountDownLatch(count > 0 ? count : 1);
                int[] received = {0};
                out.println(" [*] Waiting for messages. To exit press CTRL+C"); // before any message, as pika
                channel.basicConsume(AmqpSend.QUEUE, true, delivery -> {
                    out.println(" [x] Received '" + new String(delivery.body(), StandardCharsets.UTF_8) + "'");
                    received[0]++;
                    if (count > 0) done.countDown();
                }).get(10, TimeUnit.SECONDS);
                if (count > 0) {
                    done.await(); // Ctrl-C ends the JVM; --count ends the wait
                } else {
                    connection.closeFuture().get(); // until Ctrl-C, or the broker closes the connection
                }
                return count > 0 ? count : received[0];
            } finally {
                connection.closeAsync().get(10, TimeUnit.SECONDS);
            }
        }
    }
}
