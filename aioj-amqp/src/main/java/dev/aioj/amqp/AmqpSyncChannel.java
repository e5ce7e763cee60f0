package dev.aioj.amqp;

import java.util.Map;

/**
 * The blocking view of an {@link AmqpChannel} ({@link AmqpChannel#sync()}),
 * for code on virtual threads or a main method: each method is the channel's
 * method of the same name and parameters, waiting for its future; failures
 * are thrown as the {@link AmqpException} the future failed with. Every
 * method refuses to run on an event loop thread ({@link
 * IllegalStateException}: it would wait for the thread that must answer).
 * There is no hand-kept twin: each call is dispatched to the async method by
 * name, and {@code SyncChannelTest} checks that each has one.
 */
public interface AmqpSyncChannel {

    QueueInfo queueDeclare(String queue);

    QueueInfo queueDeclare(String queue, boolean durable, boolean exclusive, boolean autoDelete,
            Map<String, Object> arguments);

    QueueInfo queueDeclarePassive(String queue);

    Integer queueDelete(String queue);

    Integer queuePurge(String queue);

    Void queueBind(String queue, String exchange, String routingKey);

    Void queueBind(String queue, String exchange, String routingKey, Map<String, Object> arguments);

    Void exchangeDeclare(String exchange, String type, boolean durable, boolean autoDelete,
            Map<String, Object> arguments);

    Void exchangeDelete(String exchange);

    Void basicQos(int prefetchCount);

    Void confirmSelect();

    /** Waits for the broker's ack in confirm mode. */
    Void basicPublish(String exchange, String routingKey, String body);

    Void basicPublish(String exchange, String routingKey, boolean mandatory, BasicProperties properties,
            byte[] body);

    String basicConsume(String queue, boolean autoAck, DeliverCallback callback);

    Void basicCancel(String consumerTag);

    Void closeAsync();
}
