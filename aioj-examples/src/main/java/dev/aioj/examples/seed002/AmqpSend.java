package dev.aioj.examples.seed002;

import dev.aioj.amqp.AmqpChannel;
import dev.aioj.amqp.AmqpConnection;
import dev.aioj.loop.EventLoop;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Seed 002's RabbitMQ "send" (pika's hello world) on aioj-amqp: declare the
 * queue {@code hello}, publish {@code Hello World!} through the default
 * exchange (routing key = queue name), close. Same steps and output as the
 * seed's script; the connection runs on an aioj loop, so the same program
 * could talk to Redis on that loop too.
 *
 * <p>Thread contract: {@link #run} blocks its caller (never a loop thread).
 */
public final class AmqpSend {

    /** The seed's {@code ConnectionParameters('localhost')}: RabbitMQ's default port. */
    public static final String DEFAULT_URI = "amqp://127.0.0.1:5672";
    static final String QUEUE = "hello";
    static final String MESSAGE = "Hello World!";

    private AmqpSend() {}

    public static void run(String uri, PrintStream out) throws Exception {
        try (EventLoop loop = EventLoop.create()) {
            AmqpConnection connection = AmqpConnection.connect(loop, uri).get(10, TimeUnit.SECONDS);
            try {
                AmqpChannel channel = connection.openChannel().get(10, TimeUnit.SECONDS);
                channel.queueDeclare(QUEUE).get(10, TimeUnit.SECONDS);
                // a message never goes straight to a queue: it goes through an exchange, here the default one
                channel.basicPublish("", QUEUE, MESSAGE).get(10, TimeUnit.SECONDS);
                out.println(" [x] Sent '" + MESSAGE + "'");
            } finally {
                connection.closeAsync().get(10, TimeUnit.SECONDS);
            }
        }
    }
}
