package dev.aioj.amqp;

import java.util.Map;

/**
 * A consumer of one channel as this client registered it: its tag, queue,
 * options and callback, kept for delivering and for consuming again after a
 * recovery. Immutable; the channel's map of them is loop thread only.
 */
final class RegisteredConsumer {
    final String tag;
    final String queue;
    final boolean autoAck, exclusive;
    final Map<String, Object> arguments;
    final DeliverCallback callback;

    RegisteredConsumer(String tag, String queue, boolean autoAck, boolean exclusive, Map<String, Object> arguments,
            DeliverCallback callback) {
        this.tag = tag;
        this.queue = queue;
        this.autoAck = autoAck;
        this.exclusive = exclusive;
        this.arguments = arguments;
        this.callback = callback;
    }
}
