package dev.aioj.amqp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The consumers of one {@link AmqpChannel} and the messages delivered to
 * them: consumer tags ({@code aioj-<channel>-<n>}), the callback each
 * delivery reaches, the broker's basic.cancel, and delivery tags that stay
 * unique across recoveries. A new socket restarts the broker's numbering, so
 * the channel adds the last tag seen before it ({@code tagBase}); a tag at
 * or below it belongs to a socket that is gone, and an ack of it is dropped.
 *
 * <p>Thread contract: loop thread only. Callbacks run through the channel's
 * {@link AmqpChannel#safely}: what they throw goes to the loop's handler.
 */
final class Consumers {

    private final AmqpChannel channel;
    private final Map<String, RegisteredConsumer> byTag = new LinkedHashMap<>();
    private int serial;
    /** Delivery tags handed out before the last recovery: acks at or below are stale and dropped. */
    private long tagBase;
    private long lastTag;

    Consumers(AmqpChannel channel) {
        this.channel = channel;
    }

    /** A tag for a new consumer, unique on this channel. */
    String nextTag() {
        return "aioj-" + channel.id + "-" + ++serial;
    }

    void add(RegisteredConsumer c) {
        byTag.put(c.tag, c);
    }

    /** Forgets {@code c} if it is still the consumer of {@code tag} (its basic.consume failed). */
    void remove(String tag, RegisteredConsumer c) {
        byTag.remove(tag, c);
    }

    /** basic.cancel-ok: forgets the consumer of {@code tag}. */
    void remove(String tag) {
        byTag.remove(tag);
    }

    /** A copy, in the order they were registered: recovery consumes again while it walks it. */
    List<RegisteredConsumer> all() {
        return List.copyOf(byTag.values());
    }

    /** A whole message for a consumer: to its callback, with a delivery tag unique across recoveries. */
    void deliver(Method.BasicDeliver d, BasicProperties props, byte[] body) {
        RegisteredConsumer c = byTag.get(d.consumerTag());
        lastTag = Math.max(lastTag, tagBase + d.deliveryTag());
        if (c == null) return; // cancelled meanwhile; the broker requeues unacked ones at close
        Delivery delivery = new Delivery(d.consumerTag(), tagBase + d.deliveryTag(), d.redelivered(),
                d.exchange(), d.routingKey(), props, body);
        channel.safely(() -> c.callback.handle(delivery));
    }

    /** The broker cancelled a consumer (its queue was deleted, say): its callback hears it. */
    void cancelledByBroker(String tag) {
        RegisteredConsumer consumer = byTag.remove(tag);
        if (consumer != null) channel.safely(() -> consumer.callback.cancelled(tag, true));
    }

    /** The channel is gone: each consumer hears it is cancelled, and none is left. */
    void cancelAll() {
        for (RegisteredConsumer c : List.copyOf(byTag.values())) {
            channel.safely(() -> c.callback.cancelled(c.tag, false));
        }
        byTag.clear();
    }

    /** The socket broke: tags the next socket hands out come after every tag seen so far. */
    void linkLost() {
        tagBase = lastTag;
    }

    /** The broker's number for {@code deliveryTag} on the socket now, or -1 if it was handed out by a lost one. */
    long brokerTag(long deliveryTag) {
        return deliveryTag <= tagBase ? -1 : deliveryTag - tagBase;
    }
}
