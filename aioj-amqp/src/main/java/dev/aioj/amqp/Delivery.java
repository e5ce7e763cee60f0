package dev.aioj.amqp;

/**
 * One message given to a consumer (basic.deliver) or by {@code basicGet}:
 * where it came from, its delivery tag (for {@link AmqpChannel#basicAck}),
 * its properties and its body (owned by the receiver). Immutable, any thread.
 */
public record Delivery(String consumerTag, long deliveryTag, boolean redelivered, String exchange,
        String routingKey, BasicProperties properties, byte[] body) {}
