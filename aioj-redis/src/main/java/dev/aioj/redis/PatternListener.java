package dev.aioj.redis;

/**
 * Receives the messages of channels matching subscribed patterns (PSUBSCRIBE).
 *
 * <p>Thread contract: as {@link MessageListener}.
 *
 * @param <V> what the message payload decodes to
 */
@FunctionalInterface
public interface PatternListener<V> {

    /** A message published to {@code channel}, which matched {@code pattern}. */
    void onMessage(String pattern, String channel, V message);
}
