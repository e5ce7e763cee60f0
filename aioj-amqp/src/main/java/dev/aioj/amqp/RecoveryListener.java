package dev.aioj.amqp;

/**
 * Hears of automatic recovery ({@link AmqpOptions#withRecovery}), on the
 * connection's loop thread, with no lock held: a callback may call the
 * connection and its channels. What it throws goes to the loop's exception
 * handler.
 */
public interface RecoveryListener {

    /** The socket was lost (or the broker forced a close): recovery begins. */
    default void recoveryStarted(AmqpConnectionException cause) {}

    /** A new socket is open, channels, topology and consumers are back, after {@code attempts} connects. */
    default void recovered(int attempts) {}

    /** One reconnect attempt failed; the next comes after {@code backoffMillis}. */
    default void attemptFailed(int attempt, Throwable error, long backoffMillis) {}
}
