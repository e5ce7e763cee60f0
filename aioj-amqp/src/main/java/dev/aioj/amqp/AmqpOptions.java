package dev.aioj.amqp;

import dev.aioj.tls.Tls;
import java.time.Duration;
import java.util.Objects;

/**
 * What a connection needs beyond its URI: TLS for {@code amqps://} (default:
 * the JDK's default trust store, host names verified), the connection name
 * shown in RabbitMQ's management UI, the largest message body accepted from
 * the broker, and opt-in automatic recovery with its backoff. Immutable, any
 * thread.
 */
public record AmqpOptions(Tls tls, String connectionName, long maxMessageBytes, boolean recovery,
        Duration recoveryBackoffMin, Duration recoveryBackoffMax) {

    /** RabbitMQ's default max_message_size (128 MiB): a larger body header is a protocol error. */
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 128L * 1024 * 1024;

    public static final AmqpOptions DEFAULTS = new AmqpOptions(null, null, DEFAULT_MAX_MESSAGE_BYTES, false,
            Duration.ofMillis(100), Duration.ofSeconds(5));

    public AmqpOptions {
        Objects.requireNonNull(recoveryBackoffMin, "recoveryBackoffMin");
        Objects.requireNonNull(recoveryBackoffMax, "recoveryBackoffMax");
        if (maxMessageBytes <= 0) throw new IllegalArgumentException("maxMessageBytes <= 0: " + maxMessageBytes);
        if (recoveryBackoffMax.compareTo(recoveryBackoffMin) < 0) {
            throw new IllegalArgumentException("recoveryBackoffMax < recoveryBackoffMin: " + recoveryBackoffMax
                    + " < " + recoveryBackoffMin);
        }
    }

    public AmqpOptions withTls(Tls tls) {
        return new AmqpOptions(tls, connectionName, maxMessageBytes, recovery, recoveryBackoffMin, recoveryBackoffMax);
    }

    public AmqpOptions withConnectionName(String name) {
        return new AmqpOptions(tls, name, maxMessageBytes, recovery, recoveryBackoffMin, recoveryBackoffMax);
    }

    public AmqpOptions withMaxMessageBytes(long bytes) {
        return new AmqpOptions(tls, connectionName, bytes, recovery, recoveryBackoffMin, recoveryBackoffMax);
    }

    /** Turns automatic recovery on, reconnecting after min, doubling up to max between attempts. */
    public AmqpOptions withRecovery(Duration backoffMin, Duration backoffMax) {
        return new AmqpOptions(tls, connectionName, maxMessageBytes, true, backoffMin, backoffMax);
    }
}
