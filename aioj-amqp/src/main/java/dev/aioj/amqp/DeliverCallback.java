package dev.aioj.amqp;

/**
 * Receives a consumer's messages, one at a time, on the connection's loop
 * thread: it must not block (hand slow work to {@code loop.runBlocking}). An
 * exception it throws goes to the loop's exception handler; the consumer
 * goes on.
 */
@FunctionalInterface
public interface DeliverCallback {

    void handle(Delivery delivery);

    /**
     * The consumer ended without {@code basicCancel} from this client: the
     * broker cancelled it (its queue was deleted; {@code byBroker} true) or
     * its channel closed. Default: nothing.
     */
    default void cancelled(String consumerTag, boolean byBroker) {}
}
