package dev.aioj.amqp.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The JVM's shared RabbitMQ node for a test class:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final RabbitMqExtension rabbit = new RabbitMqExtension();
 * </pre>
 *
 * Starts the node before the first class that needs it (one start per test
 * JVM: a node takes seconds to boot), prints which broker the class runs
 * against, and skips the class, saying why, when rabbitmq-server is not
 * installed. The node stops when the JVM exits ({@link RabbitMqBroker}).
 */
public final class RabbitMqExtension implements BeforeAllCallback {

    private RabbitMqBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        Assumptions.assumeTrue(RabbitMqBroker.available(), RabbitMqBroker::missingReason);
        broker = RabbitMqBroker.shared();
        System.out.println("[aioj-amqp] " + context.getDisplayName() + " runs against " + broker.describe());
    }

    public RabbitMqBroker broker() {
        if (broker == null) throw new IllegalStateException("register the extension on a static field");
        return broker;
    }

    public String uri() {
        return broker().uri();
    }
}
