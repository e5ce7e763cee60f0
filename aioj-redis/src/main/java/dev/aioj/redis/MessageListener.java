package dev.aioj.redis;

/**
 * Receives the messages published to subscribed channels.
 *
 * <p>Thread contract: called on the connection's loop thread, in the order the
 * server sent the messages. Keep it short (hand heavy work to an executor):
 * while it runs, no reply on this connection is processed. An exception it
 * throws is reported to the loop's exception handler; later messages still come.
 *
 * @param <V> what the message payload decodes to
 */
@FunctionalInterface
public interface MessageListener<V> {

    /** A message published to {@code channel}. */
    void onMessage(String channel, V message);
}
