package dev.aioj.amqp;

/**
 * Hears the broker's connection.blocked (a memory or disk alarm: publishes
 * wait) and connection.unblocked, on the connection's loop thread. What it
 * throws goes to the loop's exception handler.
 */
public interface BlockedListener {

    void blocked(String reason);

    void unblocked();
}
